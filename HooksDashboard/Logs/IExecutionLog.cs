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
    /// Writes everything enqueued before the call. The command line calls it before exiting (it has no
    /// background writer); tests call it before querying.
    /// </summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>Records dropped because the queue was full, since start.</summary>
    long DroppedCount { get; }
}
