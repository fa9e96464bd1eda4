using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using HooksDashboard.Catalog;
using HooksDashboard.Execution;
using HooksDashboard.Execution.Engines;
using HooksDashboard.Execution.Modules;
using HooksDashboard.Hooks;

namespace HooksDashboard.Cli;

/// <summary>
/// <c>bench-hook</c>: N invocations through the runner's path, with latency, throughput and allocations, on warm engines
/// as a saved hook runs (or fresh ones), with npm dependencies installed as <c>run-hook</c> does.
/// </summary>
internal static class BenchHookCommand
{
    private const string DependencyOption = "--dependency";
    private const string FreshEngines = "--fresh-engines";

    /// <summary>Options that take no value.</summary>
    public static readonly string[] Flags = [FreshEngines];

    public const string Help = """
        bench-hook --trigger <triggerId> --script <file.js> [--payload <file.json>] [--secret NAME=VALUE]... [--timeout-ms N]
                   [--dependency name@version]... [--iterations N] [--concurrency C] [--warmup-ms W] [--fresh-engines]
            Runs N invocations (default 20000) through the same path as the runtime, spread over C concurrent
            workers (default 1), after a warm-up of at least W ms (default 3000) that lets the JIT finish
            optimising. The hook runs as a saved, enabled hook does: on warm engines (Execution:WarmEngines),
            its module evaluated once per engine; --fresh-engines runs every invocation in a fresh engine instead.
            --dependency name@version (repeatable) installs npm packages from the configured registry as run-hook
            does (undeclared requires are resolved too). Prints JSON:
            {"trigger","iterations","concurrency","engines","opsPerSec","p50Us","p95Us","p99Us","allocatedBytesPerOp",
             "cpuUsPerOp","firstInvocationMs","firstInvocationColdProcessMs","warmEngines","bytesPerWarmEngine","errors"}:
            firstInvocationColdProcessMs is the very first call (JIT, package files); firstInvocationMs the first
            call of a new hook version once the process is warm (after a save on a running server, without the
            background warm-up); bytesPerWarmEngine the heap one warm engine holds (freed when the pool is emptied);
            cpuUsPerOp the process's CPU time (all threads, GC included) during the measured calls, per call: a
            loaded machine inflates it far less than wall-clock latency.
            Exit 0 when every invocation succeeded, 1 otherwise, 2 on bad usage.
        """;

    /// <summary>How long the warm-up runs at least by default, so the JIT's background recompilation has finished.</summary>
    private const int DefaultWarmupMs = 3_000;

    internal sealed record BenchResult(
        string Trigger,
        int Iterations,
        int Concurrency,
        string Engines,
        double OpsPerSec,
        double P50Us,
        double P95Us,
        double P99Us,
        long AllocatedBytesPerOp,
        double CpuUsPerOp,
        double FirstInvocationMs,
        double FirstInvocationColdProcessMs,
        int WarmEngines,
        long? BytesPerWarmEngine,
        int Errors,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ExecutionError? FirstError);

    public static async Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        args.RejectUnknown(0, [.. HookInput.Options, "--iterations", "--concurrency", "--warmup-ms", DependencyOption, FreshEngines]);
        var catalog = services.GetRequiredService<IHookCatalog>();
        var input = HookInput.Read(args, catalog, InvocationSource.Cli);
        var declared = DependencyArguments.Parse(args.All(DependencyOption));
        // A benchmark measures the hook, not the execution log. The payload is parsed once, as the runtime's
        // endpoints hand the runner a payload they built (the runner never changes it).
        var invocation = input.Invocation with
        {
            Record = false,
            Payload = input.Invocation.Payload ?? catalog.Find(input.Invocation.TriggerId)!.ParseSamplePayload(),
        };
        var iterations = args.PositiveInt("--iterations", 20_000);
        var concurrency = args.PositiveInt("--concurrency", 1);
        var warmupTime = TimeSpan.FromMilliseconds(args.NonNegativeInt("--warmup-ms", DefaultWarmupMs));
        if (concurrency > iterations)
            throw new CliUsageException("--concurrency cannot exceed --iterations.");

        if (declared.Count > 0 || RequireScanner.Scan(invocation.Script).Count > 0)
        {
            try
            {
                var prepared = await services.GetRequiredService<HookPackages>().PrepareAsync(invocation.Script, declared, cancellationToken).ConfigureAwait(false);
                foreach (var added in prepared.Added)
                {
                    await stderr.WriteLineAsync(
                        $"bench-hook: require('{added.Specifier}') resolved to {added.Name}@{added.Version} (not declared; pin it with --dependency {added.Name}@{added.Version})").ConfigureAwait(false);
                }
                invocation = invocation with { Dependencies = prepared.Dependencies, Packages = prepared.Graph };
            }
            catch (PackageInstallException ex)
            {
                await stderr.WriteLineAsync($"bench-hook: dependencies could not be installed: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
        }

        var result = await MeasureAsync(services.GetRequiredService<IHookRunner>(), invocation, iterations, concurrency, warmupTime,
            args.Has(FreshEngines) ? null : services.GetRequiredService<JintHookExecutor>().WarmEngines, cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync(CliJson.Line(result)).ConfigureAwait(false);
        return result.Errors == 0 ? 0 : 1;
    }

    internal static async Task<BenchResult> MeasureAsync(IHookRunner runner, HookInvocation invocation, int iterations, int concurrency,
        TimeSpan warmupTime, WarmEnginePool? pool, CancellationToken cancellationToken)
    {
        // Warm engines: each phase is a new version of one saved hook, as after a save. Fresh engines: no scope.
        var version = 0;
        HookInvocation Version() => pool is null ? invocation : invocation with { EngineScope = new WarmEngineScope("bench-hook", $"version {++version}") };

        var cold = Stopwatch.GetTimestamp();
        await runner.RunAsync(Version(), cancellationToken).ConfigureAwait(false);
        var firstColdProcessMs = Stopwatch.GetElapsedTime(cold).TotalMilliseconds;

        // Warm-up: JIT, the script cache and the thread pool, none of which a steady server pays per call. The
        // runtime compiles hot methods again (tier 1) in the background some time after their first calls, so
        // a fixed count is not enough: on two cores a 2,000-call warm-up still measured tier-0 code, three to
        // four times slower. Warm up for a minimum time as well.
        var warming = Version();
        var warmupCalls = Math.Clamp(iterations / 10, 50, 2_000);
        var warmup = Stopwatch.StartNew();
        for (var i = 0; i < warmupCalls || warmup.Elapsed < warmupTime; i++)
            await runner.RunAsync(warming, cancellationToken).ConfigureAwait(false);

        // The first invocation of a new version in a warm process: what a save costs the next request.
        pool?.Clear();
        var measured = Version();
        var saved = Stopwatch.GetTimestamp();
        await runner.RunAsync(measured, cancellationToken).ConfigureAwait(false);
        var firstMs = Stopwatch.GetElapsedTime(saved).TotalMilliseconds;

        var latencies = new long[iterations];
        var errors = 0;
        ExecutionError? firstError = null;
        var next = -1;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var wall = Stopwatch.StartNew();

        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < iterations)
            {
                var start = Stopwatch.GetTimestamp();
                var result = await runner.RunAsync(measured, cancellationToken).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetTimestamp() - start;
                if (!result.IsSuccess && Interlocked.Increment(ref errors) == 1)
                    firstError = result.Error;
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);

        wall.Stop();
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        // What the warm engines hold: the heap freed by emptying the pool, per engine.
        var engines = pool?.Count ?? 0;
        long? perEngine = null;
        if (pool is not null && engines > 0)
        {
            var held = GC.GetTotalMemory(forceFullCollection: true);
            pool.Clear();
            perEngine = Math.Max(held - GC.GetTotalMemory(forceFullCollection: true), 0) / engines;
        }

        Array.Sort(latencies);
        return new BenchResult(
            invocation.TriggerId,
            iterations,
            concurrency,
            pool is null ? "fresh" : "warm",
            Math.Round(iterations / wall.Elapsed.TotalSeconds, 1),
            Micros(latencies[(int)(iterations * 0.50)]),
            Micros(latencies[Math.Min(iterations - 1, (int)(iterations * 0.95))]),
            Micros(latencies[Math.Min(iterations - 1, (int)(iterations * 0.99))]),
            allocated / iterations,
            Math.Round(cpu.TotalMicroseconds / iterations, 2),
            Math.Round(firstMs, 2),
            Math.Round(firstColdProcessMs, 2),
            engines,
            perEngine,
            errors,
            firstError);
    }

    private static double Micros(long ticks) => Math.Round(ticks * 1_000_000.0 / Stopwatch.Frequency, 2);
}
