using System.Text.Json.Nodes;
using HooksDashboard.Execution;
using HooksDashboard.Execution.Http;
using HooksDashboard.Hooks;
using HooksDashboard.Hooks.TestCases;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Hooks.TestCases;

/// <summary>Saved cases run through the runner (fresh engine, no log record, no stored webtask storage) and compared.</summary>
public sealed class TestCaseRunnerTests : IAsyncLifetime
{
    private const string PlanHook = """
        module.exports = function (client, scope, audience, context, cb) {
          console.log('plan ' + client.metadata.plan + ' key ' + context.webtask.secrets.API_KEY);
          if (client.metadata.plan !== 'full') return cb(new InvalidScopeError('no plan for ' + client.name));
          context.webtask.storage.set({ touched: true }, { force: 1 }, function () {
            cb(null, { scope: scope, 'https://example.com/plan': client.metadata.plan });
          });
        };
        """;

    private StorageFixture _fixture = null!;

    private ITestCaseStore Cases => _fixture.Services.GetRequiredService<ITestCaseStore>();

    private TestCaseRunner Runner => _fixture.Services.GetRequiredService<TestCaseRunner>();

    public async Task InitializeAsync() => _fixture = await StorageFixture.CreateAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private static TestCaseDefinition Case(string json) => TestCaseJson.Parse(json);

    private async Task<Hook> PlanHookAsync()
    {
        var hook = await _fixture.Hooks.CreateAsync(new NewHook($"Plan {Guid.NewGuid():N}"[..16], TestTriggers.CredentialsExchange, PlanHook, true));
        await _fixture.Hooks.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["API_KEY"] = "saved-secret-value" });
        return hook;
    }

    [Fact]
    public async Task RunHookAsync_PassingAndFailingCases_ReadableDiffsAndRedactedSecrets()
    {
        var hook = await PlanHookAsync();
        await Cases.CreateAsync(hook.Id, Case("""
            {"name":"full plan passes","expect":{"outcome":"success","applied":{"scope":["read:connections"]},"result":{"https://example.com/plan":"full"},"console":["plan full"]}}
            """));
        await Cases.CreateAsync(hook.Id, Case("""
            {"name":"free plan denied","payload":{"audience":"a","client":{"id":"c","name":"acme","metadata":{"plan":"free"}},"scope":[]},
             "expect":{"outcome":"error","errorName":"InvalidScopeError","errorMessage":"no plan for acme"}}
            """));
        await Cases.CreateAsync(hook.Id, Case("""
            {"name":"wrong expectation","secrets":{"API_KEY":"case-override"},"expect":{"outcome":"success","result":{"https://example.com/plan":"free"},"console":["key case-override","never printed"]}}
            """));

        var report = await Runner.RunHookAsync(hook.Id);

        Assert.Equal(["free plan denied", "full plan passes", "wrong expectation"], report.Results.Select(r => r.Name));
        Assert.Equal([true, true, false], report.Results.Select(r => r.Passed));
        var failed = report.Results[2];
        Assert.Equal(
        [
            "result: expected \"free\" at $[\"https://example.com/plan\"], got \"full\"",
            "missing console line \"never printed\" (the run wrote 1 line, none containing it)",
        ], failed.Failures);
        // The override reached the hook (its console line matched) and is redacted in what the report keeps.
        Assert.Equal("plan full key [redacted]", failed.Result.Logs[0].Message);
        Assert.Equal("1 of 3 test cases failed: wrong expectation", report.Summary);
    }

    [Fact]
    public async Task RunHookAsync_NewScript_RunsAgainstItNotTheSavedCode()
    {
        var hook = await PlanHookAsync();
        await Cases.CreateAsync(hook.Id, Case("""{"name":"succeeds","expect":{"outcome":"success"}}"""));

        var report = await Runner.RunHookAsync(hook.Id, "module.exports = function (c, s, a, ctx, cb) { cb(new Error('broken')); };");

        var result = Assert.Single(report.Results);
        Assert.False(result.Passed);
        Assert.StartsWith("expected success, got error: Error: broken", result.Failures[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunHookAsync_CaseRuns_NoLogRecordAndStoredStorageUntouched()
    {
        var hook = await PlanHookAsync();
        await Cases.CreateAsync(hook.Id, Case("""{"name":"touches storage","expect":{"outcome":"success"}}"""));

        var report = await Runner.RunHookAsync(hook.Id);
        await _fixture.Log.FlushAsync();

        Assert.True(report.AllPassed, string.Join("\n", report.Results.SelectMany(r => r.Failures)));
        Assert.Empty(await _fixture.LogQuery.ListHookLogsAsync(hook.Id));
        var storage = _fixture.Services.GetRequiredService<HooksDashboard.Storage.SqliteHookStorage>();
        Assert.Null((await storage.ReadAsync(hook.Id)).Json);
    }

    [Fact]
    public async Task RunHookAsync_UnknownCaseId_NotFound()
    {
        var hook = await PlanHookAsync();

        var error = await Assert.ThrowsAsync<HookNotFoundException>(() => Runner.RunHookAsync(hook.Id, caseIds: ["nope"]));

        Assert.Equal(TestCaseMessages.NotFound, error.Message);
    }

    [Fact]
    public async Task RunAsync_HttpMocks_AnswerTheHooksRequests()
    {
        const string script = """
            module.exports = async function (client, scope, audience, context, cb) {
              const res = await fetch('https://api.example.com/plans/' + client.id);
              const body = await res.json();
              cb(null, { 'https://example.com/plan': body.plan });
            };
            """;
        var subject = new TestCaseSubject(TestTriggers.CredentialsExchange, script, new Dictionary<string, string>(), InvocationSource.Cli);
        var definition = Case("""
            {"name":"mocked","httpMocks":{"rules":[{"method":"GET","url":"https://api.example.com/plans/*","json":{"plan":"gold"}}]},
             "expect":{"outcome":"success","applied":{"claims":{"https://example.com/plan":"gold"}}}}
            """);

        var report = await Runner.RunAsync(subject, [(null, definition)]);

        Assert.True(report.AllPassed, string.Join("\n", report.Results.SelectMany(r => r.Failures)));
    }

    [Fact]
    public async Task RunAsync_SixCases_RunFourAtOnceAndReportInTheirOrder()
    {
        const string script = "module.exports = function (client, scope, audience, context, cb) { cb(null, { n: client.metadata.n }); };";
        var probe = new ConcurrencyProbe(_fixture.Services.GetRequiredService<IHookRunner>(), TestCaseRunner.MaxParallelCases);
        var runner = new TestCaseRunner(probe, _fixture.Hooks, Cases);
        var subject = new TestCaseSubject(TestTriggers.CredentialsExchange, script, new Dictionary<string, string>(), InvocationSource.Cli);
        const string Template = """
            {"name":"case @N@","payload":{"audience":"a","client":{"id":"c","name":"n","metadata":{"n":@N@}},"scope":[]},
             "expect":{"outcome":"success","result":{"n":@N@}}}
            """;
        var definitions = Enumerable.Range(0, 6)
            .Select(n => ((string?)null, Case(Template.Replace("@N@", n.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))))
            .ToList();

        var report = await runner.RunAsync(subject, definitions);

        // The first run waited until four were running at once (never more); the report keeps the given order.
        Assert.True(probe.ReachedAllAtOnce, $"At most {probe.MaxInFlight} cases ran at once.");
        Assert.Equal(TestCaseRunner.MaxParallelCases, probe.MaxInFlight);
        Assert.Equal(Enumerable.Range(0, 6).Select(n => $"case {n}"), report.Results.Select(r => r.Name));
        Assert.True(report.AllPassed, string.Join("\n", report.Results.SelectMany(r => r.Failures)));
    }

    /// <summary>
    /// Passes runs to the real runner, counting how many are in flight; each holds until <c>expected</c> runs have been
    /// in flight together (or 5 s pass), so runs one after the other never overlap and the test fails.
    /// </summary>
    private sealed class ConcurrencyProbe(IHookRunner inner, int expected) : IHookRunner
    {
        private readonly TaskCompletionSource _allAtOnce = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _max;

        public int MaxInFlight => Volatile.Read(ref _max);

        public bool ReachedAllAtOnce => _allAtOnce.Task.IsCompleted;

        public async Task<ExecutionResult> RunAsync(HookInvocation invocation, CancellationToken cancellationToken = default)
        {
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
            {
            }
            if (now >= expected)
                _allAtOnce.TrySetResult();
            try
            {
                await Task.WhenAny(_allAtOnce.Task, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken));
                return await inner.RunAsync(invocation, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        public Task<ExecutionResult> TestAsync(string hookId, string script, JsonNode? payload, HttpMockSet? httpMocks = null,
            IReadOnlyDictionary<string, string>? secretOverrides = null, CancellationToken cancellationToken = default) =>
            inner.TestAsync(hookId, script, payload, httpMocks, secretOverrides, cancellationToken);

        public Task<ExecutionResult?> RunEnabledAsync(string triggerId, JsonNode payload, string? requestId = null, CancellationToken cancellationToken = default) =>
            inner.RunEnabledAsync(triggerId, payload, requestId, cancellationToken);

        public Task<ExecutionResult?> RunEnabledAsync(string triggerId, Func<JsonNode> payload, string? requestId = null, CancellationToken cancellationToken = default) =>
            inner.RunEnabledAsync(triggerId, payload, requestId, cancellationToken);

        public Task<HookRun?> RunEnabledUnrecordedAsync(string triggerId, JsonNode payload, string? requestId = null, CancellationToken cancellationToken = default) =>
            inner.RunEnabledUnrecordedAsync(triggerId, payload, requestId, cancellationToken);
    }
}
