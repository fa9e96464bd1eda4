using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using HooksDashboard.Storage;
using HookInvocation = HooksDashboard.Hooks.HookInvocation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Cli;

/// <summary>
/// <c>bench-logs --rate R --seconds S</c>: the execution log at a sustained rate. A producer thread records realistic
/// records (a payload, a result, 1-3 console lines, ~5% errors) through the real <see cref="ExecutionLog"/> at a fixed
/// rate for S seconds while the real <see cref="ExecutionLogWriterService"/> writes them to SQLite with the default
/// <c>Logs</c> settings; then the writer is stopped (its final flush) and the rows are counted.
/// </summary>
/// <remarks>
/// CPU is read per thread from Linux's <c>/proc/thread-self/schedstat</c> (nanoseconds on a CPU) and for the process
/// from <see cref="Process.TotalProcessorTime"/>. The writer's CPU per record is the process's CPU over the run (until
/// the queue is written) minus the producer thread's and minus the tiered JIT's background compiler threads (whose
/// recompilations a long-running server has behind it; reported apart): so it includes the garbage collections and the
/// runtime's threads the writing causes, and the bench's own wait for the end (a 5 ms poll). The storage's own share
/// (SQLite: insert, text index, commit) is measured on the thread that runs each batch, which the SQLite provider runs
/// synchronously.
/// </remarks>
internal static class BenchLogsSustained
{
    /// <summary>Variants of records the producer cycles through, so payloads, lines and errors differ as in real traffic.</summary>
    private const int Variants = 256;

    private const string CountSql = "SELECT COUNT(*) FROM execution_logs;";

    private static readonly string[] Words =
        ["user", "scope", "granted", "tenant", "claim", "added", "checking", "plan", "audience", "client", "metadata", "lookup",
         "cache", "miss", "hit", "allowed", "denied", "quota", "region", "email"];

    internal sealed record Figures(
        string Storage,
        int Rate,
        int Seconds,
        double WriteDelayMs,
        long Recorded,
        long Written,
        long Dropped,
        int QueueHighWater,
        double AchievedRatePerSec,
        double RecordCallUs,
        double ProducerCpuUsPerRecord,
        double WriterCpuUsPerRecord,
        double StorageCpuUsPerRecord,
        long Batches,
        double RecordsPerBatch,
        double ProcessCpuUsPerRecord,
        double JitCpuUsPerRecord,
        double DrainMs,
        string LoadAverage);

    public static async Task<Figures> MeasureAsync(string folder, int rate, int seconds, TimeSpan writeDelay, IReadOnlyList<string> triggers, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 1);
        if (!File.Exists("/proc/thread-self/schedstat"))
            throw new CliUsageException("bench-logs --rate reads per-thread CPU from /proc/thread-self/schedstat (Linux); it is not available here.");
        var database = new SqliteDatabase(Options.Create(new StorageOptions { DataDirectory = folder }));
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var storage = new MeasuredStorage(new SqliteExecutionLogStorage(database));
        var samples = Samples(triggers);
        // The server's settings: queue bound and batch size are the defaults, the group-commit delay the given one.
        using var log = new ExecutionLog(storage, new ExecutionLogFeed(), TimeProvider.System,
            Options.Create(new ExecutionLogOptions { WriteDelay = writeDelay }), NullLogger<ExecutionLog>.Instance);

        // Warm-up, untimed: the JIT compiles the recording and writing paths (a server has run for a while).
        for (var i = 0; i < 2_000; i++)
        {
            var sample = samples[i % samples.Length];
            log.Record(sample.Invocation, sample.Payload, sample.Result);
        }
        await log.FlushAsync(cancellationToken).ConfigureAwait(false);
        storage.Reset();
        long before;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            before = await connection.ExecuteScalarAsync<long>(CountSql).ConfigureAwait(false);

        var writer = new ExecutionLogWriterService(log, NullLogger<ExecutionLogWriterService>.Instance);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var jitBefore = JitThreadsCpuNs();
        var run = Stopwatch.StartNew();
        await writer.StartAsync(cancellationToken).ConfigureAwait(false);
        var producer = new Producer(log, samples, rate, seconds);
        var thread = new Thread(producer.Run) { Name = "bench-logs producer", IsBackground = true };
        thread.Start();
        await producer.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        var producedAt = run.Elapsed;

        // The run ends when the writer has written what was produced (the server's writer, not a flush of ours).
        // A lost batch (logged by the writer) would never be counted: give up waiting after a while.
        var giveUp = run.Elapsed + TimeSpan.FromMinutes(5);
        while ((log.Backlog > 0 || storage.Written < producer.Recorded - log.DroppedCount) && run.Elapsed < giveUp)
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        var drained = run.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var jitNs = JitCpuSinceNs(jitBefore);
        await writer.StopAsync(cancellationToken).ConfigureAwait(false);
        writer.Dispose();

        long after;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            after = await connection.ExecuteScalarAsync<long>(CountSql).ConfigureAwait(false);

        var written = after - before;
        var perRecord = Math.Max(1, producer.Recorded);
        var processUs = cpu.TotalMicroseconds;
        var writerUs = processUs - producer.CpuNs / 1_000.0 - jitNs / 1_000.0;
        return new Figures(
            "sqlite",
            rate,
            seconds,
            writeDelay.TotalMilliseconds,
            producer.Recorded,
            written,
            log.DroppedCount,
            producer.HighWater,
            Math.Round(producer.Recorded / producedAt.TotalSeconds),
            Math.Round(producer.CallTicks * 1_000_000.0 / Stopwatch.Frequency / perRecord, 2),
            Math.Round(producer.CpuNs / 1_000.0 / perRecord, 2),
            Math.Round(writerUs / perRecord, 1),
            Math.Round(storage.CpuNs / 1_000.0 / Math.Max(1, storage.Written), 1),
            storage.Batches,
            Math.Round(storage.Written / (double)Math.Max(1, storage.Batches), 1),
            Math.Round(processUs / perRecord, 1),
            Math.Round(jitNs / 1_000.0 / perRecord, 1),
            Math.Round((drained - producedAt).TotalMilliseconds),
            LoadAverage());
    }

    /// <summary>
    /// Records at a fixed rate on its own thread: every millisecond or so it records as many as the rate owes by then,
    /// so a late wake-up is caught up at once and the average rate is exact. The queue's length is sampled after each
    /// round (its high-water mark).
    /// </summary>
    private sealed class Producer(ExecutionLog log, Sample[] samples, int rate, int seconds)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public long Recorded { get; private set; }
        public long CallTicks { get; private set; }
        public long CpuNs { get; private set; }
        public int HighWater { get; private set; }

        public void Run()
        {
            try
            {
                var cpuStart = ThreadCpuNs();
                var clock = Stopwatch.StartNew();
                var total = (long)rate * seconds;
                while (Recorded < total)
                {
                    var owed = Math.Min(total, (long)(clock.Elapsed.TotalSeconds * rate));
                    if (owed > Recorded)
                    {
                        var start = Stopwatch.GetTimestamp();
                        for (; Recorded < owed; Recorded++)
                        {
                            var sample = samples[Recorded % samples.Length];
                            log.Record(sample.Invocation, sample.Payload, sample.Result);
                        }
                        CallTicks += Stopwatch.GetTimestamp() - start;
                        HighWater = Math.Max(HighWater, log.Backlog);
                    }
                    Thread.Sleep(1);
                }
                CpuNs = ThreadCpuNs() - cpuStart;
                Done.SetResult();
            }
            catch (Exception e)
            {
                Done.SetException(e);
            }
        }
    }

    /// <summary>The real storage, counting batches and records and the CPU of the thread that writes each batch.</summary>
    private sealed class MeasuredStorage(IExecutionLogStorage inner) : IExecutionLogStorage
    {
        private long _written;
        private long _batches;
        private long _cpuNs;

        public long Written => Interlocked.Read(ref _written);
        public long Batches => Interlocked.Read(ref _batches);
        public long CpuNs => Interlocked.Read(ref _cpuNs);

        public void Reset()
        {
            Interlocked.Exchange(ref _written, 0);
            Interlocked.Exchange(ref _batches, 0);
            Interlocked.Exchange(ref _cpuNs, 0);
        }

        public Task WriteBatchAsync(List<ExecutionLogRecord> records, CancellationToken cancellationToken) =>
            TimedAsync(() => inner.WriteBatchAsync(records, cancellationToken), records.Count);

        // The writer's own path: records are made one at a time during the insert, so their making is in the figure.
        public Task WriteBatchAsync(int count, Func<int, ExecutionLogRecord> recordAt, Action<ExecutionLogRecord>? stored, CancellationToken cancellationToken) =>
            TimedAsync(() => inner.WriteBatchAsync(count, recordAt, stored, cancellationToken), count);

        private async Task TimedAsync(Func<Task> write, int count)
        {
            // SQLite's provider completes synchronously: the batch runs on this thread from start to end.
            var start = ThreadCpuNs();
            var task = write();
            var synchronous = task.IsCompleted;
            await task.ConfigureAwait(false);
            if (synchronous)
                Interlocked.Add(ref _cpuNs, ThreadCpuNs() - start);
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _written, count);
        }

        public async Task<T> WriteWithAsync<T>(
            List<ExecutionLogRecord> records, Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, CancellationToken, Task<T>> change, CancellationToken cancellationToken)
        {
            var outcome = await inner.WriteWithAsync(records, change, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _written, records.Count);
            return outcome;
        }
    }

    internal sealed record Sample(HookInvocation Invocation, JsonNode Payload, ExecutionResult Result);

    /// <summary>Records shaped like the fill's: 20 hooks over the points, a credentials-exchange-like payload, 1-3 console lines, ~5% errors.</summary>
    internal static Sample[] Samples(IReadOnlyList<string> triggers)
    {
        var random = new Random(42);
        var samples = new Sample[Variants];
        for (var i = 0; i < samples.Length; i++)
        {
            var hook = random.Next(20);
            var error = random.Next(100) < 5;
            var payload = new JsonObject
            {
                ["audience"] = "https://api.example.com/",
                ["client"] = new JsonObject { ["id"] = "client-" + hook.ToString(CultureInfo.InvariantCulture), ["name"] = "app", ["metadata"] = new JsonObject() },
                ["scope"] = new JsonArray("read:things", "write:things"),
                ["context"] = new JsonObject { ["requestLanguage"] = "en-us", ["ip"] = "203.0.113." + random.Next(255).ToString(CultureInfo.InvariantCulture) },
            };
            var invocation = new HookInvocation(triggers[hook % triggers.Count], "module.exports = function (client, scope, audience, context, cb) { cb(null, {}); };",
                payload, new Dictionary<string, string> { ["API_KEY"] = "k-" + hook.ToString("D6", CultureInfo.InvariantCulture) }, InvocationSource.Runtime)
            {
                HookId = "01HOOK" + hook.ToString("D20", CultureInfo.InvariantCulture),
                HookName = "Hook " + hook.ToString(CultureInfo.InvariantCulture),
                RequestId = "req-" + i.ToString(CultureInfo.InvariantCulture),
            };
            var lines = Enumerable.Range(0, 1 + random.Next(3))
                .Select(_ => new ConsoleLine("log", string.Join(' ', Enumerable.Range(0, 4 + random.Next(6)).Select(_ => Words[random.Next(Words.Length)]))))
                .ToList();
            var result = new ExecutionResult
            {
                Status = error ? ExecutionStatus.Error : ExecutionStatus.Success,
                DurationMs = Math.Round(0.5 + random.NextDouble() * random.NextDouble() * 40, 2),
                Data = error ? null : new JsonObject { ["scope"] = new JsonArray("read:things") },
                Logs = lines,
                Error = error ? new ExecutionError { Kind = ExecutionErrorKind.Hook, Name = "InvalidScopeError", Message = "scope denied for client" } : null,
            };
            samples[i] = new Sample(invocation, payload, result);
        }
        return samples;
    }

    /// <summary>This thread's CPU time in nanoseconds (Linux: the first field of <c>/proc/thread-self/schedstat</c>).</summary>
    private static long ThreadCpuNs()
    {
        var text = File.ReadAllText("/proc/thread-self/schedstat");
        return long.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// CPU nanoseconds of each of the runtime's tiered-compilation threads (named <c>.NET Tiered Com…</c>) alive now, by
    /// thread id. Such a thread ends when it has nothing to compile; what one that ended during the run used counts as
    /// the writer's (an overestimate, never an underestimate).
    /// </summary>
    private static Dictionary<string, long> JitThreadsCpuNs()
    {
        var threads = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered", StringComparison.Ordinal))
                    continue;
                var text = File.ReadAllText(Path.Combine(task, "schedstat"));
                threads[Path.GetFileName(task)] = long.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }
        return threads;
    }

    /// <summary>The CPU the JIT threads alive at the end used since <paramref name="before"/>.</summary>
    private static long JitCpuSinceNs(Dictionary<string, long> before) =>
        JitThreadsCpuNs().Sum(t => t.Value - before.GetValueOrDefault(t.Key));

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";
}
