using System.Data.Common;
using System.Text.Json;
using Dapper;
using HooksDashboard.Identity.Apis;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Storage;

namespace HooksDashboard.Identity.Grants;

/// <summary>
/// <see cref="IClientGrantStore"/> on either engine (<see cref="IDatabase"/>; the name predates PostgreSQL), table
/// <c>client_grants</c> joined to <c>apis</c> for the audience. Every SQL text is the same on both.
/// </summary>
public sealed class SqliteClientGrantStore(IDatabase database, TimeProvider time) : IClientGrantStore
{
    private const string Columns =
        "g.id AS Id, g.client_id AS ClientId, g.api_id AS ApiId, a.identifier AS Audience, g.scopes AS ScopesJson, " +
        "g.created_at AS CreatedAt, g.updated_at AS UpdatedAt";

    private const string FromSql = " FROM client_grants g JOIN apis a ON a.id = g.api_id";

    private const string ListSql = "SELECT " + Columns + FromSql + " ORDER BY g.created_at, g.id;";
    private const string ListForClientSql = "SELECT " + Columns + FromSql + " WHERE g.client_id = @ClientId ORDER BY g.created_at, g.id;";
    private const string SelectByAudienceSql = "SELECT " + Columns + FromSql + " WHERE g.client_id = @ClientId AND a.identifier = @Audience;";
    private const string SelectByIdSql = "SELECT " + Columns + FromSql + " WHERE g.id = @Id;";

    private const string ApplicationExistsSql = "SELECT EXISTS (SELECT 1 FROM applications WHERE client_id = @ClientId);";
    private const string SelectApiScopesSql = "SELECT scopes FROM apis WHERE id = @ApiId;";

    private const string InsertSql = """
        INSERT INTO client_grants (id, client_id, api_id, scopes, created_at, updated_at)
        VALUES (@Id, @ClientId, @ApiId, @ScopesJson, @CreatedAt, @UpdatedAt);
        """;

    private const string UpdateSql = "UPDATE client_grants SET scopes = @ScopesJson, updated_at = @UpdatedAt WHERE id = @Id;";
    private const string DeleteSql = "DELETE FROM client_grants WHERE id = @Id;";

    private const string NotFoundMessage = "Client grant not found";

    public async Task<IReadOnlyList<ClientGrant>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<GrantRow>(new CommandDefinition(ListSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToGrant())];
    }

    public async Task<ClientGrant?> GetAsync(string grantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<GrantRow>(
            new CommandDefinition(SelectByIdSql, new { Id = grantId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToGrant();
    }

    public async Task<IReadOnlyList<ClientGrant>> ListForApplicationAsync(string clientId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<GrantRow>(new CommandDefinition(ListForClientSql, new { ClientId = clientId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToGrant())];
    }

    public async Task<ClientGrant?> FindAsync(string clientId, string audience, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<GrantRow>(
            new CommandDefinition(SelectByAudienceSql, new { ClientId = clientId, Audience = audience }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToGrant();
    }

    /// <inheritdoc />
    /// <exception cref="IdentityNotFoundException">The application or the API does not exist.</exception>
    /// <exception cref="IdentityValidationException">A scope is not defined on the API.</exception>
    /// <exception cref="IdentityConflictException">The application already has a grant for this API.</exception>
    public async Task<ClientGrant> CreateAsync(string clientId, string apiId, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, SqliteApplicationStore.WriteScope, cancellationToken).ConfigureAwait(false);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(ApplicationExistsSql, new { ClientId = clientId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))
            throw new IdentityNotFoundException("Application not found");
        var kept = await CheckScopesAsync(connection, transaction, apiId, scopes, cancellationToken).ConfigureAwait(false);

        var id = Ulid.NewId(now);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql,
                new { Id = id, ClientId = clientId, ApiId = apiId, ScopesJson = JsonSerializer.Serialize(kept), CreatedAt = now, UpdatedAt = now },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (DbException e) when (DatabaseErrors.IsUniqueViolation(e, "client_grants.client_id, client_grants.api_id", "ux_client_grants_client_api"))
        {
            throw new IdentityConflictException("This application already has a grant for this API; edit its scopes instead.");
        }
        var created = await SelectAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return created!;
    }

    /// <inheritdoc />
    /// <exception cref="IdentityNotFoundException">No grant has this id.</exception>
    /// <exception cref="IdentityValidationException">A scope is not defined on the grant's API.</exception>
    public async Task<ClientGrant> UpdateAsync(string grantId, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, SqliteApplicationStore.WriteScope, cancellationToken).ConfigureAwait(false);
        var current = await SelectAsync(connection, transaction, grantId, cancellationToken).ConfigureAwait(false)
            ?? throw new IdentityNotFoundException(NotFoundMessage);
        var kept = await CheckScopesAsync(connection, transaction, current.ApiId, scopes, cancellationToken).ConfigureAwait(false);

        await connection.ExecuteAsync(new CommandDefinition(UpdateSql,
            new { Id = grantId, ScopesJson = JsonSerializer.Serialize(kept), UpdatedAt = time.GetUtcNow() },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var updated = await SelectAsync(connection, transaction, grantId, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return updated!;
    }

    /// <inheritdoc />
    /// <exception cref="IdentityNotFoundException">No grant has this id.</exception>
    public async Task DeleteAsync(string grantId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { Id = grantId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (deleted == 0)
            throw new IdentityNotFoundException(NotFoundMessage);
    }

    /// <summary>The scopes de-duplicated, in the given order; every one must be defined on the API.</summary>
    private static async Task<List<string>> CheckScopesAsync(
        DbConnection connection, DbTransaction transaction, string apiId, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken)
    {
        var json = await connection.ExecuteScalarAsync<string?>(
            new CommandDefinition(SelectApiScopesSql, new { ApiId = apiId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)
            ?? throw new IdentityNotFoundException("API not found");
        var defined = (JsonSerializer.Deserialize<List<ApiScope>>(json) ?? []).Select(s => s.Value).ToHashSet(StringComparer.Ordinal);
        var undefined = scopes.Where(s => !defined.Contains(s)).ToList();
        if (undefined.Count > 0)
            throw new IdentityValidationException("scope", $"The API does not define these scopes: {string.Join(", ", undefined)}.");
        return [.. scopes.Distinct(StringComparer.Ordinal)];
    }

    private static async Task<ClientGrant?> SelectAsync(DbConnection connection, DbTransaction transaction, string id, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<GrantRow>(
            new CommandDefinition(SelectByIdSql, new { Id = id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToGrant();
    }

    /// <summary>A client_grants row joined to its API's identifier; scopes travel as JSON text.</summary>
    private sealed class GrantRow
    {
        public string Id { get; set; } = "";
        public string ClientId { get; set; } = "";
        public string ApiId { get; set; } = "";
        public string Audience { get; set; } = "";
        public string ScopesJson { get; set; } = "[]";
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public ClientGrant ToGrant() =>
            new(Id, ClientId, ApiId, Audience, JsonSerializer.Deserialize<List<string>>(ScopesJson) ?? [], CreatedAt, UpdatedAt);
    }
}
