using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dapper;
using HooksDashboard.Catalog;
using HooksDashboard.Execution;
using HooksDashboard.Logs;
using HooksDashboard.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Cli;

/// <summary><c>bench-logs</c>: the Logs page's queries against a temporary database of N records.</summary>
internal static class BenchLogsCommand
{
    public const string Help = """
        bench-logs [--records N] [--keep <folder>]
        bench-logs --rate R [--seconds S] [--write-delay-ms D] [--keep <folder>]
            Fills a temporary database with N execution log records (default 1000000; spread over 9 days,
            5 points, 20 hooks, ~5% errors, 1-3 console lines each) in batched transactions, then times the
            Logs page's queries through the real query service (median of 5 runs each): first page, a deep
            page near the oldest record, filtered pages, text searches for a common and an absent word (FTS5,
            first and deep page, and a LIKE scan for comparison) and the 24-hour overview; then the cost
            of recording on the hot path (IExecutionLog.Record, per call) and the writer's throughput.
            With --keep, a folder whose database already holds records is reused as it is (no fill). Prints one JSON object of milliseconds. The database is deleted
            afterwards unless --keep names a folder for it.
            With --rate, the writer at a sustained rate instead: a producer thread records R realistic records a
            second (payload, result, 1-3 console lines, ~5% errors) through the real execution log for S seconds
            (default 20) while the real background writer, with the default Logs settings, writes them to SQLite (a
            new database, or the one in --keep as it is, e.g. a filled one). Prints the records recorded, written and
            dropped (must be 0), the queue's high-water mark, the producer's cost per Record call (wall and its
            thread's CPU), and the writer's CPU per record: the process's CPU until the queue is written, minus the
            producer thread's and the tiered JIT's compiler threads' (jitCpuUsPerRecord), so it includes the
            garbage collections the writing causes; storageCpuUsPerRecord is SQLite's share (insert, text index,
            commit), measured on the thread that runs each batch. Linux only (per-thread CPU from /proc).
            --write-delay-ms sets the writer's group-commit delay (Logs:WriteDelay) for the run, to measure its
            effect; by default the setting's default.
        """;

    private const int PageSize = 50;
    private const int Runs = 5;

    private static readonly string[] Words =
        ["user", "scope", "granted", "tenant", "claim", "added", "checking", "plan", "audience", "client", "metadata", "lookup",
         "cache", "miss", "hit", "allowed", "denied", "quota", "region", "email"];

    private const string InsertSql = """
        INSERT INTO execution_logs
            (id, created_at, hook_id, hook_name, trigger_id, source, outcome, duration_ms, request_id,
             error_kind, error_name, error_message, error, logs, logs_dropped, payload)
        VALUES ($id, $created, $hook, $hookName, $trigger, $source, $outcome, $duration, $request,
                $errorKind, $errorName, $errorMessage, $error, $logs, 0, $payload);
        """;

    // The same query shape as the text filter, with a LIKE scan in place of the full-text index.
    private const string LikeSql = """
        SELECT id FROM execution_logs
        WHERE logs LIKE @Pattern OR error_message LIKE @Pattern
        ORDER BY created_at DESC, id DESC LIMIT 50;
        """;

    private const string CountSql = "SELECT COUNT(*) FROM execution_logs;";

    private const string DeepCursorSql = """
        SELECT created_at AS CreatedAt, id AS Id FROM execution_logs ORDER BY created_at ASC, id ASC LIMIT 1 OFFSET @Offset;
        """;

    internal sealed record Figures(
        int Records,
        double FillSeconds,
        double FirstPageMs,
        double DeepPageMs,
        double HookPageMs,
        double PointPageMs,
        double ErrorPageMs,
        double CliSourcePageMs,
        double HookAndErrorsPageMs,
        double TextCommonFtsMs,
        double TextCommonDeepFtsMs,
        double TextRareFtsMs,
        double TextRareLikeMs,
        double TextCommonLikeMs,
        double Overview24hMs,
        double DatabaseMb,
        double RecordCallUs,
        double WriterRecordsPerSec,
        double WriterCpuUsPerRecord);

    public static async Task<int> RunAsync(CliArguments args, IServiceProvider services, TextWriter stdout, CancellationToken cancellationToken)
    {
        args.RejectUnknown(0, "--records", "--keep", "--rate", "--seconds", "--write-delay-ms");
        var records = args.PositiveInt("--records", 1_000_000);
        var rate = args.Optional("--rate") is null ? (int?)null : args.PositiveInt("--rate", 1);
        var seconds = args.PositiveInt("--seconds", 20);
        if (rate is null && args.Optional("--seconds") is not null)
            throw new CliUsageException("--seconds goes with --rate.");
        if (rate is not null && args.Optional("--records") is not null)
            throw new CliUsageException("--records fills a database for the query timings; with --rate, fill one first and pass it with --keep.");
        if (rate is null && args.Optional("--write-delay-ms") is not null)
            throw new CliUsageException("--write-delay-ms goes with --rate.");
        var writeDelay = TimeSpan.FromMilliseconds(args.NonNegativeInt("--write-delay-ms", (int)new ExecutionLogOptions().WriteDelay.TotalMilliseconds));
        if (writeDelay > TimeSpan.FromSeconds(5))
            throw new CliUsageException("--write-delay-ms must be at most 5000 (Logs:WriteDelay's bound).");
        var keep = args.Optional("--keep");
        var folder = keep is null ? Directory.CreateTempSubdirectory("hooksdashboard-bench-logs-").FullName : Path.GetFullPath(keep);
        try
        {
            var triggers = services.GetRequiredService<IHookCatalog>().Points.Select(p => p.Id).ToArray();
            object figures = rate is { } r
                ? await BenchLogsSustained.MeasureAsync(folder, r, seconds, writeDelay, triggers, cancellationToken).ConfigureAwait(false)
                : await MeasureAsync(folder, records, triggers, cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync(JsonSerializer.Serialize(figures, figures.GetType(), CliJson.Indented)).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            if (keep is null)
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    internal static async Task<Figures> MeasureAsync(string folder, int records, IReadOnlyList<string> triggers, CancellationToken cancellationToken)
    {
        var database = new SqliteDatabase(Options.Create(new StorageOptions { DataDirectory = folder }));
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;

        long existing;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            existing = await connection.ExecuteScalarAsync<long>(CountSql).ConfigureAwait(false);
        var fill = Stopwatch.StartNew();
        if (existing == 0)
            await FillAsync(database, records, triggers, now, cancellationToken).ConfigureAwait(false);
        else
            records = (int)existing;
        fill.Stop();

        var query = new SqliteExecutionLogQuery(database);
        ExecutionLogCursor deepCursor;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            // Fresh statistics, as a long-running server would have after SQLite's optimize.
            await connection.ExecuteAsync("PRAGMA optimize;").ConfigureAwait(false);
            var row = await connection.QuerySingleAsync<CursorRow>(DeepCursorSql, new { Offset = Math.Min(records - 1, 100) }).ConfigureAwait(false);
            deepCursor = new ExecutionLogCursor(row.CreatedAt, row.Id);
        }

        Task<double> Page(ExecutionLogFilter filter, ExecutionLogCursor? cursor = null) =>
            TimeAsync(() => query.ListAsync(filter, new ExecutionLogPageRequest(PageSize, cursor), cancellationToken));

        Task<double> Like(string word) => TimeAsync(async () =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return (await connection.QueryAsync<string>(LikeSql, new { Pattern = "%" + word + "%" }).ConfigureAwait(false)).AsList();
        });

        var figures = new Figures(
            records,
            Math.Round(fill.Elapsed.TotalSeconds, 1),
            await Page(ExecutionLogFilter.All).ConfigureAwait(false),
            await Page(ExecutionLogFilter.All, deepCursor).ConfigureAwait(false),
            await Page(new ExecutionLogFilter(HookId: HookId(7))).ConfigureAwait(false),
            await Page(new ExecutionLogFilter(TriggerId: triggers[^1])).ConfigureAwait(false),
            await Page(new ExecutionLogFilter(Outcome: ExecutionStatus.Error)).ConfigureAwait(false),
            await Page(new ExecutionLogFilter(Source: Hooks.InvocationSource.Cli)).ConfigureAwait(false),
            await Page(new ExecutionLogFilter(HookId: HookId(7), Outcome: ExecutionStatus.Error)).ConfigureAwait(false),
            await Page(new ExecutionLogFilter(Text: "quota")).ConfigureAwait(false),
            await Page(new ExecutionLogFilter(Text: "quota"), deepCursor).ConfigureAwait(false),
            await Page(new ExecutionLogFilter(Text: "zebra")).ConfigureAwait(false),
            await Like("zebra").ConfigureAwait(false),
            await Like("quota").ConfigureAwait(false),
            await TimeAsync(() => query.GetStatsAsync(now.AddHours(-24), cancellationToken)).ConfigureAwait(false),
            Math.Round(new FileInfo(database.DatabasePath).Length / 1024.0 / 1024.0, 1),
            0,
            0,
            0);
        var (recordCallUs, writerPerSec, writerCpuUs) = await MeasureRecordingAsync(database, triggers, cancellationToken).ConfigureAwait(false);
        SqliteConnection.ClearAllPools();
        return figures with { RecordCallUs = recordCallUs, WriterRecordsPerSec = writerPerSec, WriterCpuUsPerRecord = writerCpuUs };
    }

    /// <summary>
    /// What recording costs the hot path (<see cref="IExecutionLog.Record"/>, per call) and how fast the writer
    /// empties the queue (redaction, bounds, batched inserts), on top of the filled database.
    /// </summary>
    private static async Task<(double RecordCallUs, double WriterRecordsPerSec, double WriterCpuUsPerRecord)> MeasureRecordingAsync(
        SqliteDatabase database, IReadOnlyList<string> triggers, CancellationToken cancellationToken)
    {
        const int count = 20_000;
        using var log = new ExecutionLog(new SqliteExecutionLogStorage(database), new ExecutionLogFeed(), TimeProvider.System,
            Options.Create(new ExecutionLogOptions { QueueCapacity = count }), Microsoft.Extensions.Logging.Abstractions.NullLogger<ExecutionLog>.Instance);
        var payload = System.Text.Json.Nodes.JsonNode.Parse("""
            {"user":{"tenant":"t","username":"user1","password":"xxxxxxx","email":"user1@foo.com","user_metadata":{"hobby":"surfing"}},
             "context":{"requestLanguage":"en-us","connection":{"id":"con_1","name":"Username-Password-Authentication","tenant":"t"}}}
            """);
        var invocation = new Hooks.HookInvocation(triggers[0], "module.exports = function () {};", payload,
            new Dictionary<string, string> { ["API_KEY"] = "k-123456" }, Hooks.InvocationSource.Runtime) { HookId = HookId(1), HookName = "Hook 1", RequestId = "req" };
        var result = new ExecutionResult
        {
            Status = ExecutionStatus.Success,
            DurationMs = 0.2,
            Logs = [new ConsoleLine("log", "checking user user1@foo.com"), new ConsoleLine("info", "allowed")],
        };

        // Warm-up: tiered JIT compiles Record's optimized code only after it has been called a while.
        for (var i = 0; i < 2_000; i++)
            log.Record(invocation, payload, result);
        await log.FlushAsync(cancellationToken).ConfigureAwait(false);
        await Task.Delay(500, cancellationToken).ConfigureAwait(false);

        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
            log.Record(invocation, payload, result);
        var recordUs = Stopwatch.GetElapsedTime(start).TotalMicroseconds / count;

        // CPU time as well as wall time: on a shared machine the wall time is mostly the neighbours'.
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        start = Stopwatch.GetTimestamp();
        await log.FlushAsync(cancellationToken).ConfigureAwait(false);
        var writerSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        process.Refresh();
        var cpuUs = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / count;
        return (Math.Round(recordUs, 2), Math.Round(count / writerSeconds), Math.Round(cpuUs, 1));
    }

    private static string HookId(int n) => "01HOOK" + n.ToString("D20", CultureInfo.InvariantCulture);

    /// <summary>Batched inserts through one prepared command, one transaction per 50,000 rows.</summary>
    private static async Task FillAsync(SqliteDatabase database, int records, IReadOnlyList<string> triggers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var random = new Random(42);
        var span = TimeSpan.FromDays(9);
        var first = now - span;
        var step = span.Ticks / records;
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var command = connection.CreateCommand();
        command.CommandText = InsertSql;
        var names = new[] { "$id", "$created", "$hook", "$hookName", "$trigger", "$source", "$outcome", "$duration", "$request",
            "$errorKind", "$errorName", "$errorMessage", "$error", "$logs", "$payload" };
        var parameters = names.ToDictionary(n => n, n => command.Parameters.Add(new SqliteParameter(n, null)));

        SqliteTransaction? transaction = null;
        long indexedSeq = 0;
        for (var i = 0; i < records; i++)
        {
            if (i % 50_000 == 0)
            {
                if (transaction is not null)
                {
                    indexedSeq = await IndexTextAsync(connection, transaction, indexedSeq, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
                transaction = SqliteDatabase.BeginWrite(connection);
                command.Transaction = transaction;
            }
            var created = first.AddTicks(step * i);
            var hook = random.Next(20);
            var error = random.Next(100) < 5;
            var sourceRoll = random.Next(1000);
            var lines = Enumerable.Range(0, 1 + random.Next(3))
                .Select(_ => new ConsoleLine("log", string.Join(' ', Enumerable.Range(0, 4 + random.Next(6)).Select(_ => Words[random.Next(Words.Length)]))));
            parameters["$id"].Value = Ulid.NewId(created);
            parameters["$created"].Value = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
            parameters["$hook"].Value = HookId(hook);
            parameters["$hookName"].Value = "Hook " + hook;
            parameters["$trigger"].Value = triggers[hook % triggers.Count];
            parameters["$source"].Value = sourceRoll < 950 ? "runtime" : sourceRoll < 995 ? "test" : "cli";
            parameters["$outcome"].Value = error ? "error" : "success";
            parameters["$duration"].Value = Math.Round(0.5 + random.NextDouble() * random.NextDouble() * 40, 2);
            parameters["$request"].Value = "req-" + i.ToString(CultureInfo.InvariantCulture);
            parameters["$errorKind"].Value = error ? "hook" : DBNull.Value;
            parameters["$errorName"].Value = error ? "InvalidScopeError" : DBNull.Value;
            parameters["$errorMessage"].Value = error ? "scope denied for client" : DBNull.Value;
            parameters["$error"].Value = error ? """{"kind":"hook","name":"InvalidScopeError","message":"scope denied for client"}""" : DBNull.Value;
            parameters["$logs"].Value = JsonSerializer.Serialize(lines, ExecutionJson.Options);
            parameters["$payload"].Value = """{"audience":"https://api.example.com/","client":{"id":"abc","name":"app","metadata":{}},"scope":["read:things"]}""";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (transaction is not null)
        {
            await IndexTextAsync(connection, transaction, indexedSeq, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
        await command.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The full-text index of the rows after <paramref name="afterSeq"/>, as the writer builds it per batch; returns the newest seq.</summary>
    private static async Task<long> IndexTextAsync(SqliteConnection connection, SqliteTransaction transaction, long afterSeq, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(ExecutionLogSchema.IndexTextSql, new { AfterSeq = afterSeq }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT coalesce(max(seq), 0) FROM execution_logs;", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Median of <see cref="Runs"/> timed runs after one untimed (it warms the page cache and Dapper's plan cache).</summary>
    private static async Task<double> TimeAsync<T>(Func<Task<T>> action)
    {
        await action().ConfigureAwait(false);
        var times = new double[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action().ConfigureAwait(false);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return Math.Round(times[Runs / 2], 2);
    }

    private sealed class CursorRow
    {
        public DateTimeOffset CreatedAt { get; set; }
        public string Id { get; set; } = "";
    }
}
