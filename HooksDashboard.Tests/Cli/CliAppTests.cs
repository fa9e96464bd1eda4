using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HooksDashboard.Catalog;
using HooksDashboard.Cli;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Cli;

public sealed class CliAppTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hd-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        return await CliRun.CaptureAsync(args);
    }

    private string Template(string triggerId) => File($"{triggerId}.js", new HookCatalog().Find(triggerId)!.Template);

    [Fact]
    public async Task RunHook_StarterTemplateWithSamplePayload_PrintsOneSuccessJsonAndExits0()
    {
        var (exit, stdout, stderr) = await RunAsync("run-hook", "--trigger", "credentials-exchange", "--script", Template("credentials-exchange"));

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var json = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal(["status", "data", "applied", "logs", "error", "durationMs", "requests"], json.Select(p => p.Key));
        Assert.Equal("success", (string?)json["status"]);
        Assert.Equal("""["read:connections"]""", json["applied"]!["scope"]!.ToJsonString());
        Assert.Null(json["error"]);
        Assert.True((double)json["durationMs"]! >= 0);
    }

    [Fact]
    public async Task RunHook_PayloadAndSecret_ReachTheHookAndLogsAreCaptured()
    {
        var script = File("hook.js", """
            module.exports = function (client, scope, audience, context, cb) {
              console.log('plan %s via %s', client.metadata.plan, context.webtask.secrets.API_KEY);
              console.warn({ audience: audience });
              cb(null, { scope: scope.concat(['extra']), 'https://example.com/plan': client.metadata.plan });
            };
            """);
        var payload = File("payload.json", """{"client":{"id":"c1","name":"n","tenant":"t","metadata":{"plan":"gold"}},"scope":["a"],"audience":"https://api"}""");

        var (exit, stdout, _) = await RunAsync("run-hook", "--trigger", "credentials-exchange", "--script", script, "--payload", payload, "--secret", "API_KEY=k-123");

        Assert.Equal(0, exit);
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal("""["a","extra"]""", json["applied"]!["scope"]!.ToJsonString());
        Assert.Equal("gold", (string?)json["applied"]!["claims"]!["https://example.com/plan"]);
        var logs = json["logs"]!.AsArray();
        Assert.Equal("log", (string?)logs[0]!["level"]);
        Assert.Equal("plan gold via k-123", (string?)logs[0]!["message"]);
        Assert.Equal("warn", (string?)logs[1]!["level"]);
        Assert.Contains("https://api", (string?)logs[1]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunHook_HookDenies_PrintsErrorAndExits1()
    {
        var script = File("deny.js", "module.exports = function (user, context, cb) {\n  cb(new PreUserRegistrationError('denied', 'Not allowed here'));\n};\n");

        var (exit, stdout, _) = await RunAsync("run-hook", "--trigger", "pre-user-registration", "--script", script);

        Assert.Equal(1, exit);
        var error = JsonNode.Parse(stdout)!["error"]!;
        Assert.Equal("hook", (string?)error["kind"]);
        Assert.Equal("PreUserRegistrationError", (string?)error["name"]);
        Assert.Equal("denied", (string?)error["message"]);
        Assert.Equal("Not allowed here", (string?)error["friendlyMessage"]);
    }

    [Fact]
    public async Task RunHook_SyntaxError_ReportsKindSyntaxWithLineAndExits1()
    {
        var script = File("broken.js", "module.exports = function (user, context, cb) {\n  var x = ;\n  cb();\n};\n");

        var (exit, stdout, _) = await RunAsync("run-hook", "--trigger", "post-change-password", "--script", script);

        Assert.Equal(1, exit);
        var error = JsonNode.Parse(stdout)!["error"]!;
        Assert.Equal("syntax", (string?)error["kind"]);
        Assert.Equal(2, (int)error["line"]!);
    }

    [Fact]
    public async Task RunHook_PayloadBreaksContract_ReportsKindContractAndExits1()
    {
        var payload = File("bad.json", """{"client":{},"scope":"read","audience":"a"}""");

        var (exit, stdout, _) = await RunAsync("run-hook", "--trigger", "credentials-exchange", "--script", Template("credentials-exchange"), "--payload", payload);

        Assert.Equal(1, exit);
        var error = JsonNode.Parse(stdout)!["error"]!;
        Assert.Equal("contract", (string?)error["kind"]);
        Assert.Equal("Body .scope received by extensibility point is neither empty nor an array", (string?)error["message"]);
    }

    [Fact]
    public async Task RunHook_NeverCallsCb_TimesOutAtTheGivenLimitAndExits1()
    {
        var script = File("slow.js", "module.exports = function (user, context, cb) {\n  setTimeout(function () {}, 60000);\n};\n");

        var (exit, stdout, _) = await RunAsync("run-hook", "--trigger", "post-user-registration", "--script", script, "--timeout-ms", "200");

        Assert.Equal(1, exit);
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal("timeout", (string?)json["error"]!["kind"]);
        Assert.Contains("cb", (string?)json["error"]!["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--trigger", "rules", "Unknown trigger 'rules'")]
    [InlineData("--trigger", "credentials-exchange", "--script is required")]
    public async Task RunHook_BadUsage_Exits2WithMessageOnStderr(string option, string value, string message)
    {
        var (exit, stdout, stderr) = await RunAsync("run-hook", option, value);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunHook_MissingScriptFile_Exits2()
    {
        var (exit, _, stderr) = await RunAsync("run-hook", "--trigger", "credentials-exchange", "--script", Path.Combine(_folder, "nope.js"));

        Assert.Equal(2, exit);
        Assert.Contains("Cannot read the script file", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunHook_PayloadNotJson_Exits2()
    {
        var payload = File("payload.json", "{ not json");

        var (exit, _, stderr) = await RunAsync("run-hook", "--trigger", "credentials-exchange", "--script", Template("credentials-exchange"), "--payload", payload);

        Assert.Equal(2, exit);
        Assert.Contains("is not valid JSON", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run-hook", "--secret", "NOVALUE", "--secret takes NAME=VALUE")]
    [InlineData("run-hook", "--secret", "1BAD=x", "Secret name '1BAD'")]
    [InlineData("run-hook", "--timeout-ms", "0", "--timeout-ms must be a positive whole number")]
    [InlineData("run-hook", "--colour", "red", "Unknown option --colour")]
    [InlineData("bench-hook", "--warmup-ms", "-1", "--warmup-ms must be a whole number (0 or more), not '-1'")]
    [InlineData("bench-hook", "--warmup-ms", "soon", "--warmup-ms must be a whole number (0 or more), not 'soon'")]
    [InlineData("bench-hook", "--iterations", "0", "--iterations must be a positive whole number, not '0'")]
    public async Task HookVerb_BadOption_Exits2(string verb, string option, string value, string message)
    {
        var (exit, _, stderr) = await RunAsync(verb, "--trigger", "credentials-exchange", "--script", Template("credentials-exchange"), option, value);

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchHook_SmallRun_PrintsFiguresAndExits0()
    {
        var (exit, stdout, _) = await RunAsync("bench-hook", "--trigger", "credentials-exchange", "--script", Template("credentials-exchange"),
            "--iterations", "200", "--concurrency", "2", "--warmup-ms", "0");

        Assert.Equal(0, exit);
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal(200, (int)json["iterations"]!);
        Assert.Equal(2, (int)json["concurrency"]!);
        Assert.Equal(0, (int)json["errors"]!);
        Assert.True((double)json["opsPerSec"]! > 0);
        Assert.True((double)json["p99Us"]! >= (double)json["p50Us"]!);
        Assert.True((long)json["allocatedBytesPerOp"]! > 0);
        Assert.True((double)json["cpuUsPerOp"]! >= 0);
    }

    [Fact]
    public async Task BenchHook_FailingHook_CountsErrorsAndExits1()
    {
        var script = File("fail.js", "module.exports = function (c, s, a, ctx, cb) { cb(new ServerError('down')); };");

        var (exit, stdout, _) = await RunAsync("bench-hook", "--trigger", "credentials-exchange", "--script", script, "--iterations", "60", "--warmup-ms", "0");

        Assert.Equal(1, exit);
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal(60, (int)json["errors"]!);
        Assert.Equal("ServerError", (string?)json["firstError"]!["name"]);
    }

    [Fact]
    public async Task BenchLogs_SustainedRate_WritesEveryRecordThroughTheRealWriter()
    {
        var (exit, stdout, stderr) = await RunAsync("bench-logs", "--rate", "400", "--seconds", "2", "--keep", Path.Combine(_folder, "logs"));

        Assert.True(exit == 0, stderr + stdout);
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal("sqlite", (string?)json["storage"]);
        Assert.Equal(800, (long)json["recorded"]!);
        Assert.Equal(800, (long)json["written"]!);
        Assert.Equal(0, (long)json["dropped"]!);
        Assert.True((long)json["batches"]! > 0);
        Assert.True((int)json["queueHighWater"]! >= 0);
        Assert.True((double)json["recordCallUs"]! > 0);
        Assert.True((double)json["storageCpuUsPerRecord"]! > 0);
        Assert.NotNull(json["writerCpuUsPerRecord"]);
        Assert.NotNull(json["loadAverage"]);
    }

    [Theory]
    [InlineData("--seconds", "5", "--seconds goes with --rate")]
    [InlineData("--rate", "0", "--rate must be a positive whole number, not '0'")]
    [InlineData("--rate", "fast", "--rate must be a positive whole number, not 'fast'")]
    public async Task BenchLogs_BadOption_Exits2(string option, string value, string message)
    {
        var (exit, _, stderr) = await RunAsync("bench-logs", option, value);

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchLogs_RateWithRecords_Exits2()
    {
        var (exit, _, stderr) = await RunAsync("bench-logs", "--rate", "10", "--records", "100");

        Assert.Equal(2, exit);
        Assert.Contains("--records fills a database", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchToken_SmallRun_LoadsTheRealServerWithAndWithoutTheHook()
    {
        var (exit, stdout, stderr) = await RunAsync("bench-token", "--requests", "12", "--concurrency", "1,2", "--rounds", "2", "--warmup-ms", "0", "--warmup-max-ms", "0");

        Assert.True(exit == 0, stderr + stdout);
        Assert.Contains("without hook concurrency   1:", stdout, StringComparison.Ordinal);
        Assert.Contains("with hook    concurrency   2:", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("failures 1", stdout, StringComparison.Ordinal);
        Assert.Contains("concurrency   2: ", stdout.Split("throughput with hook / without:")[1], StringComparison.Ordinal);
        // Two rounds: each round's ratio and the hook's extra CPU, paired within the round.
        Assert.Matches(@"concurrency   2: [\d.]+ \(hook costs -?[\d.]+% of throughput\); per round: median [\d.]+, [\d.]+-[\d.]+ over 2; the hook's extra CPU per token: median -?\d+ µs, -?\d+--?\d+", stdout);
        // The hooked requests really ran the hook: the execution log recorded them.
        Assert.Matches(@"hook duration inside the server \(newest \d+ from the execution log\): p50 [\d.]+ µs", stdout);
    }

    [Fact]
    public void BenchToken_AllocatedBytes_LeavesOutRunsAcrossAHeapCountChange()
    {
        // Across a change of server GC's heap count the runtime's total drops or jumps by a heap's whole count.
        const long glitch = 4_300_000_000;

        Assert.Equal(36 * 1024, BenchTokenCommand.AllocatedPerRequest([(36 * 1024 * 5_000L, 5_000), (36 * 1024 * 5_000L - glitch, 5_000)]));
        Assert.Equal(30 * 1024, BenchTokenCommand.AllocatedPerRequest([(36 * 1024 * 5_000L + glitch, 5_000), (30 * 1024 * 100L, 100)]));
        Assert.Equal(20.5, BenchTokenCommand.AllocatedPerRequest([(41, 2), (0, 0)]));
        Assert.True(double.IsNaN(BenchTokenCommand.AllocatedPerRequest([(-1, 5_000)])));
        Assert.True(double.IsNaN(BenchTokenCommand.AllocatedPerRequest([])));
    }

    [Fact]
    public void BenchToken_RoundSpread_PairsEachRoundsFiguresAndTakesTheirMedianAndRange()
    {
        // Rounds 2 and 3 ran on a slower machine: both modes moved, their ratio did not.
        var spread = BenchTokenCommand.RoundSpread([900, 450, 440, 880], [1000, 500, 500, 1000], (w, o) => w / o);

        Assert.Equal(0.89, spread.Median, 10);
        Assert.Equal(0.88, spread.Min, 10);
        Assert.Equal(0.9, spread.Max, 10);
        Assert.Equal(4, spread.Count);
        Assert.Equal(30, BenchTokenCommand.RoundSpread([430, 520, 410], [400, 480, 390], (w, o) => w - o).Median, 10);
        // A round without a usable figure (no time measured) is left out; none at all gives NaN.
        Assert.Equal(0.5, BenchTokenCommand.RoundSpread([1, double.PositiveInfinity], [2, 1], (w, o) => w / o).Median, 10);
        Assert.True(double.IsNaN(BenchTokenCommand.RoundSpread([], [], (w, o) => w / o).Median));
    }

    [Fact]
    public async Task BenchToken_SmallRun_MeasuresTheFloorInTheSameRun()
    {
        var (exit, stdout, stderr) = await RunAsync("bench-token", "--requests", "12", "--concurrency", "1,2", "--rounds", "2", "--warmup-ms", "0", "--warmup-max-ms", "0");

        Assert.True(exit == 0, stderr + stdout);
        // The minimal endpoint answered every request (a 404 or 400 would count as failures) and a signature was timed.
        Assert.Matches(@"  sqlite     floor        concurrency   2: +[\d.]+ req/s .* CPU +\d+ µs/req +[\d.]+ cs/req \+ RSA-2048 signature \d+ µs  failures 0", stdout);
        // The warm-up says how it ended: here at its maximum of 0 ms, before the JIT's share could be measured.
        Assert.Matches(@"warm-up: [\d.]+ s at concurrency 1, 2 \(the maximum\), too short to tell whether the JIT is quiet", stdout);
        // Context switches, allocation, collections, page faults and JIT time per request on every load line.
        Assert.Matches(@"  sqlite     without hook concurrency   1: +[\d.]+ req/s .* CPU +\d+ µs/req +[\d.]+ cs/req +[\d.]+ KB/req +[\d.]+ GC/1k +[\d.]+ faults/req +JIT +[\d.]+ µs/req  failures 0", stdout);
        var ratios = stdout.Split("CPU per token without hook / floor's parts (minimal endpoint + one RSA-2048 signature in a loop):")[1];
        Assert.Matches(@"  sqlite     concurrency   1: \d+ / \(\d+ \+ \d+\) = [\d.]+", ratios);
        Assert.Matches(@"  sqlite     concurrency   2: \d+ / \(\d+ \+ \d+\) = [\d.]+", ratios);
        // The signing floor answered every request (a refused secret or a broken token would be failures), and the
        // no-hook CPU is set against it per level.
        Assert.Matches(@"  sqlite     signing floor concurrency   2: +[\d.]+ req/s .* CPU +\d+ µs/req +[\d.]+ cs/req  failures 0", stdout);
        var signing = stdout.Split("CPU per token without hook / signing floor (minimal endpoint that checks the secret's salted hash and signs the token):")[1]
            .Split("CPU per token without hook / floor's parts")[0];
        Assert.Matches(@"  sqlite     concurrency   1: \d+ / \d+ = [\d.]+", signing);
        Assert.Matches(@"  sqlite     concurrency   2: \d+ / \d+ = [\d.]+", signing);
    }

    [Fact]
    public async Task BenchToken_Serve_AnswersAnotherClientsTokenRequestsUntilCancelled()
    {
        using var stdout = new FirstLineWriter();
        using var stderr = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var run = CliApp.RunAsync(["bench-token", "--serve", "120", "--modes", "with"], stdout, stderr, stop.Token);

        var line = await stdout.FirstLine.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var served = Regex.Match(line, @"^serving sqlite \(hook enabled\) for 120 s, process (\d+): POST (http://127\.0\.0\.1:\d+/oauth/token) application/x-www-form-urlencoded (\S+)$");
        Assert.True(served.Success, line);
        Assert.Equal(Environment.ProcessId, int.Parse(served.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        using (var http = new HttpClient())
        using (var content = new StringContent(served.Groups[3].Value, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"))
        using (var response = await http.PostAsync(new Uri(served.Groups[2].Value), content))
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, body);
            Assert.Equal(3, ((string)JsonNode.Parse(body)!["access_token"]!).Split('.').Length);
        }

        await stop.CancelAsync();
        Assert.Equal(0, await run);
    }

    [Fact]
    public async Task BenchToken_ServeWithBothModes_Exits2()
    {
        var (exit, _, stderr) = await RunAsync("bench-token", "--serve", "5");

        Assert.Equal(2, exit);
        Assert.Contains("--serve needs --modes with or --modes without", stderr, StringComparison.Ordinal);
    }

    /// <summary>Standard output whose first line is also handed to <see cref="FirstLine"/> as soon as it is written.</summary>
    private sealed class FirstLineWriter : StringWriter
    {
        public TaskCompletionSource<string> FirstLine { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void WriteLine(string? value)
        {
            lock (this)
                base.WriteLine(value);
            FirstLine.TrySetResult(value ?? "");
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task BenchToken_ModesWith_LoadsOnlyTheHookedMode()
    {
        var (exit, stdout, stderr) = await RunAsync("bench-token", "--requests", "6", "--concurrency", "1", "--rounds", "2", "--warmup-ms", "0", "--warmup-max-ms", "0", "--modes", "with");

        Assert.True(exit == 0, stderr + stdout);
        Assert.Contains("with hook    concurrency   1:", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("without hook concurrency", stdout, StringComparison.Ordinal);
        Assert.Matches(@"hook duration inside the server \(newest \d+ from the execution log\)", stdout);
    }

    [Theory]
    [InlineData("--rounds", "0", "--rounds must be a positive whole number")]
    [InlineData("--concurrency", "1,x", "--concurrency must be a comma-separated list")]
    [InlineData("--warmup-ms", "-5", "--warmup-ms must be a whole number (0 or more)")]
    [InlineData("--modes", "hook", "--modes must be both, with or without, not 'hook'")]
    [InlineData("--warmup-max-ms", "5000", "--warmup-max-ms cannot be less than --warmup-ms")]
    public async Task BenchToken_BadOption_Exits2(string option, string value, string message)
    {
        var (exit, _, stderr) = await RunAsync("bench-token", option, value);

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bench-token", "mysql", null, "--storage takes sqlite, postgres and/or postgres-2")]
    [InlineData("bench-token", "sqlite,sqlite", null, "--storage names 'sqlite' twice")]
    [InlineData("bench-token", "sqlite,postgres", null, "need --postgres with a connection string")]
    [InlineData("bench-queue", "postgres-2", "Host=;;=x", "--postgres is not a valid connection string")]
    public async Task Bench_BadStorage_Exits2(string verb, string storage, string? postgres, string message)
    {
        string[] args = postgres is null ? [verb, "--storage", storage] : [verb, "--storage", storage, "--postgres", postgres];
        var (exit, _, stderr) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchQueue_SmallRun_EveryEventDoneByTheWorker()
    {
        var (exit, stdout, stderr) = await RunAsync("bench-queue", "--events", "40", "--rounds", "2");

        Assert.True(exit == 0, stderr + stdout);
        Assert.Contains("on sqlite (1 worker,", stdout, StringComparison.Ordinal);
        Assert.Matches(@"  sqlite     40 events in [\d.]+ s: +[\d.]+ events/s \(rounds: \d+, \d+\)  failed 0", stdout);
    }

    [Fact]
    public async Task BenchQueueAndToken_PostgreSqlSetUps_RunSideBySideWithSqlite()
    {
        var server = await PostgreSqlServer.GetAsync();
        string[] storage = ["--storage", "sqlite,postgres,postgres-2", "--postgres", server.ConnectionString("postgres")];

        var queue = await RunAsync(["bench-queue", "--events", "40", "--rounds", "2", .. storage]);
        var token = await RunAsync(["bench-token", "--requests", "12", "--concurrency", "2", "--rounds", "2", "--warmup-ms", "0", "--warmup-max-ms", "0", .. storage]);

        Assert.True(queue.Exit == 0, queue.Stderr + queue.Stdout);
        Assert.Contains("on postgres-2 (2 workers,", queue.Stdout, StringComparison.Ordinal);
        foreach (var name in new[] { "sqlite    ", "postgres  ", "postgres-2" })
            Assert.Matches($@"  {name} 40 events in [\d.]+ s: +[\d.]+ events/s \(rounds: \d+, \d+\)  failed 0", queue.Stdout);
        Assert.True(token.Exit == 0, token.Stderr + token.Stdout);
        foreach (var name in new[] { "sqlite    ", "postgres  ", "postgres-2" })
            Assert.Contains($"  {name} with hook    concurrency   2:", token.Stdout, StringComparison.Ordinal);
        Assert.Contains("throughput against sqlite:", token.Stdout, StringComparison.Ordinal);
        // The scratch databases are gone.
        await using var connection = new Npgsql.NpgsqlConnection(server.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT COUNT(*) FROM pg_database WHERE datname LIKE 'hooksdashboard_bench_%'", connection);
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Help_ListsEveryVerb()
    {
        var (exit, stdout, _) = await RunAsync("--help");

        Assert.Equal(0, exit);
        Assert.Contains("run-hook --trigger", stdout, StringComparison.Ordinal);
        Assert.Contains("bench-hook --trigger", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("credentials-exchange")]
    [InlineData("pre-user-registration")]
    [InlineData("post-user-registration")]
    [InlineData("post-change-password")]
    [InlineData("send-phone-message")]
    public async Task RunHook_PrintSample_PrintsThePointsSamplePayloadThatRunsAsPayload(string triggerId)
    {
        var (exit, stdout, stderr) = await RunAsync("run-hook", "--trigger", triggerId, "--print-sample");

        Assert.True(exit == 0, stderr);
        Assert.True(JsonNode.DeepEquals(new HookCatalog().Find(triggerId)!.ParseSamplePayload(), JsonNode.Parse(stdout)), stdout);
        var (runExit, result, _) = await RunAsync("run-hook", "--trigger", triggerId, "--script", Template(triggerId), "--payload", File("sample.json", stdout));
        Assert.True(runExit == 0, result);
    }

    [Theory]
    [InlineData("--print-sample", "--trigger is required.")]
    [InlineData("--print-sample --trigger nope", "Unknown trigger 'nope'")]
    [InlineData("--print-sample --trigger post-change-password --script x.js", "Unknown option --script.")]
    public async Task RunHook_PrintSampleMisused_Exit2WithMessage(string arguments, string message)
    {
        var (exit, stdout, stderr) = await RunAsync(["run-hook", .. arguments.Split(' ')]);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunHookHelp_ShowsEveryPointsPayloadShapeAndPrintSample()
    {
        var (exit, stdout, _) = await RunAsync("run-hook", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("--print-sample", stdout, StringComparison.Ordinal);
        Assert.All(new HookCatalog().Points, p => Assert.Matches($@"\n\s+{Regex.Escape(p.Id)}\s+{Regex.Escape(p.PayloadShape)}", stdout));
        Assert.Equal(
            "{ user: { tenant, username, password, email, emailVerified, phoneNumber, phoneNumberVerified, user_metadata, app_metadata }, "
            + "context: { requestLanguage, connection: { id, name, tenant } } } (user, context and context.connection must be objects)",
            new HookCatalog().Find("pre-user-registration")!.PayloadShape);
    }

    [Fact]
    public async Task RunHook_TextWithQuotesPlusAndAccents_IsPrintedAsIs()
    {
        var script = File("text.js", "module.exports = function (user, context, cb) { console.log(\"it's 1+1 <b> & café\"); cb(null, { note: \"l'été\" }); };");

        var (exit, stdout, _) = await RunAsync("run-hook", "--trigger", "post-change-password", "--script", script);

        Assert.Equal(0, exit);
        Assert.Contains("\"it's 1+1 <b> & café\"", stdout, StringComparison.Ordinal);
        Assert.Contains("\"l'été\"", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", stdout, StringComparison.Ordinal);
        Assert.Single(stdout.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task UnknownVerb_IsNotHandledAsCli()
    {
        Assert.False(CliApp.Handles(["serve"]));
        Assert.True(CliApp.Handles(["run-hook"]));
        var (exit, _, _) = await RunAsync("frobnicate");
        Assert.Equal(2, exit);
    }
}
