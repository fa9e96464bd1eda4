using System.Data.Common;
using System.Text.Json;
using Dapper;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Storage;

namespace HooksDashboard.Identity.Apis;

/// <summary>
/// <see cref="IResourceServerStore"/> on either engine (<see cref="IDatabase"/>; the name predates PostgreSQL), table
/// <c>apis</c>, grants in <c>client_grants</c>. Every SQL text is the same on both; writes that read first run in the
/// <c>"identity"</c> write scope, so two instances ensuring the Management API at once end with one.
/// </summary>
public sealed class SqliteResourceServerStore(IDatabase database, TimeProvider time) : IResourceServerStore
{
    /// <summary>The <c>system_key</c> of the built-in Management API.</summary>
    private const string ManagementKey = "management";

    private const string Columns =
        "id AS Id, identifier AS Identifier, name AS Name, scopes AS ScopesJson, token_lifetime AS TokenLifetime, " +
        "system_key AS SystemKey, created_at AS CreatedAt, updated_at AS UpdatedAt";

    private const string ListSql = "SELECT " + Columns + " FROM apis ORDER BY system_key IS NULL, created_at, id;";
    private const string SelectByIdSql = "SELECT " + Columns + " FROM apis WHERE id = @Id;";
    private const string SelectByIdentifierSql = "SELECT " + Columns + " FROM apis WHERE identifier = @Identifier;";
    private const string SelectBySystemKeySql = "SELECT " + Columns + " FROM apis WHERE system_key = @SystemKey;";

    private const string InsertSql = """
        INSERT INTO apis (id, identifier, name, scopes, token_lifetime, system_key, created_at, updated_at)
        VALUES (@Id, @Identifier, @Name, @ScopesJson, @TokenLifetime, @SystemKey, @CreatedAt, @UpdatedAt);
        """;

    private const string UpdateSql = """
        UPDATE apis SET identifier = @Identifier, name = @Name, scopes = @ScopesJson, token_lifetime = @TokenLifetime, updated_at = @UpdatedAt
        WHERE id = @Id;
        """;

    private const string DeleteSql = "DELETE FROM apis WHERE id = @Id;";

    private const string SelectGrantScopesSql = "SELECT id AS Id, scopes AS ScopesJson FROM client_grants WHERE api_id = @ApiId;";
    private const string UpdateGrantScopesSql = "UPDATE client_grants SET scopes = @ScopesJson, updated_at = @UpdatedAt WHERE id = @Id;";

    private const string NotFoundMessage = "API not found";

    public async Task<IReadOnlyList<ResourceServer>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ApiRow>(new CommandDefinition(ListSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToResourceServer())];
    }

    public Task<ResourceServer?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        QuerySingleAsync(SelectByIdSql, new { Id = id }, cancellationToken);

    public Task<ResourceServer?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default) =>
        QuerySingleAsync(SelectByIdentifierSql, new { Identifier = identifier }, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="IdentityValidationException">A field breaks <see cref="ApiRules"/>.</exception>
    /// <exception cref="IdentityConflictException">Another API has this identifier.</exception>
    public async Task<ResourceServer> CreateAsync(NewResourceServer api, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        Require("identifier", ApiRules.ValidateIdentifier(api.Identifier));
        Require("name", ApiRules.ValidateName(api.Name));
        Require("scopes", ApiRules.ValidateScopes(api.Scopes));
        Require("token_lifetime", ApiRules.ValidateTokenLifetime(api.TokenLifetime));

        var now = time.GetUtcNow();
        var row = new ApiRow
        {
            Id = Ulid.NewId(now),
            Identifier = api.Identifier,
            Name = api.Name.Trim(),
            Scopes = Normalize(api.Scopes),
            TokenLifetime = api.TokenLifetime ?? ApiRules.DefaultTokenLifetime,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await WriteAsync(connection, null, InsertSql, row, cancellationToken).ConfigureAwait(false);
        return row.ToResourceServer();
    }

    /// <inheritdoc />
    /// <exception cref="IdentityNotFoundException">No API has this id.</exception>
    /// <exception cref="IdentityValidationException">A field breaks <see cref="ApiRules"/>.</exception>
    public async Task<ResourceServer> UpdateAsync(string id, ResourceServerUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Name is not null)
            Require("name", ApiRules.ValidateName(update.Name));
        Require("scopes", ApiRules.ValidateScopes(update.Scopes));
        Require("token_lifetime", ApiRules.ValidateTokenLifetime(update.TokenLifetime));

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, SqliteApplicationStore.WriteScope, cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ApiRow>(
            new CommandDefinition(SelectByIdSql, new { Id = id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)
            ?? throw new IdentityNotFoundException(NotFoundMessage);

        row.Name = update.Name?.Trim() ?? row.Name;
        row.TokenLifetime = update.TokenLifetime ?? row.TokenLifetime;
        row.UpdatedAt = time.GetUtcNow();
        if (update.Scopes is not null)
        {
            row.Scopes = Normalize(update.Scopes);
            await RemoveUndefinedGrantScopesAsync(connection, transaction, row, cancellationToken).ConfigureAwait(false);
        }
        await WriteAsync(connection, transaction, UpdateSql, row, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return row.ToResourceServer();
    }

    /// <inheritdoc />
    /// <exception cref="IdentityNotFoundException">No API has this id.</exception>
    /// <exception cref="IdentityValidationException">The API is the Management API.</exception>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, SqliteApplicationStore.WriteScope, cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ApiRow>(
            new CommandDefinition(SelectByIdSql, new { Id = id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)
            ?? throw new IdentityNotFoundException(NotFoundMessage);
        if (row.SystemKey == ManagementKey)
            throw new IdentityValidationException("id", "The Management API cannot be deleted.");
        await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { Id = id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="IdentityConflictException">A user-defined API already has <paramref name="identifier"/>.</exception>
    public async Task<ResourceServer> EnsureManagementApiAsync(string identifier, IReadOnlyList<ApiScope> scopes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, SqliteApplicationStore.WriteScope, cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ApiRow>(
            new CommandDefinition(SelectBySystemKeySql, new { SystemKey = ManagementKey }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);

        if (row is null)
        {
            row = new ApiRow
            {
                Id = Ulid.NewId(now),
                Identifier = identifier,
                Name = "HooksDashboard Management API",
                Scopes = [.. scopes],
                TokenLifetime = ApiRules.DefaultTokenLifetime,
                SystemKey = ManagementKey,
                CreatedAt = now,
                UpdatedAt = now,
            };
            await WriteAsync(connection, transaction, InsertSql, row, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var missing = scopes.Where(s => !row.Scopes.Any(existing => existing.Value == s.Value)).ToList();
            if (row.Identifier == identifier && missing.Count == 0)
                return row.ToResourceServer();
            row.Identifier = identifier;
            row.Scopes = [.. row.Scopes, .. missing];
            row.UpdatedAt = now;
            await WriteAsync(connection, transaction, UpdateSql, row, cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return row.ToResourceServer();
    }

    private async Task<ResourceServer?> QuerySingleAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ApiRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToResourceServer();
    }

    /// <summary>Keeps every grant of the API within the scopes it now defines.</summary>
    private static async Task RemoveUndefinedGrantScopesAsync(DbConnection connection, DbTransaction transaction, ApiRow api, CancellationToken cancellationToken)
    {
        var defined = api.Scopes.Select(s => s.Value).ToHashSet(StringComparer.Ordinal);
        var grants = await connection.QueryAsync<GrantScopesRow>(
            new CommandDefinition(SelectGrantScopesSql, new { ApiId = api.Id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var grant in grants)
        {
            var scopes = JsonSerializer.Deserialize<List<string>>(grant.ScopesJson) ?? [];
            if (scopes.All(defined.Contains))
                continue;
            var kept = JsonSerializer.Serialize(scopes.Where(defined.Contains));
            await connection.ExecuteAsync(new CommandDefinition(
                UpdateGrantScopesSql, new { grant.Id, ScopesJson = kept, api.UpdatedAt }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    private static async Task WriteAsync(DbConnection connection, DbTransaction? transaction, string sql, ApiRow row, CancellationToken cancellationToken)
    {
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (DbException e) when (DatabaseErrors.IsUniqueViolation(e, "apis.identifier", "ux_apis_identifier"))
        {
            throw new IdentityConflictException($"An API with identifier '{row.Identifier}' already exists.");
        }
    }

    private static List<ApiScope> Normalize(IReadOnlyList<ApiScope>? scopes) =>
        [.. (scopes ?? []).Select(s => new ApiScope(s.Value, s.Description ?? ""))];

    private static void Require(string field, string? error)
    {
        if (error is not null)
            throw new IdentityValidationException(field, error);
    }

    private sealed class GrantScopesRow
    {
        public string Id { get; set; } = "";
        public string ScopesJson { get; set; } = "[]";
    }

    /// <summary>An apis row as Dapper reads and writes it; scopes travel as JSON text.</summary>
    private sealed class ApiRow
    {
        public string Id { get; set; } = "";
        public string Identifier { get; set; } = "";
        public string Name { get; set; } = "";
        public List<ApiScope> Scopes { get; set; } = [];
        public int TokenLifetime { get; set; }
        public string? SystemKey { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public string ScopesJson
        {
            get => JsonSerializer.Serialize(Scopes);
            set => Scopes = JsonSerializer.Deserialize<List<ApiScope>>(value) ?? [];
        }

        public ResourceServer ToResourceServer() =>
            new(Id, Identifier, Name, Scopes, TokenLifetime, SystemKey == ManagementKey, CreatedAt, UpdatedAt);
    }
}
