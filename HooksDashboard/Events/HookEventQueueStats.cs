using Dapper;
using HooksDashboard.Storage;

namespace HooksDashboard.Events;

/// <summary>How far behind the durable event queue is: unfinished events and when the oldest was queued.</summary>
public readonly record struct HookEventQueueStats(long Depth, DateTimeOffset? OldestCreatedAt);

/// <summary>Reads <see cref="HookEventQueueStats"/> (for metrics); a storage provider registers its own.</summary>
public interface IHookEventQueueStatsReader
{
    Task<HookEventQueueStats> ReadAsync(CancellationToken cancellationToken = default);
}

/// <summary><see cref="IHookEventQueueStatsReader"/> on the <c>hook_events</c> table (one indexed scan of unfinished rows).</summary>
internal sealed class SqliteHookEventQueueStatsReader(SqliteDatabase database) : IHookEventQueueStatsReader
{
    private const string StatsSql = """
        SELECT COUNT(*) AS Depth, MIN(created_at) AS OldestCreatedAt
        FROM hook_events WHERE status IN ('pending', 'running');
        """;

    public async Task<HookEventQueueStats> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<(long Depth, DateTimeOffset? OldestCreatedAt)>(new CommandDefinition(StatsSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new HookEventQueueStats(row.Depth, row.OldestCreatedAt);
    }
}
