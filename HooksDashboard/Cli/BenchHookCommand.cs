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
                   [--iterations N] [--concurrency C]
            Runs N invocations (default 20000), each in a fresh isolated engine, through the same path as the
            runtime, spread over C concurrent workers (default 1), after a warm-up. Prints JSON:
            {"trigger","iterations","concurrency","opsPerSec","p50Us","p99Us","allocatedBytesPerOp","errors"}.
            Exit 0 when every invocation succeeded, 1 otherwise, 2 on bad usage.
        """;

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
        args.RejectUnknown(0, [.. HookInput.Options, "--iterations", "--concurrency"]);
        var input = HookInput.Read(args, services.GetRequiredService<IHookCatalog>(), InvocationSource.Cli);
        // A benchmark measures the hook, not the execution log.
        var invocation = input.Invocation with { Record = false };
        var iterations = args.PositiveInt("--iterations", 20_000);
        var concurrency = args.PositiveInt("--concurrency", 1);
        if (concurrency > iterations)
            throw new CliUsageException("--concurrency cannot exceed --iterations.");

        var result = await MeasureAsync(services.GetRequiredService<IHookRunner>(), invocation, iterations, concurrency, cancellationToken)
            .ConfigureAwait(false);
        await stdout.WriteLineAsync(JsonSerializer.Serialize(result, ExecutionJson.Options)).ConfigureAwait(false);
        return result.Errors == 0 ? 0 : 1;
    }

    internal static async Task<BenchResult> MeasureAsync(
        IHookRunner runner, HookInvocation invocation, int iterations, int concurrency, CancellationToken cancellationToken)
    {
        // Warm-up: JIT, the script cache and the thread pool, none of which a steady server pays per call.
        var warmup = Math.Clamp(iterations / 10, 50, 2_000);
        for (var i = 0; i < warmup; i++)
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
