using System.Data.Common;
using System.Text.Json;
using Dapper;
using HooksDashboard.Audit;
using HooksDashboard.Hooks;

namespace HooksDashboard.Storage;

/// <summary>
/// Hook versions: written in the transaction of the save that makes them (so the current version is always the
/// hook's row), never updated (a trigger refuses it), removed with their hook. The SQL is plain enough for other
/// providers: <c>LIMIT/OFFSET</c> and a JSON array kept as text.
/// </summary>
public sealed partial class SqliteHookStore
{
    private const string VersionInfoColumns =
        "hook_id AS HookId, number AS Number, dependencies AS Dependencies, secret_names AS SecretNames, message AS Message, " +
        "author_kind AS AuthorKind, author AS Author, created_at AS CreatedAt, restored_from AS RestoredFrom, script_lines AS ScriptLines";

    private const string InsertVersionSql = """
        INSERT INTO hook_versions (hook_id, number, script, dependencies, secret_names, message, author_kind, author, restored_from, script_lines, created_at)
        VALUES (@HookId, @Number, @Script, @Dependencies, @SecretNames, @Message, @AuthorKind, @Author, @RestoredFrom, @ScriptLines, @CreatedAt);
        """;

    private const string ListVersionsSql =
        "SELECT " + VersionInfoColumns + " FROM hook_versions WHERE hook_id = @HookId ORDER BY number DESC LIMIT @Limit OFFSET @Offset;";

    private const string CountVersionsSql = "SELECT COUNT(*) FROM hook_versions WHERE hook_id = @HookId;";

    private const string SelectVersionSql =
        "SELECT " + VersionInfoColumns + ", script AS Script FROM hook_versions WHERE hook_id = @HookId AND number = @Number;";

    /// <inheritdoc />
    public async Task<HookVersionPage> ListAsync(string hookId, int page = 0, int perPage = 100, CancellationToken cancellationToken = default)
    {
        if (page < 0)
            throw new HookValidationException("page", "Page must be 0 or greater.");
        if (perPage < 0)
            throw new HookValidationException("per_page", "Page size must be 0 or greater.");
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await EnsureHookExistsAsync(connection, null, hookId, cancellationToken).ConfigureAwait(false);
        var parameters = new { HookId = hookId, Limit = perPage, Offset = (long)page * perPage };
        var rows = await connection.QueryAsync<VersionRow>(new CommandDefinition(ListVersionsSql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountVersionsSql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new HookVersionPage([.. rows.Select(r => r.ToInfo())], total);
    }

    /// <inheritdoc />
    public async Task<HookVersion?> GetAsync(string hookId, int number, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<VersionRow>(
            new CommandDefinition(SelectVersionSql, new { HookId = hookId, Number = number }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            await EnsureHookExistsAsync(connection, null, hookId, cancellationToken).ConfigureAwait(false);
            return null;
        }
        return new HookVersion(row.ToInfo(), row.Script);
    }

    /// <summary>Stores <paramref name="hook"/>'s script and dependencies as its version <see cref="Hook.Version"/>, with the secret names it has now.</summary>
    private static async Task InsertVersionAsync(
        DbConnection connection, DbTransaction transaction, Hook hook, string? message, Actor? author, int? restoredFrom, CancellationToken cancellationToken)
    {
        var secretNames = await SelectSecretNamesAsync(connection, transaction, hook.Id, cancellationToken).ConfigureAwait(false);
        author ??= Actor.SystemActor;
        var row = new
        {
            HookId = hook.Id,
            Number = hook.Version,
            hook.Script,
            hook.Dependencies,
            SecretNames = JsonSerializer.Serialize(secretNames),
            Message = HookRules.NormalizeVersionMessage(message),
            AuthorKind = author.Kind.ToString(),
            Author = author.Name,
            RestoredFrom = restoredFrom,
            ScriptLines = CountLines(hook.Script),
            CreatedAt = hook.UpdatedAt,
        };
        await connection.ExecuteAsync(new CommandDefinition(InsertVersionSql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static string StaleVersionMessage(int expected, int current) =>
        $"The hook was saved by someone else in the meantime: it is at version {current}, not {expected}. Reload it, then save again.";

    /// <summary>Lines as editors count them: the newlines plus one (the migration computes the same for existing hooks).</summary>
    internal static int CountLines(string script) => script.Count(c => c == '\n') + 1;

    private static bool SameDependencies(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var version) && version == pair.Value);

    /// <summary>A hook_versions row as Dapper reads it.</summary>
    private sealed class VersionRow
    {
        public string HookId { get; set; } = "";
        public int Number { get; set; }
        public string Script { get; set; } = "";
        public IReadOnlyDictionary<string, string> Dependencies { get; set; } = new Dictionary<string, string>();
        public string SecretNames { get; set; } = "[]";
        public string? Message { get; set; }
        public string AuthorKind { get; set; } = "";
        public string Author { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public int? RestoredFrom { get; set; }
        public int ScriptLines { get; set; }

        public HookVersionInfo ToInfo() => new(
            HookId, Number, Dependencies, JsonSerializer.Deserialize<string[]>(SecretNames) ?? [], Message,
            new Actor(Enum.TryParse<ActorKind>(AuthorKind, out var kind) ? kind : ActorKind.System, Author),
            CreatedAt, RestoredFrom, ScriptLines);
    }
}
