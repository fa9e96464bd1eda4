using Dapper;
using HooksDashboard.Hooks;
using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;

namespace HooksDashboard.Storage;

/// <summary>
/// <see cref="IHookStore"/> on either engine (<see cref="IDatabase"/>; the name predates PostgreSQL). The database
/// itself guarantees unique names and at most one enabled hook per point; every change that reads before it writes
/// runs in one write transaction of the <c>"hooks"</c> scope, so writers queue across instances too.
/// Secrets live in the partial <c>SqliteHookStore.Secrets.cs</c>, versions in <c>SqliteHookStore.Versions.cs</c>.
/// </summary>
public sealed partial class SqliteHookStore : IHookStore, IHookVersionStore
{
    private const string HookColumns =
        "id AS Id, name AS Name, trigger_id AS TriggerId, script AS Script, dependencies AS Dependencies, " +
        "enabled AS Enabled, created_at AS CreatedAt, updated_at AS UpdatedAt, version AS Version";

    // Optional filters as NULL checks keep one SQL text (and one Dapper cache entry) for every combination.
    private const string FilterSql =
        " WHERE (@TriggerId IS NULL OR trigger_id = @TriggerId) AND (@Enabled IS NULL OR enabled = @Enabled)";

    private const string SelectByIdSql = "SELECT " + HookColumns + " FROM hooks WHERE id = @Id;";
    private const string SelectByNameSql = "SELECT " + HookColumns + " FROM hooks WHERE name = @Name;";
    private const string SelectEnabledSql = "SELECT " + HookColumns + " FROM hooks WHERE trigger_id = @TriggerId AND enabled = 1;";
    private const string PostgreSqlSelectEnabledSql = "SELECT " + HookColumns + " FROM hooks WHERE trigger_id = @TriggerId AND enabled;";

    // No page size means no limit: long.MaxValue, which both engines accept.
    private const string ListSql = "SELECT " + HookColumns + " FROM hooks" + FilterSql + " ORDER BY created_at, id LIMIT @Limit OFFSET @Offset;";
    private const string CountSql = "SELECT COUNT(*) FROM hooks" + FilterSql + ";";

    private const string AnyForTriggerSql = "SELECT EXISTS (SELECT 1 FROM hooks WHERE trigger_id = @TriggerId);";
    private const string HookExistsSql = "SELECT EXISTS (SELECT 1 FROM hooks WHERE id = @HookId);";

    private const string DisableOthersSql =
        "UPDATE hooks SET enabled = 0, updated_at = @UpdatedAt WHERE trigger_id = @TriggerId AND enabled = 1 AND id <> @Id;";
    private const string PostgreSqlDisableOthersSql =
        "UPDATE hooks SET enabled = FALSE, updated_at = @UpdatedAt WHERE trigger_id = @TriggerId AND enabled AND id <> @Id;";

    /// <summary>The write scope of every transaction touching hooks, their secrets, versions and test runs.</summary>
    internal const string WriteScope = "hooks";

    private const string InsertSql = """
        INSERT INTO hooks (id, name, trigger_id, script, dependencies, enabled, created_at, updated_at, version)
        VALUES (@Id, @Name, @TriggerId, @Script, @Dependencies, @Enabled, @CreatedAt, @UpdatedAt, @Version);
        """;

    private const string UpdateSql = """
        UPDATE hooks SET name = @Name, script = @Script, dependencies = @Dependencies, enabled = @Enabled, updated_at = @UpdatedAt,
            version = @Version
        WHERE id = @Id;
        """;

    private const string DeleteSql = "DELETE FROM hooks WHERE id = @Id;";

    private const string DuplicateNameMessage = "Hook with the same name already exists";

    private readonly IDatabase _database;
    private readonly string _selectEnabledSql;
    private readonly string _disableOthersSql;
    private readonly KnownTriggerIds _triggers;
    private readonly IDataProtector _secretProtector;
    private readonly TimeProvider _time;

    public SqliteHookStore(IDatabase database, KnownTriggerIds triggers, IDataProtectionProvider dataProtection, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(dataProtection);
        _database = database;
        // SQLite has no boolean type: its texts keep the literals 1 and 0 its partial index was written with.
        var postgreSql = database.Provider == StorageProvider.PostgreSQL;
        _selectEnabledSql = postgreSql ? PostgreSqlSelectEnabledSql : SelectEnabledSql;
        _disableOthersSql = postgreSql ? PostgreSqlDisableOthersSql : DisableOthersSql;
        _triggers = triggers;
        _secretProtector = dataProtection.CreateProtector(SecretsPurpose);
        _time = time;
    }

    /// <inheritdoc />
    /// <remarks>Ordered by creation time, then id.</remarks>
    public async Task<IReadOnlyList<Hook>> ListAsync(HookQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new HookQuery();
        if (query.Page < 0)
            throw new HookValidationException("page", "Page must be 0 or greater.");
        if (query.PerPage < 0)
            throw new HookValidationException("per_page", "Page size must be 0 or greater.");

        var parameters = new
        {
            query.TriggerId,
            query.Enabled,
            Limit = query.PerPage ?? long.MaxValue,
            Offset = query.PerPage is { } perPage ? (long)query.Page * perPage : 0,
        };
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<HookRow>(new CommandDefinition(ListSql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToHook())];
    }

    /// <inheritdoc />
    /// <remarks>Applies the filters of <paramref name="query"/>, ignoring its paging.</remarks>
    public async Task<int> CountAsync(HookQuery? query = null, CancellationToken cancellationToken = default)
    {
        var parameters = new { query?.TriggerId, query?.Enabled };
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task<Hook?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        QuerySingleAsync(SelectByIdSql, new { Id = id }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Exact, case-sensitive match.</remarks>
    public Task<Hook?> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        QuerySingleAsync(SelectByNameSql, new { Name = name }, cancellationToken);

    public Task<Hook?> GetEnabledAsync(string triggerId, CancellationToken cancellationToken = default) =>
        QuerySingleAsync(_selectEnabledSql, new { TriggerId = triggerId }, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="HookValidationException">A field breaks <see cref="HookRules"/> or the triggerId is not a known point.</exception>
    /// <exception cref="HookConflictException">Another hook has this name.</exception>
    public async Task<Hook> CreateAsync(NewHook hook, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hook);
        Require("name", HookRules.ValidateName(hook.Name));
        if (!_triggers.Contains(hook.TriggerId))
            throw new HookValidationException("triggerId", $"Unknown triggerId '{hook.TriggerId}'; expected one of: {string.Join(", ", _triggers.All)}.");
        Require("script", HookRules.ValidateScript(hook.Script));
        Require("dependencies", HookRules.ValidateDependencies(hook.Dependencies));
        Require("message", HookRules.ValidateVersionMessage(hook.Message));

        var now = _time.GetUtcNow();
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _database.BeginWriteAsync(connection, WriteScope, cancellationToken).ConfigureAwait(false);

        // Auth0's dashboard rule when the caller does not say: a point's first hook is enabled, later ones are not.
        var enabled = hook.Enabled ?? !await connection.ExecuteScalarAsync<bool>(
            new CommandDefinition(AnyForTriggerSql, new { hook.TriggerId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var created = new Hook(
            Ulid.NewId(now), hook.Name, hook.TriggerId, hook.Script,
            new Dictionary<string, string>(hook.Dependencies ?? new Dictionary<string, string>()),
            enabled, now, now);

        if (enabled)
            await DisableOthersAsync(connection, transaction, created, cancellationToken).ConfigureAwait(false);
        await WriteHookAsync(connection, transaction, InsertSql, created, cancellationToken).ConfigureAwait(false);
        await InsertVersionAsync(connection, transaction, created, hook.Message, hook.Author, null, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <inheritdoc />
    /// <exception cref="HookNotFoundException">No hook has this id.</exception>
    /// <exception cref="HookValidationException">A given field breaks <see cref="HookRules"/>.</exception>
    /// <exception cref="HookConflictException">The new name belongs to another hook.</exception>
    public async Task<Hook> UpdateAsync(string id, HookUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Name is not null)
            Require("name", HookRules.ValidateName(update.Name));
        if (update.Script is not null)
            Require("script", HookRules.ValidateScript(update.Script));
        Require("dependencies", HookRules.ValidateDependencies(update.Dependencies));
        Require("message", HookRules.ValidateVersionMessage(update.Message));

        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _database.BeginWriteAsync(connection, WriteScope, cancellationToken).ConfigureAwait(false);
        var current = await connection.QuerySingleOrDefaultAsync<HookRow>(
            new CommandDefinition(SelectByIdSql, new { Id = id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)
            ?? throw new HookNotFoundException();
        if (update.ExpectedVersion is { } expected && expected != current.Version)
            throw new HookConflictException(StaleVersionMessage(expected, current.Version));

        var updated = current.ToHook() with
        {
            Name = update.Name ?? current.Name,
            Script = update.Script ?? current.Script,
            Dependencies = update.Dependencies is null ? current.Dependencies : new Dictionary<string, string>(update.Dependencies),
            Enabled = update.Enabled ?? current.Enabled,
            UpdatedAt = _time.GetUtcNow(),
        };
        // Only a change of code makes a version: renaming or enabling a hook changes what runs, not how.
        var codeChanged = updated.Script != current.Script || !SameDependencies(updated.Dependencies, current.Dependencies);
        if (codeChanged)
            updated = updated with { Version = current.Version + 1 };
        if (updated.Enabled && !current.Enabled)
            await DisableOthersAsync(connection, transaction, updated, cancellationToken).ConfigureAwait(false);
        await WriteHookAsync(connection, transaction, UpdateSql, updated, cancellationToken).ConfigureAwait(false);
        if (codeChanged)
            await InsertVersionAsync(connection, transaction, updated, update.Message, update.Author, update.RestoredFrom, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return updated;
    }

    /// <inheritdoc />
    /// <remarks>The hook's secrets and test runs go with it (foreign keys cascade).</remarks>
    /// <exception cref="HookNotFoundException">No hook has this id.</exception>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { Id = id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (deleted == 0)
            throw new HookNotFoundException();
    }

    private async Task<Hook?> QuerySingleAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<HookRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToHook();
    }

    private Task<int> DisableOthersAsync(DbConnection connection, DbTransaction transaction, Hook enabled, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(_disableOthersSql, enabled, transaction, cancellationToken: cancellationToken));

    /// <summary>Inserts or updates a hook row, reporting the name's UNIQUE constraint as Auth0's conflict.</summary>
    private static async Task WriteHookAsync(DbConnection connection, DbTransaction transaction, string sql, Hook hook, CancellationToken cancellationToken)
    {
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, hook, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (DbException e) when (DatabaseErrors.IsUniqueViolation(e, "hooks.name", "ux_hooks_name"))
        {
            throw new HookConflictException(DuplicateNameMessage);
        }
    }

    private static async Task EnsureHookExistsAsync(DbConnection connection, DbTransaction? transaction, string hookId, CancellationToken cancellationToken)
    {
        var exists = await connection.ExecuteScalarAsync<bool>(
            new CommandDefinition(HookExistsSql, new { HookId = hookId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (!exists)
            throw new HookNotFoundException();
    }

    private static void Require(string field, string? error)
    {
        if (error is not null)
            throw new HookValidationException(field, error);
    }

    /// <summary>A hooks row as Dapper reads it (SQLite gives integers for booleans; the JSON and time columns go through <see cref="DapperTypeHandlers"/>).</summary>
    private sealed class HookRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string TriggerId { get; set; } = "";
        public string Script { get; set; } = "";
        public IReadOnlyDictionary<string, string> Dependencies { get; set; } = new Dictionary<string, string>();
        public bool Enabled { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public int Version { get; set; }

        public Hook ToHook() => new(Id, Name, TriggerId, Script, Dependencies, Enabled, CreatedAt, UpdatedAt, Version);
    }
}
