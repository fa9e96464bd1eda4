using HooksDashboard.Execution;

namespace HooksDashboard.Hooks;

/// <summary>One run from a hook's test panel, kept so it can be loaded back.</summary>
/// <param name="Payload">The payload JSON as it was run.</param>
/// <param name="Result">The full result of the run.</param>
public sealed record TestRun(string Id, string HookId, string Payload, ExecutionResult Result, DateTimeOffset CreatedAt);

/// <summary>Recent test-panel runs per hook (the newest 50 are kept per hook).</summary>
public interface ITestRunStore
{
    Task<TestRun> AddAsync(string hookId, string payload, ExecutionResult result, CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<TestRun>> ListAsync(string hookId, int limit = 20, CancellationToken cancellationToken = default);
}
