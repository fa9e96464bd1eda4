using System.Data.Common;
using System.Text.Json.Nodes;

namespace HooksDashboard.Events;

/// <summary>
/// The durable queue of non-blocking hook invocations (named a store for the analyzers): events are rows in the database, written in the same
/// transaction as the change that caused them, so a stored user always has its post-user-registration event
/// and a stopped process loses nothing. <see cref="HookEventWorker"/> runs them at least once.
/// </summary>
public interface IHookEventStore
{
    /// <summary>
    /// Adds an event inside the caller's write transaction. Call <see cref="Wake"/> after the commit: the event
    /// becomes visible to the worker only then.
    /// </summary>
    /// <returns>The new event's id.</returns>
    Task<string> EnqueueAsync(DbConnection connection, DbTransaction transaction, string triggerId, JsonNode payload, string? requestId, CancellationToken cancellationToken = default);

    /// <summary>Tells the worker there is new work, so it does not wait for its next poll.</summary>
    void Wake();

    /// <summary>Waits until <see cref="Wake"/> is called or <paramref name="timeout"/> passes.</summary>
    Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>One event, or null.</summary>
    Task<HookEvent?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The most recent events first, optionally of one point only.</summary>
    Task<IReadOnlyList<HookEvent>> ListAsync(string? triggerId = null, int limit = 50, CancellationToken cancellationToken = default);

    /// <summary>
    /// Leases the oldest due event (pending and available, or running with an expired lease) and counts the
    /// attempt; null when nothing is due. Events whose lease ran out after their last attempt are marked failed.
    /// </summary>
    Task<HookEvent?> ClaimNextAsync(int maxAttempts, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a leased event done with its result (null when the point had no enabled hook). The result is stored as
    /// given: pass it redacted (<see cref="HooksDashboard.Execution.ExecutionResult.Redacted"/>), as the worker does.
    /// </summary>
    /// <returns>False when the lease was lost meanwhile (another worker took the event over).</returns>
    Task<bool> CompleteAsync(HookEvent claimed, string? result, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="CompleteAsync(HookEvent, string?, CancellationToken)"/> inside the caller's write transaction (the
    /// worker's, which also stores the run's execution record).
    /// </summary>
    Task<bool> CompleteAsync(DbConnection connection, DbTransaction? transaction, HookEvent claimed, string? result, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a failed attempt: the event is due again at <paramref name="retryAt"/>, or failed for good
    /// when <paramref name="retryAt"/> is null.
    /// </summary>
    /// <returns>False when the lease was lost meanwhile.</returns>
    Task<bool> FailAsync(HookEvent claimed, string reason, string? result, DateTimeOffset? retryAt, CancellationToken cancellationToken = default);

    /// <summary><see cref="FailAsync(HookEvent, string, string?, DateTimeOffset?, CancellationToken)"/> inside the caller's write transaction.</summary>
    Task<bool> FailAsync(DbConnection connection, DbTransaction? transaction, HookEvent claimed, string reason, string? result, DateTimeOffset? retryAt, CancellationToken cancellationToken = default);

    /// <summary>Gives a leased event back untouched (the process is stopping), due again at once.</summary>
    Task ReleaseAsync(HookEvent claimed, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives a leased event back without counting the attempt (the hook could not start: every hook slot was
    /// busy), due again at <paramref name="availableAt"/>; <paramref name="reason"/> is kept as its last error.
    /// </summary>
    Task DeferAsync(HookEvent claimed, DateTimeOffset availableAt, string reason, CancellationToken cancellationToken = default);
}
