using HooksDashboard.Execution;

namespace HooksDashboard.Hooks;

/// <summary>One run from a hook's test panel, kept so it can be loaded back.</summary>
/// <param name="Payload">The payload JSON as it was run.</param>
/// <param name="Result">The full result of the run.</param>
public sealed record TestRun(string Id, string HookId, string Payload, ExecutionResult Result, DateTimeOffset CreatedAt)
{
    /// <summary>The HTTP mocks the run used, as the mock set's JSON; null when it used the network.</summary>
    public string? HttpMocks { get; init; }
}

/// <summary>Recent test-panel runs per hook (the newest 50 are kept per hook).</summary>
public interface ITestRunStore
{
    /// <summary>Records a run; the hook's runs beyond the newest 50 are dropped in the same transaction.</summary>
    /// <exception cref="HookNotFoundException">No hook has this id.</exception>
    Task<TestRun> AddAsync(string hookId, string payload, ExecutionResult result, string? httpMocks = null, CancellationToken cancellationToken = default);

    /// <summary>Newest first, at most <paramref name="limit"/>; empty for an unknown hook.</summary>
    Task<IReadOnlyList<TestRun>> ListAsync(string hookId, int limit = 20, CancellationToken cancellationToken = default);
}
