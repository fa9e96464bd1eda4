namespace HooksDashboard.Logs;

/// <summary>Reads the execution log: filtered keyset pages, single records, exports and statistics.</summary>
public interface IExecutionLogQuery
{
    /// <summary>
    /// One page, newest first, in (created_at, id) order. Keyset paging: the cost of a page does not depend on
    /// how deep it is nor on the table's size (apart from a text search, whose cost follows its matches).
    /// </summary>
    /// <exception cref="ArgumentException">The limit is outside 1..<see cref="ExecutionLogPageRequest.MaxLimit"/>,
    /// or both cursors are given.</exception>
    Task<ExecutionLogPage> ListAsync(ExecutionLogFilter filter, ExecutionLogPageRequest page, CancellationToken cancellationToken = default);

    /// <summary>The record with this id, or null.</summary>
    Task<ExecutionLogRecord?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The newest records of a hook in the Management API's shape; empty for an unknown hook.</summary>
    /// <param name="limit">1..<see cref="ExecutionLogPageRequest.MaxLimit"/>.</param>
    Task<IReadOnlyList<HookLogEntry>> ListHookLogsAsync(string hookId, int limit = 50, CancellationToken cancellationToken = default);

    /// <summary>Every record the filter matches, newest first, read in keyset chunks (for downloads).</summary>
    IAsyncEnumerable<ExecutionLogRecord> StreamAsync(ExecutionLogFilter filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// Per point: invocations, errors and duration percentiles since <paramref name="since"/>, and the invocations
    /// and errors of each clock hour (UTC) that had any.
    /// </summary>
    Task<IReadOnlyList<PointInvocationStats>> GetStatsAsync(DateTimeOffset since, CancellationToken cancellationToken = default);
}

/// <summary>One point's invocations in a time window.</summary>
/// <param name="P50Ms">Median duration (0.1 ms resolution); 0 without invocations.</param>
/// <param name="P95Ms">95th percentile duration (0.1 ms resolution); 0 without invocations.</param>
public sealed record PointInvocationStats(string TriggerId, long Invocations, long Errors, double P50Ms, double P95Ms)
{
    /// <summary>The clock hours (UTC) of the window that had invocations, oldest first; hours without any are left out.</summary>
    public IReadOnlyList<HourlyInvocations> Hours { get; init; } = [];
}

/// <summary>A point's invocations and errors in one clock hour.</summary>
/// <param name="Hour">The hour's start, UTC.</param>
public sealed record HourlyInvocations(DateTimeOffset Hour, long Invocations, long Errors);
