using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using HooksDashboard.Events;
using HooksDashboard.Hooks;
using HooksDashboard.Identity.Users.Search;
using HooksDashboard.Storage;

namespace HooksDashboard.Identity.Users;

/// <summary>
/// <see cref="IUserStore"/> on either engine (<see cref="IDatabase"/>; the name predates PostgreSQL). Metadata objects
/// are stored as JSON text on both (PostgreSQL's search casts them to jsonb, see <see cref="UserQuerySql"/>); the
/// unique indexes on the normalized email and username are what refuse a duplicate, also between instances. Post-*
/// events are queued through <paramref name="queue"/> (the engine's <see cref="IHookEventStore"/>) inside the
/// transaction that changes the user, so both commit or neither does.
/// </summary>
public sealed class SqliteUserStore(IDatabase database, IHookEventStore queue, TimeProvider time) : IUserStore
{
    /// <summary>The write scope of every transaction over users and their reset tickets.</summary>
    internal const string WriteScope = "users";

    private const string Columns = """
        id AS Id, connection_id AS ConnectionId, email AS Email, username AS Username, email_verified AS EmailVerified,
        user_metadata AS UserMetadata, app_metadata AS AppMetadata, created_at AS CreatedAt, updated_at AS UpdatedAt,
        last_password_reset AS LastPasswordReset, blocked AS Blocked, name AS Name, nickname AS Nickname,
        given_name AS GivenName, family_name AS FamilyName, picture AS Picture, phone_number AS PhoneNumber
        """;

    private const string InsertSql = """
        INSERT INTO users (id, connection_id, email, email_normalized, username, username_normalized, password_hash,
                           email_verified, user_metadata, app_metadata, created_at, updated_at,
                           blocked, name, nickname, given_name, family_name, picture, phone_number)
        VALUES (@Id, @ConnectionId, @Email, @EmailNormalized, @Username, @UsernameNormalized, @PasswordHash,
                @EmailVerified, @UserMetadata, @AppMetadata, @CreatedAt, @UpdatedAt,
                @Blocked, @Name, @Nickname, @GivenName, @FamilyName, @Picture, @PhoneNumber);
        """;

    private const string GetSql = "SELECT " + Columns + " FROM users WHERE id = @Id;";

    private const string ExistsSql = """
        SELECT
            EXISTS (SELECT 1 FROM users WHERE connection_id = @ConnectionId AND email_normalized = @EmailNormalized) AS Email,
            EXISTS (SELECT 1 FROM users WHERE connection_id = @ConnectionId AND username_normalized = @UsernameNormalized) AS Username;
        """;

    private const string FindByEmailSql = "SELECT " + Columns + " FROM users WHERE connection_id = @ConnectionId AND email_normalized = @EmailNormalized;";

    private const string SearchWhere = """
         FROM users
        WHERE @Pattern IS NULL OR email_normalized LIKE @Pattern ESCAPE '\' OR username_normalized LIKE @Pattern ESCAPE '\'
        """;

    private const string SearchSql = "SELECT " + Columns + SearchWhere + " ORDER BY created_at DESC, id DESC LIMIT @Limit OFFSET @Offset;";

    private const string CountSql = "SELECT COUNT(*)" + SearchWhere + ";";

    private const string UpdateSql = """
        UPDATE users SET email_verified = @EmailVerified, user_metadata = @UserMetadata, app_metadata = @AppMetadata, updated_at = @Now
        WHERE id = @Id;
        """;

    private const string DeleteSql = "DELETE FROM users WHERE id = @Id;";

    private const string UpdateProfileSql = """
        UPDATE users SET email = @Email, email_normalized = @EmailNormalized, username = @Username, username_normalized = @UsernameNormalized,
                         email_verified = @EmailVerified, blocked = @Blocked, name = @Name, nickname = @Nickname, given_name = @GivenName,
                         family_name = @FamilyName, picture = @Picture, phone_number = @PhoneNumber,
                         user_metadata = @UserMetadata, app_metadata = @AppMetadata, updated_at = @Now
        WHERE id = @Id;
        """;

    private const string SetPasswordSql = """
        UPDATE users SET password_hash = @PasswordHash, last_password_reset = @Now, updated_at = @Now WHERE id = @Id;
        """;

    private const string InsertTicketSql = """
        INSERT INTO password_reset_tickets (token_hash, user_id, created_at, expires_at) VALUES (@TokenHash, @UserId, @Now, @ExpiresAt);
        """;

    private const string TicketUserSql = "SELECT " + Columns + """
         FROM users WHERE id = (
            SELECT user_id FROM password_reset_tickets WHERE token_hash = @TokenHash AND used_at IS NULL AND expires_at > @Now);
        """;

    // Marks the ticket used and names its user in one statement: a second redemption finds nothing to update.
    private const string UseTicketSql = """
        UPDATE password_reset_tickets SET used_at = @Now
        WHERE token_hash = @TokenHash AND used_at IS NULL AND expires_at > @Now
        RETURNING user_id;
        """;

    public async Task<User> CreateAsync(NewUser user, HookEventDraft? queued, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var u = user.User;
        var row = new
        {
            u.Id,
            u.ConnectionId,
            u.Email,
            EmailNormalized = UserRules.NormalizeEmail(u.Email),
            u.Username,
            UsernameNormalized = u.Username is null ? null : UserRules.NormalizeUsername(u.Username),
            user.PasswordHash,
            u.EmailVerified,
            UserMetadata = u.UserMetadata.ToJsonString(),
            AppMetadata = u.AppMetadata.ToJsonString(),
            u.CreatedAt,
            u.UpdatedAt,
            u.Blocked,
            u.Profile.Name,
            u.Profile.Nickname,
            u.Profile.GivenName,
            u.Profile.FamilyName,
            u.Profile.Picture,
            u.Profile.PhoneNumber,
        };

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, WriteScope, cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (DbException exception) when (Conflict(exception) is { } conflict)
        {
            throw conflict;
        }
        // A hook's own request queues no post-* event (HookRequestOrigin): it could otherwise loop through the queue.
        if (HookRequestOrigin.IsHook)
            queued = null;
        if (queued is not null)
            await queue.EnqueueAsync(connection, transaction, queued.TriggerId, queued.Payload, queued.RequestId, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (queued is not null)
            queue.Wake();
        return u;
    }

    public async Task<User?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(connection, null, id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<(bool Email, bool Username)> ExistsAsync(string connectionId, string email, string? username, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var parameters = new
        {
            ConnectionId = connectionId,
            EmailNormalized = UserRules.NormalizeEmail(email),
            UsernameNormalized = username is null ? null : UserRules.NormalizeUsername(username),
        };
        var row = await connection.QuerySingleAsync<ExistsRow>(new CommandDefinition(ExistsSql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (row.Email, row.Username);
    }

    public async Task<User?> FindByEmailAsync(string connectionId, string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            FindByEmailSql, new { ConnectionId = connectionId, EmailNormalized = UserRules.NormalizeEmail(email) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToUser();
    }

    public async Task<UserPage> SearchAsync(string? query, int page, int perPage, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfLessThan(perPage, 1);
        var pattern = string.IsNullOrWhiteSpace(query) ? null : "%" + EscapeLike(query.Trim().ToLowerInvariant()) + "%";
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition(
            SearchSql, new { Pattern = pattern, Limit = perPage, Offset = (long)page * perPage }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountSql, new { Pattern = pattern }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new UserPage([.. rows.Select(r => r.ToUser())], (int)total);
    }

    public async Task<User?> UpdateAsync(string id, bool emailVerified, JsonObject userMetadata, JsonObject appMetadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userMetadata);
        ArgumentNullException.ThrowIfNull(appMetadata);
        var row = new
        {
            Id = id,
            EmailVerified = emailVerified,
            UserMetadata = userMetadata.ToJsonString(),
            AppMetadata = appMetadata.ToJsonString(),
            Now = time.GetUtcNow(),
        };
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, WriteScope, cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(UpdateSql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var user = changed == 0 ? null : await GetAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return user;
    }

    public async Task<UserPage> QueryAsync(UserQuery? query, UserSort? sort, int page, int perPage, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfNegative(perPage);
        // The condition's text follows the query's shape (constant fragments); every value is a parameter.
        var parameters = new DynamicParameters();
        var where = UserQuerySql.Where(query, parameters, database.Provider);
        parameters.Add("Limit", perPage);
        parameters.Add("Offset", (long)page * perPage);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = perPage == 0 ? [] : await connection.QueryAsync<UserRow>(new CommandDefinition(
            "SELECT " + Columns + " FROM users WHERE " + where + " ORDER BY " + UserQuerySql.OrderBy(sort, database.Provider) + " LIMIT @Limit OFFSET @Offset;",
            parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM users WHERE " + where + ";", parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new UserPage([.. rows.Select(r => r.ToUser())], (int)total);
    }

    public async Task<User?> UpdateAsync(string id, Func<User, User> change, string? passwordHash, Func<User, HookEventDraft>? passwordChanged, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, WriteScope, cancellationToken).ConfigureAwait(false);
        var current = await GetAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
        if (current is null)
            return null;
        var next = change(current);
        var row = new
        {
            current.Id,
            next.Email,
            EmailNormalized = UserRules.NormalizeEmail(next.Email),
            next.Username,
            UsernameNormalized = next.Username is null ? null : UserRules.NormalizeUsername(next.Username),
            next.EmailVerified,
            next.Blocked,
            next.Profile.Name,
            next.Profile.Nickname,
            next.Profile.GivenName,
            next.Profile.FamilyName,
            next.Profile.Picture,
            next.Profile.PhoneNumber,
            UserMetadata = next.UserMetadata.ToJsonString(),
            AppMetadata = next.AppMetadata.ToJsonString(),
            Now = time.GetUtcNow(),
        };
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(UpdateProfileSql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (DbException exception) when (Conflict(exception) is { } conflict)
        {
            throw conflict;
        }
        User? user;
        if (passwordHash is not null)
        {
            ArgumentNullException.ThrowIfNull(passwordChanged);
            user = await SetPasswordAsync(connection, transaction, id, passwordHash, passwordChanged, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            user = await GetAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (passwordHash is not null)
            queue.Wake();
        return user;
    }

    /// <summary>The conflict a unique index reported (SQLite names the columns, PostgreSQL the index); null for any other error.</summary>
    private static UserConflictException? Conflict(DbException exception) =>
        DatabaseErrors.IsUniqueViolation(exception, "users.username_normalized", "ux_users_connection_username")
            ? new UserConflictException("username", "The username already exists.")
            : DatabaseErrors.IsUniqueViolation(exception, "users.email_normalized", "ux_users_connection_email")
                ? new UserConflictException("email", "The user already exists.")
                : null;

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { Id = id }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public async Task<User?> ChangePasswordAsync(string id, string passwordHash, Func<User, HookEventDraft> queued, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queued);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, WriteScope, cancellationToken).ConfigureAwait(false);
        var user = await SetPasswordAsync(connection, transaction, id, passwordHash, queued, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (user is not null)
            queue.Wake();
        return user;
    }

    public async Task AddResetTicketAsync(string tokenHash, string userId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            InsertTicketSql, new { TokenHash = tokenHash, UserId = userId, Now = time.GetUtcNow(), ExpiresAt = expiresAt }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<User?> FindResetTicketUserAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            TicketUserSql, new { TokenHash = tokenHash, Now = time.GetUtcNow() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToUser();
    }

    public async Task<User?> RedeemResetTicketAsync(string tokenHash, string passwordHash, Func<User, HookEventDraft> queued, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queued);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, WriteScope, cancellationToken).ConfigureAwait(false);
        var userId = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            UseTicketSql, new { TokenHash = tokenHash, Now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (userId is null)
            return null;
        var user = await SetPasswordAsync(connection, transaction, userId, passwordHash, queued, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (user is not null)
            queue.Wake();
        return user;
    }

    private async Task<User?> SetPasswordAsync(DbConnection connection, DbTransaction transaction, string id, string passwordHash, Func<User, HookEventDraft> queued, CancellationToken cancellationToken)
    {
        var row = new { Id = id, PasswordHash = passwordHash, Now = time.GetUtcNow() };
        var changed = await connection.ExecuteAsync(new CommandDefinition(SetPasswordSql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (changed == 0)
            return null;
        var user = (await GetAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false))!;
        if (!HookRequestOrigin.IsHook)
        {
            var draft = queued(user);
            await queue.EnqueueAsync(connection, transaction, draft.TriggerId, draft.Payload, draft.RequestId, cancellationToken).ConfigureAwait(false);
        }

        return user;
    }

    private static async Task<User?> GetAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(GetSql, new { Id = id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToUser();
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private sealed class ExistsRow
    {
        public bool Email { get; set; }
        public bool Username { get; set; }
    }

    private sealed class UserRow
    {
        public string Id { get; set; } = "";
        public string ConnectionId { get; set; } = "";
        public string Email { get; set; } = "";
        public string? Username { get; set; }
        public bool EmailVerified { get; set; }
        public string UserMetadata { get; set; } = "{}";
        public string AppMetadata { get; set; } = "{}";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public DateTimeOffset? LastPasswordReset { get; set; }
        public bool Blocked { get; set; }
        public string? Name { get; set; }
        public string? Nickname { get; set; }
        public string? GivenName { get; set; }
        public string? FamilyName { get; set; }
        public string? Picture { get; set; }
        public string? PhoneNumber { get; set; }

        public User ToUser() => new(
            Id, ConnectionId, Email, Username, EmailVerified,
            JsonNode.Parse(UserMetadata) as JsonObject ?? [],
            JsonNode.Parse(AppMetadata) as JsonObject ?? [],
            CreatedAt, UpdatedAt, LastPasswordReset)
        {
            Blocked = Blocked,
            Profile = new UserProfile(Name, Nickname, GivenName, FamilyName, Picture, PhoneNumber),
        };
    }
}
