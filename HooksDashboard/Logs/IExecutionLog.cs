using System.Data.Common;
using System.Text.Json.Nodes;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HookInvocation = HooksDashboard.Hooks.HookInvocation;

namespace HooksDashboard.Logs;

/// <summary>
/// Records invocations. <see cref="Record"/> is on the hot path (the token endpoint waits for the runner):
/// it only enqueues; a background writer redacts and writes in batches, one transaction per batch, and then
/// publishes the batch to <see cref="IExecutionLogFeed"/>.
/// </summary>
public interface IExecutionLog
{
    /// <summary>
    /// Enqueues one invocation without waiting. When the queue is full the record is dropped and counted
    /// (<see cref="DroppedCount"/>, and a warning from the writer) rather than slowing the caller.
    /// </summary>
    /// <param name="invocation">What was run (its secrets are used only to scrub their values from the record).</param>
    /// <param name="payload">The payload actually given to the point (the sample when the invocation had none).</param>
    /// <param name="result">How it ended.</param>
    void Record(HookInvocation invocation, JsonNode? payload, ExecutionResult result);

    /// <summary>
    /// Builds one invocation's record (stamped now, payload serialized) without storing it; as cheap as
    /// <see cref="Record"/>. Store it with <see cref="Enqueue"/> or <see cref="WriteAsync{T}"/>.
    /// </summary>
    ExecutionLogEntry Prepare(HookInvocation invocation, JsonNode? payload, ExecutionResult result);

    /// <summary>Queues a prepared record for the background writer, exactly as <see cref="Record"/> does.</summary>
    void Enqueue(ExecutionLogEntry entry);

    /// <summary>
    /// Stores a prepared record now, in one write transaction (with SQLite's full durability) together with the
    /// caller's <paramref name="change"/>: both are committed, or neither. Records queued earlier are written first,
    /// and the record is published to the live feed after the commit, so order and feed are as for queued records.
    /// The durable event queue uses it to mark an event done or failed in the transaction that stores its run's
    /// record: a crash cannot keep the outcome without the record.
    /// </summary>
    /// <returns>What <paramref name="change"/> returned.</returns>
    Task<T> WriteAsync<T>(ExecutionLogEntry entry, Func<DbConnection, DbTransaction, CancellationToken, Task<T>> change, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes everything enqueued before the call. The command line calls it before exiting (it has no
    /// background writer); tests call it before querying.
    /// </summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>Records dropped because the queue was full, since start.</summary>
    long DroppedCount { get; }
}
