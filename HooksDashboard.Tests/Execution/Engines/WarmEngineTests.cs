using System.Text.Json.Nodes;
using HooksDashboard.Execution;
using HooksDashboard.Execution.Engines;
using HooksDashboard.Execution.Modules;
using HooksDashboard.Tests.Execution.Modules;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Engines;

/// <summary>
/// Warm engines' lifetime and isolation rules, through the real executor: what persists within one saved hook version,
/// and every case where an engine must not be reused (another hook, another version, a limit error, a timeout, an
/// uncaught error, age and invocation count, the global cap), concurrency, and timers or callbacks of an earlier run.
/// </summary>
public sealed class WarmEngineTests : IDisposable
{
    /// <summary>Counts its own invocations in a module-level variable; <c>input.mode</c> makes a run fail in a chosen way.</summary>
    private const string Counter = """
        var count = 0;
        var engine = Math.random();
        module.exports = function (input, cb) {
          count++;
          if (input.mode === 'spin') { while (true) {} }
          if (input.mode === 'hoard') { var keep = []; while (true) { keep.push(new Array(1000).fill(count)); } }
          if (input.mode === 'throw') { throw new Error('thrown at ' + count); }
          if (input.mode === 'cb-error') { return cb(new Error('reported at ' + count)); }
          if (input.mode === 'wait') { return setTimeout(function () { cb(null, { count: count, engine: engine }); }, input.ms); }
          cb(null, { count: count, engine: engine });
        };
        """;

    private static readonly ExecutionLimits Limits = ExecutorTestExtensions.TestLimits;

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
    private readonly WarmEngineOptions _options = new();
    private JintHookExecutor? _executor;

    private JintHookExecutor Executor => _executor ??= new JintHookExecutor(warmEngines: _options, time: _time);

    public void Dispose() => Executor.WarmEngines.Clear();

    private static WarmEngineScope Hook(string owner, string version = "v1") => new(owner, version);

    private Task<ExecutionResult> RunAsync(WarmEngineScope? scope, string script = Counter, JsonNode? input = null, ExecutionLimits? limits = null,
        PackageGraph? packages = null)
    {
        // The extension's first call warms the JIT (a cold first run spends a second compiling Jint) before any small time limit applies.
        Executor.RunAsync("module.exports = function (cb) { cb(null, 1); };").GetAwaiter().GetResult();
        return Executor.ExecuteAsync(new ExecutionRequest(script, [input ?? new JsonObject()], limits ?? Limits, packages) { EngineScope = scope });
    }

    private async Task<int> CountAsync(WarmEngineScope? scope, string script = Counter) =>
        (await RunAsync(scope, script)).AssertSuccess()!["count"]!.GetValue<int>();

    private static JsonObject Mode(string mode) => new() { ["mode"] = mode };

    [Fact]
    public async Task ExecuteAsync_SameSavedHookVersion_ModuleStatePersists()
    {
        Assert.Equal(1, await CountAsync(Hook("a")));
        Assert.Equal(2, await CountAsync(Hook("a")));
        Assert.Equal(3, await CountAsync(Hook("a")));
    }

    [Fact]
    public async Task ExecuteAsync_WithoutScope_EveryRunHasAFreshEngine()
    {
        Assert.Equal(1, await CountAsync(null));
        Assert.Equal(1, await CountAsync(null));
        Assert.Equal(0, Executor.WarmEngines.Count);
    }

    [Fact]
    public async Task ExecuteAsync_TwoHooksWithTheSameScript_NeverShareAnEngine()
    {
        Assert.Equal(1, await CountAsync(Hook("a")));
        Assert.Equal(1, await CountAsync(Hook("b")));
        Assert.Equal(2, await CountAsync(Hook("a")));
        Assert.Equal(2, await CountAsync(Hook("b")));
    }

    [Fact]
    public async Task ExecuteAsync_SecretsKeptInModuleState_NeverReachAnotherHook()
    {
        const string Script = """
            var last;
            module.exports = function (input, cb) { var seen = last; last = input.secret; global.leak = input.secret; cb(null, [seen || null, typeof leakFromOther]); };
            """;
        await RunAsync(Hook("a"), Script, new JsonObject { ["secret"] = "secret-of-a" });

        var other = await RunAsync(Hook("b"), Script, new JsonObject { ["secret"] = "secret-of-b" });

        Assert.Equal("[null,\"undefined\"]", other.AssertSuccess()!.ToJsonString());
        Assert.DoesNotContain("secret-of-a", other.Data!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("new version")] // a save, or a change of the secrets' values
    [InlineData("new script")]
    [InlineData("new limits")]
    public async Task ExecuteAsync_ChangedVersionScriptOrLimits_StartsAFreshEngine(string change)
    {
        Assert.Equal(1, await CountAsync(Hook("a")));
        Assert.Equal(2, await CountAsync(Hook("a")));

        var result = change switch
        {
            "new version" => await RunAsync(Hook("a", "v2")),
            "new script" => await RunAsync(Hook("a"), Counter + "\n// edited"),
            _ => await RunAsync(Hook("a"), limits: Limits with { MaxConsoleChars = 1234 }),
        };

        Assert.Equal(1, result.AssertSuccess()!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task ExecuteAsync_DifferentPackageGraph_StartsAFreshEngine()
    {
        var fixtures = NodeModulesGraph.FromFolder(Path.Combine(ModuleLoaderCompatibilityTests.FixturesFolder, "node_modules"));
        var fewer = new PackageGraph(fixtures.Roots.Take(1).ToDictionary());
        await RunAsync(Hook("a"), packages: fixtures);

        var result = await RunAsync(Hook("a"), packages: fewer);

        Assert.Equal(1, result.AssertSuccess()!["count"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("spin", ExecutionErrorKind.Timeout)]
    [InlineData("hoard", ExecutionErrorKind.Limit)]
    [InlineData("throw", ExecutionErrorKind.Exception)]
    public async Task ExecuteAsync_AfterTimeoutLimitOrUncaughtError_TheEngineIsDiscarded(string mode, ExecutionErrorKind kind)
    {
        // A short time limit only where the time limit is the point: hoarding 8 MB under a loaded machine can take seconds.
        var limits = Limits with { TimeoutMs = mode == "spin" ? 1_000 : 10_000, MemoryBytes = 8L * 1024 * 1024 };
        Assert.Equal(1, (await RunAsync(Hook("a"), limits: limits)).AssertSuccess()!["count"]!.GetValue<int>());

        (await RunAsync(Hook("a"), input: Mode(mode), limits: limits)).AssertError(kind);
        var next = await RunAsync(Hook("a"), limits: limits);

        Assert.Equal(1, next.AssertSuccess()!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task ExecuteAsync_ErrorReportedThroughCb_KeepsTheEngine()
    {
        await RunAsync(Hook("a"));
        (await RunAsync(Hook("a"), input: Mode("cb-error"))).AssertError(ExecutionErrorKind.Hook);

        Assert.Equal(3, await CountAsync(Hook("a")));
    }

    [Fact]
    public async Task ExecuteAsync_PerInvocationLimits_HoldOnAWarmEngine()
    {
        var limits = Limits with { TimeoutMs = 300 };
        for (var i = 0; i < 3; i++)
            (await RunAsync(Hook("a"), limits: limits)).AssertSuccess();

        var spun = await RunAsync(Hook("a"), input: Mode("spin"), limits: limits);

        spun.AssertError(ExecutionErrorKind.Timeout);
        Assert.InRange(spun.DurationMs, 250, 5_000);
    }

    [Fact]
    public async Task ExecuteAsync_ConcurrentInvocationsOfOneHook_UseDifferentEngines()
    {
        await RunAsync(Hook("a")); // one idle engine

        var first = RunAsync(Hook("a"), input: new JsonObject { ["mode"] = "wait", ["ms"] = 300 });
        var second = RunAsync(Hook("a"), input: new JsonObject { ["mode"] = "wait", ["ms"] = 10 });
        var results = await Task.WhenAll(first, second);

        var engines = results.Select(r => r.AssertSuccess()!["engine"]!.GetValue<double>()).ToArray();
        Assert.NotEqual(engines[0], engines[1]);
        Assert.Equal(2, Executor.WarmEngines.IdleCount("a"));
    }

    [Fact]
    public async Task ExecuteAsync_TimerPendingAtTheEndOfAnInvocation_NeverFiresInTheNext()
    {
        const string Script = """
            var fired = [];
            var run = 0;
            module.exports = function (input, cb) {
              run++;
              var mine = run;
              // Unref'd: the invocation ends without waiting for it, as a Node process would exit.
              setTimeout(function () { fired.push(mine); }, 50).unref();
              if (input.wait) { setTimeout(function () { cb(null, { run: mine, fired: fired }); }, 200); }
              else { cb(null, { run: mine, fired: fired }); }
            };
            """;
        (await RunAsync(Hook("a"), Script)).AssertSuccess();

        var second = await RunAsync(Hook("a"), Script, new JsonObject { ["wait"] = true });

        // Run 2's own timer fired during its 200 ms wait; run 1's never did.
        Assert.Equal("{\"run\":2,\"fired\":[2]}", second.AssertSuccess()!.ToJsonString());
    }

    [Fact]
    public async Task ExecuteAsync_CbOfAnEarlierInvocation_DoesNotDecideTheNext()
    {
        const string Script = """
            var previous;
            var run = 0;
            module.exports = function (input, cb) {
              run++;
              if (previous) { previous(null, 'answer of an earlier run'); }
              previous = cb;
              cb(null, 'answer of run ' + run);
            };
            """;
        await RunAsync(Hook("a"), Script);

        var second = await RunAsync(Hook("a"), Script);

        Assert.Equal("answer of run 2", second.AssertSuccess()!.GetValue<string>());
        Assert.Contains(second.Logs, l => l.Message.Contains("earlier invocation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_ConsoleOutput_BelongsToItsOwnInvocation()
    {
        const string Script = "var n = 0; module.exports = function (input, cb) { n++; console.log('run ' + n); cb(null, n); };";
        var first = await RunAsync(Hook("a"), Script);

        var second = await RunAsync(Hook("a"), Script);

        Assert.Equal(["run 1"], first.Logs.Select(l => l.Message));
        Assert.Equal(["run 2"], second.Logs.Select(l => l.Message));
    }

    [Fact]
    public async Task ExecuteAsync_MaxInvocationsReached_TheEngineIsRecycled()
    {
        _options.MaxInvocations = 2;

        var counts = new List<int>();
        for (var i = 0; i < 4; i++)
            counts.Add(await CountAsync(Hook("a")));

        Assert.Equal([1, 2, 1, 2], counts);
    }

    [Fact]
    public async Task ExecuteAsync_MaxAgeReached_TheEngineIsRecycled()
    {
        _options.MaxAgeMinutes = 10;
        Assert.Equal(1, await CountAsync(Hook("a")));
        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(2, await CountAsync(Hook("a")));

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, await CountAsync(Hook("a")));
    }

    [Fact]
    public async Task ExecuteAsync_GlobalCapReached_TheLeastRecentlyUsedIdleEngineGoes()
    {
        _options.MaxEngines = 2;
        await CountAsync(Hook("a"));
        await CountAsync(Hook("b"));
        await CountAsync(Hook("a")); // b is now the least recently used

        await CountAsync(Hook("c"));

        Assert.Equal(2, Executor.WarmEngines.Count);
        Assert.Equal(3, await CountAsync(Hook("a")));
        Assert.Equal(1, await CountAsync(Hook("b")));
    }

    [Fact]
    public async Task DiscardWarmEngines_Owner_NextRunStartsFresh()
    {
        await CountAsync(Hook("a"));
        await CountAsync(Hook("b"));

        Executor.DiscardWarmEngines("a");

        Assert.Equal(1, await CountAsync(Hook("a")));
        Assert.Equal(2, await CountAsync(Hook("b")));
    }

    [Fact]
    public async Task WarmUpAsync_SavedHook_EvaluatesTheModuleOnceBeforeTheFirstInvocation()
    {
        const string Script = """
            global.loads = (global.loads || 0) + 1;
            var calls = 0;
            module.exports = function (input, cb) { calls++; cb(null, [global.loads, calls]); };
            """;
        await RunAsync(null); // JIT

        Assert.True(await Executor.WarmUpAsync(new ExecutionRequest(Script, [], Limits) { EngineScope = Hook("a") }));
        Assert.Equal(1, Executor.WarmEngines.IdleCount("a"));
        var first = await RunAsync(Hook("a"), Script);

        Assert.Equal("[1,1]", first.AssertSuccess()!.ToJsonString());
    }

    [Fact]
    public async Task WarmUpAsync_ModuleThatThrows_KeepsNoEngine()
    {
        var warmed = await Executor.WarmUpAsync(new ExecutionRequest("throw new Error('broken at load');", [], Limits) { EngineScope = Hook("a") });

        Assert.False(warmed);
        Assert.Equal(0, Executor.WarmEngines.Count);
    }

    [Fact]
    public async Task ExecuteAsync_WarmEnginesDisabled_EveryRunIsFresh()
    {
        _options.Enabled = false;

        Assert.Equal(1, await CountAsync(Hook("a")));
        Assert.Equal(1, await CountAsync(Hook("a")));
    }
}
