using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using HooksDashboard.Catalog;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;

namespace HooksDashboard.Cli;

/// <summary><c>bench-hook</c>: N isolated invocations through the runner's path, with latency, throughput and allocations.</summary>
internal static class BenchHookCommand
{
    public const string Help = """
        bench-hook --trigger <triggerId> --script <file.js> [--payload <file.json>] [--secret NAME=VALUE]... [--timeout-ms N]
                   [--iterations N] [--concurrency C] [--warmup-ms W]
            Runs N invocations (default 20000), each in a fresh isolated engine, through the same path as the
            runtime, spread over C concurrent workers (default 1), after a warm-up of at least W ms (default 3000)
            that lets the JIT finish optimising. Prints JSON:
            {"trigger","iterations","concurrency","opsPerSec","p50Us","p99Us","allocatedBytesPerOp","errors"}.
            Exit 0 when every invocation succeeded, 1 otherwise, 2 on bad usage.
        """;

    /// <summary>How long the warm-up runs at least by default, so the JIT's background recompilation has finished.</summary>
    private const int DefaultWarmupMs = 3_000;

    internal sealed record BenchResult(
        string Trigger,
        int Iterations,
        int Concurrency,
        double OpsPerSec,
        double P50Us,
        double P99Us,
        long AllocatedBytesPerOp,
        int Errors,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ExecutionError? FirstError);

    public static async Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, CancellationToken cancellationToken)
    {
        args.RejectUnknown(0, [.. HookInput.Options, "--iterations", "--concurrency", "--warmup-ms"]);
        var catalog = services.GetRequiredService<IHookCatalog>();
        var input = HookInput.Read(args, catalog, InvocationSource.Cli);
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

        var result = await MeasureAsync(services.GetRequiredService<IHookRunner>(), invocation, iterations, concurrency, warmupTime, cancellationToken)
            .ConfigureAwait(false);
        await stdout.WriteLineAsync(CliJson.Line(result)).ConfigureAwait(false);
        return result.Errors == 0 ? 0 : 1;
    }

    internal static async Task<BenchResult> MeasureAsync(
        IHookRunner runner, HookInvocation invocation, int iterations, int concurrency, TimeSpan warmupTime, CancellationToken cancellationToken)
    {
        // Warm-up: JIT, the script cache and the thread pool, none of which a steady server pays per call. The
        // runtime compiles hot methods again (tier 1) in the background some time after their first calls, so
        // a fixed count is not enough: on two cores a 2,000-call warm-up still measured tier-0 code, three to
        // four times slower. Warm up for a minimum time as well.
        var warmupCalls = Math.Clamp(iterations / 10, 50, 2_000);
        var warmup = Stopwatch.StartNew();
        for (var i = 0; i < warmupCalls || warmup.Elapsed < warmupTime; i++)
            await runner.RunAsync(invocation, cancellationToken).ConfigureAwait(false);

        var latencies = new long[iterations];
        var errors = 0;
        ExecutionError? firstError = null;
        var next = -1;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var wall = Stopwatch.StartNew();

        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < iterations)
            {
                var start = Stopwatch.GetTimestamp();
                var result = await runner.RunAsync(invocation, cancellationToken).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetTimestamp() - start;
                if (!result.IsSuccess && Interlocked.Increment(ref errors) == 1)
                    firstError = result.Error;
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);

        wall.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Array.Sort(latencies);
        return new BenchResult(
            invocation.TriggerId,
            iterations,
            concurrency,
            Math.Round(iterations / wall.Elapsed.TotalSeconds, 1),
            Micros(latencies[(int)(iterations * 0.50)]),
            Micros(latencies[Math.Min(iterations - 1, (int)(iterations * 0.99))]),
            allocated / iterations,
            errors,
            firstError);
    }

    private static double Micros(long ticks) => Math.Round(ticks * 1_000_000.0 / Stopwatch.Frequency, 2);
}
