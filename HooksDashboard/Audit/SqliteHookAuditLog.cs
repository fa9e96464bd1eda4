using Dapper;
using HooksDashboard.Storage;

namespace HooksDashboard.Audit;

/// <summary><see cref="IHookAuditLog"/> on either engine (the name predates PostgreSQL).</summary>
public sealed class SqliteHookAuditLog(IDatabase database) : IHookAuditLog
{
    private const string InsertSql = """
        INSERT INTO hook_audit (id, hook_id, hook_name, action, details, actor_kind, actor, created_at)
        VALUES (@Id, @HookId, @HookName, @Action, @Details, @ActorKindText, @Actor, @At);
        """;

    // Ids are ULIDs made in order, so ordering by id is ordering by time even within one millisecond.
    private const string ListSql = """
        SELECT id AS Id, hook_id AS HookId, hook_name AS HookName, action AS Action, details AS Details,
               actor_kind AS ActorKind, actor AS Actor, created_at AS At
        FROM hook_audit WHERE hook_id = @HookId ORDER BY id DESC LIMIT @Limit;
        """;

    public async Task AppendAsync(IReadOnlyList<HookAuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
            return;
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, "hook_audit", cancellationToken).ConfigureAwait(false);
        await InsertAsync(connection, transaction, entries, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes entries inside the caller's transaction (a batch of hook writes records its trail with it).</summary>
    internal static Task<int> InsertAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        IReadOnlyList<HookAuditEntry> entries, CancellationToken cancellationToken)
    {
        var rows = entries.Select(e => new { e.Id, e.HookId, e.HookName, e.Action, e.Details, ActorKindText = e.ActorKind.ToString(), e.Actor, e.At });
        return connection.ExecuteAsync(new CommandDefinition(InsertSql, rows, transaction, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<HookAuditEntry>> ListForHookAsync(string hookId, int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(ListSql, new { HookId = hookId, Limit = limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new HookAuditEntry(r.Id, r.HookId, r.HookName, r.Action, r.Details, Enum.Parse<ActorKind>(r.ActorKind), r.Actor, r.At))];
    }

    private sealed class AuditRow
    {
        public string Id { get; set; } = "";
        public string HookId { get; set; } = "";
        public string HookName { get; set; } = "";
        public string Action { get; set; } = "";
        public string Details { get; set; } = "";
        public string ActorKind { get; set; } = "";
        public string Actor { get; set; } = "";
        public DateTimeOffset At { get; set; }
    }
}
