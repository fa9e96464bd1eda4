using HooksDashboard.Execution;
using HooksDashboard.Hooks;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>In-memory <see cref="ITestRunStore"/>, newest first.</summary>
internal sealed class InMemoryTestRunStore : ITestRunStore
{
    private readonly List<TestRun> _runs = [];

    public Task<TestRun> AddAsync(string hookId, string payload, ExecutionResult result, CancellationToken cancellationToken = default)
    {
        var run = new TestRun($"run{_runs.Count + 1}", hookId, payload, result, DateTimeOffset.UtcNow);
        _runs.Insert(0, run);
        return Task.FromResult(run);
    }

    public Task<IReadOnlyList<TestRun>> ListAsync(string hookId, int limit = 20, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TestRun>>(_runs.Where(r => r.HookId == hookId).Take(limit).ToList());
}
