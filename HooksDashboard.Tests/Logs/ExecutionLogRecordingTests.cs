using System.Text.Json.Nodes;
using Dapper;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HookInvocation = HooksDashboard.Hooks.HookInvocation;
using HooksDashboard.Logs;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Logs;

/// <summary>Recording through the real runner, executor and SQLite: every source, redaction, bounds, the feed.</summary>
public sealed class ExecutionLogRecordingTests : IAsyncLifetime
{
    private const string SecretValue = "sk-live-Zx81Qp0";

    private const string LeakyHook = """
        module.exports = function (user, context, cb) {
          console.log('key is ' + context.webtask.secrets.API_KEY);
          cb(new Error('failed with ' + context.webtask.secrets.API_KEY));
        };
        """;

    private StorageFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await StorageFixture.CreateAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private async Task<IReadOnlyList<ExecutionLogRecord>> AllRecordsAsync()
    {
        await _fixture.Log.FlushAsync();
        return (await _fixture.LogQuery.ListAsync(ExecutionLogFilter.All, ExecutionLogPageRequest.First(500))).Items;
    }

    [Fact]
    public async Task TestAsync_TestPanelRun_IsRecordedWithHookAndPayloadAsGiven()
    {
        var hook = await _fixture.Hooks.CreateAsync(new NewHook("Signup Check", PreUserRegistrationPoint.TriggerId,
            "module.exports = function (user, context, cb) { console.info('hi %s', user.username); cb(null, { user: user }); };"));
        var payload = JsonNode.Parse("""{"user":{"username":"ann","password":"p4ss"},"context":{"connection":{}}}""");

        await _fixture.Runner.TestAsync(hook.Id, hook.Script, payload);

        var record = Assert.Single(await AllRecordsAsync());
        Assert.Equal(InvocationSource.Test, record.Source);
        Assert.Equal(hook.Id, record.HookId);
        Assert.Equal("Signup Check", record.HookName);
        Assert.Equal(PreUserRegistrationPoint.TriggerId, record.TriggerId);
        Assert.Equal(ExecutionStatus.Success, record.Outcome);
        Assert.Null(record.Error);
        Assert.Equal([new ConsoleLine("info", "hi ann")], record.Logs);
        // Test-panel payloads are kept as typed, so "Open in test panel" gives them back unchanged.
        Assert.Equal(payload!.ToJsonString(), record.Payload);
        Assert.Equal(26, record.Id.Length);
    }

    [Fact]
    public async Task RunAsync_CommandLineSource_IsRecordedWithTheSamplePayloadWhenNoneGiven()
    {
        var invocation = new HookInvocation(CredentialsExchangePoint.TriggerId,
            "module.exports = function (client, scope, audience, context, cb) { cb(null, { scope: scope }); };",
            null, new Dictionary<string, string>(), InvocationSource.Cli);

        await _fixture.Runner.RunAsync(invocation);

        var record = Assert.Single(await AllRecordsAsync());
        Assert.Equal(InvocationSource.Cli, record.Source);
        Assert.Null(record.HookId);
        Assert.Equal("read:connections", (string?)JsonNode.Parse(record.Payload!)!["scope"]![0]);
    }

    [Fact]
    public async Task RunEnabledAsync_Runtime_IsRecordedWithRequestIdAndError()
    {
        var hook = await _fixture.Hooks.CreateAsync(new NewHook("Deny", PreUserRegistrationPoint.TriggerId,
            "module.exports = function (user, context, cb) { cb(new PreUserRegistrationError('blocked', 'Not here')); };", Enabled: true));

        await _fixture.Runner.RunEnabledAsync(PreUserRegistrationPoint.TriggerId,
            JsonNode.Parse("""{"user":{"email":"a@b.c"},"context":{"connection":{}}}""")!, requestId: "req-42");

        var record = Assert.Single(await AllRecordsAsync());
        Assert.Equal(InvocationSource.Runtime, record.Source);
        Assert.Equal(hook.Id, record.HookId);
        Assert.Equal("req-42", record.RequestId);
        Assert.Equal(ExecutionStatus.Error, record.Outcome);
        Assert.Equal(ExecutionErrorKind.Hook, record.Error!.Kind);
        Assert.Equal("PreUserRegistrationError", record.Error.Name);
        Assert.Equal("blocked", record.Error.Message);
        Assert.Equal("Not here", record.Error.FriendlyMessage);
    }

    [Fact]
    public async Task RunEnabledAsync_Runtime_StoredRowHoldsNoPasswordNoSecretAndNoWebtask()
    {
        var hook = await _fixture.Hooks.CreateAsync(new NewHook("Leaky", PreUserRegistrationPoint.TriggerId, LeakyHook, Enabled: true));
        await _fixture.Hooks.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["API_KEY"] = SecretValue });
        var payload = JsonNode.Parse("""
            {"user":{"email":"a@b.c","password":"hunter2-pw","app_metadata":{"refresh_token":"rt-1","nested":[{"clientSecret":"cs-9"}]},"note":"my key"},
             "context":{"connection":{"id":"con_1"},"webtask":{"secrets":{"X":"forged"}}}}
            """)!;
        payload["user"]!["note"] = "my key " + SecretValue;

        await _fixture.Runner.RunEnabledAsync(PreUserRegistrationPoint.TriggerId, payload, "req-1");
        await _fixture.Log.FlushAsync();

        await using var connection = await _fixture.Database.OpenConnectionAsync();
        var row = (IDictionary<string, object>)await connection.QuerySingleAsync("SELECT * FROM execution_logs;");
        var raw = string.Join("\n", row.Values.Select(v => v?.ToString()));
        Assert.DoesNotContain(SecretValue, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-pw", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("rt-1", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("cs-9", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("webtask", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("forged", raw, StringComparison.Ordinal);

        var stored = JsonNode.Parse((string)row["payload"])!;
        Assert.Equal(PayloadRedactor.Redacted, (string?)stored["user"]!["password"]);
        Assert.Equal(PayloadRedactor.Redacted, (string?)stored["user"]!["app_metadata"]!["refresh_token"]);
        Assert.Equal(PayloadRedactor.Redacted, (string?)stored["user"]!["app_metadata"]!["nested"]![0]!["clientSecret"]);
        Assert.Equal("my key [redacted]", (string?)stored["user"]!["note"]);
        Assert.Equal("a@b.c", (string?)stored["user"]!["email"]);
        Assert.Contains("key is [redacted]", (string)row["logs"], StringComparison.Ordinal);
        Assert.Equal("failed with [redacted]", (string)row["error_message"]);
        // The caller's payload is not changed by redaction.
        Assert.Equal("hunter2-pw", (string?)payload["user"]!["password"]);
    }

    [Fact]
    public async Task RunAsync_ConsoleBeyondTheBound_KeepsTheFirstHundredLinesAndCountsTheRest()
    {
        var invocation = new HookInvocation(PreUserRegistrationPoint.TriggerId,
            "module.exports = function (user, context, cb) { for (var i = 0; i < 150; i++) console.log('line ' + i); cb(null, {}); };",
            null, new Dictionary<string, string>(), InvocationSource.Test);

        await _fixture.Runner.RunAsync(invocation);

        var record = Assert.Single(await AllRecordsAsync());
        Assert.Equal(100, record.Logs.Count);
        Assert.Equal("line 0", record.Logs[0].Message);
        Assert.Equal("line 99", record.Logs[^1].Message);
        Assert.Equal(50, record.LogsDropped);
    }

    [Fact]
    public async Task RunAsync_ConsoleBeyondTheByteBound_CutsAtTheBytes()
    {
        await using var fixture = await StorageFixture.CreateAsync(settings: new Dictionary<string, string?> { ["Logs:MaxConsoleBytes"] = "100" });
        var invocation = new HookInvocation(PreUserRegistrationPoint.TriggerId,
            "module.exports = function (user, context, cb) { console.log('a'.repeat(60)); console.log('b'.repeat(60)); cb(null, {}); };",
            null, new Dictionary<string, string>(), InvocationSource.Test);

        await fixture.Runner.RunAsync(invocation);
        await fixture.Log.FlushAsync();

        var record = Assert.Single((await fixture.LogQuery.ListAsync(ExecutionLogFilter.All, ExecutionLogPageRequest.First())).Items);
        Assert.Equal([new ConsoleLine("log", new string('a', 60))], record.Logs);
        Assert.Equal(1, record.LogsDropped);
    }

    [Fact]
    public async Task RunAsync_UnknownPoint_IsRecordedAsContractError()
    {
        await _fixture.Runner.RunAsync(new HookInvocation("rules", "module.exports = function () {};", null, new Dictionary<string, string>(), InvocationSource.Cli));

        var record = Assert.Single(await AllRecordsAsync());
        Assert.Equal("rules", record.TriggerId);
        Assert.Equal(ExecutionErrorKind.Contract, record.Error!.Kind);
        Assert.Null(record.Payload);
    }

    [Fact]
    public async Task RunAsync_RecordOff_IsNotRecorded()
    {
        var invocation = new HookInvocation(CredentialsExchangePoint.TriggerId, StorageFixture.Script, null, new Dictionary<string, string>(), InvocationSource.Cli)
        {
            Record = false,
        };

        await _fixture.Runner.RunAsync(invocation);

        Assert.Empty(await AllRecordsAsync());
    }

    [Fact]
    public async Task Record_BurstAboveTheFormerQueueBound_NothingDroppedAndEverythingWritten()
    {
        // 12,000 records at once, faster than any writer: four seconds of 3,000 records a second with the writer
        // stalled. The queue used to hold 10,000 and drop the rest; it now grows (default bound 100,000).
        var invocation = new HookInvocation(CredentialsExchangePoint.TriggerId, StorageFixture.Script, null, new Dictionary<string, string>(), InvocationSource.Runtime);
        var result = new ExecutionResult { Status = ExecutionStatus.Success, DurationMs = 0.02 };

        for (var i = 0; i < 12_000; i++)
            _fixture.Log.Record(invocation with { RequestId = "burst-" + i }, null, result);
        await _fixture.Log.FlushAsync();

        Assert.Equal(0, _fixture.Log.DroppedCount);
        await using var connection = await _fixture.Database.OpenConnectionAsync();
        Assert.Equal(12_000, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM execution_logs WHERE request_id LIKE 'burst-%';"));
    }

    [Fact]
    public async Task Record_QueueFull_DropsAndCountsWithoutBlocking()
    {
        await using var fixture = await StorageFixture.CreateAsync(settings: new Dictionary<string, string?> { ["Logs:QueueCapacity"] = "2" });
        var invocation = new HookInvocation(CredentialsExchangePoint.TriggerId, StorageFixture.Script, null, new Dictionary<string, string>(), InvocationSource.Runtime);
        var result = ExecutionResult.Failure(ExecutionErrorKind.Contract, "Error", "x");

        for (var i = 0; i < 5; i++)
            fixture.Log.Record(invocation, null, result);
        await fixture.Log.FlushAsync();

        Assert.Equal(3, fixture.Log.DroppedCount);
        Assert.Equal(2, (await fixture.LogQuery.ListAsync(ExecutionLogFilter.All, ExecutionLogPageRequest.First())).Items.Count);
    }

    [Fact]
    public async Task Writer_GroupCommit_WaitsTheDelayThenWritesEverythingQueuedTogether()
    {
        await using var fixture = await StorageFixture.CreateAsync(settings: new Dictionary<string, string?> { ["Logs:WriteDelay"] = "00:00:03" });
        var log = (ExecutionLog)fixture.Log;
        var invocation = new HookInvocation(CredentialsExchangePoint.TriggerId, StorageFixture.Script, null, new Dictionary<string, string>(), InvocationSource.Runtime);
        using var stop = new CancellationTokenSource();
        using var subscription = fixture.Services.GetRequiredService<IExecutionLogFeed>().Subscribe();

        log.Record(invocation, null, new ExecutionResult { Status = ExecutionStatus.Success });
        var writer = log.RunWriterAsync(stop.Token);
        await Task.Delay(300);
        // Inside the delay: the first record waits for company.
        Assert.Empty((await fixture.LogQuery.ListAsync(ExecutionLogFilter.All, ExecutionLogPageRequest.First())).Items);
        log.Record(invocation, null, new ExecutionResult { Status = ExecutionStatus.Success });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var reader = subscription.ReadAllAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await reader.MoveNextAsync());
        Assert.True(await reader.MoveNextAsync());
        Assert.Equal(2, (await fixture.LogQuery.ListAsync(ExecutionLogFilter.All, ExecutionLogPageRequest.First())).Items.Count);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer);
    }

    [Fact]
    public async Task Writer_StoppedDuringTheDelay_StillWritesWhatIsQueued()
    {
        await using var fixture = await StorageFixture.CreateAsync(settings: new Dictionary<string, string?> { ["Logs:WriteDelay"] = "00:00:05" });
        var log = (ExecutionLog)fixture.Log;
        using var stop = new CancellationTokenSource();

        log.Record(new HookInvocation(CredentialsExchangePoint.TriggerId, StorageFixture.Script, null, new Dictionary<string, string>(), InvocationSource.Runtime),
            null, new ExecutionResult { Status = ExecutionStatus.Success });
        var writer = log.RunWriterAsync(stop.Token);
        await Task.Delay(200);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer);

        Assert.Single((await fixture.LogQuery.ListAsync(ExecutionLogFilter.All, ExecutionLogPageRequest.First())).Items);
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("00:00:06")]
    public void Options_WriteDelayOutOfRange_FailsNamingTheKey(string delay)
    {
        var failures = ExecutionLogOptions.Validate(new ExecutionLogOptions { WriteDelay = TimeSpan.Parse(delay, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Contains("Logs:WriteDelay must be between 00:00:00 and 00:00:05.", failures);
    }

    [Fact]
    public async Task Subscribe_RecordWritten_IsDeliveredAfterCommitAndCanBeReadBack()
    {
        var feed = _fixture.Services.GetRequiredService<IExecutionLogFeed>();
        using var subscription = feed.Subscribe();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await _fixture.Runner.RunAsync(new HookInvocation(CredentialsExchangePoint.TriggerId, StorageFixture.Script, null,
            new Dictionary<string, string>(), InvocationSource.Cli));
        await _fixture.Log.FlushAsync();

        await using var reader = subscription.ReadAllAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await reader.MoveNextAsync());
        Assert.Equal(InvocationSource.Cli, reader.Current.Source);
        Assert.NotNull(await _fixture.LogQuery.GetAsync(reader.Current.Id));
    }

    [Fact]
    public async Task Subscribe_Disposed_StopsDeliveryAndEndsTheStream()
    {
        var feed = _fixture.Services.GetRequiredService<ExecutionLogFeed>();
        var subscription = feed.Subscribe();
        Assert.Equal(1, feed.SubscriberCount);

        subscription.Dispose();

        Assert.Equal(0, feed.SubscriberCount);
        await foreach (var _ in subscription.ReadAllAsync())
            Assert.Fail("A disposed subscription delivers nothing.");
    }

    [Fact]
    public async Task Enqueue_QueuedRecord_KeepsNoObjectOfTheInvocationAlive()
    {
        // A queued record waits for the writer's group commit; objects it held meanwhile (the hook's payload and
        // result trees, the entry with its strings) survived young-generation collections at every token
        // (docs/benchmarks.md, "the execution log's queue and the GC").
        var (payload, data, entry) = EnqueueUnreferenced(_fixture.Log);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(payload.IsAlive, "the queue keeps the invocation's payload node");
        Assert.False(data.IsAlive, "the queue keeps the result's data node");
        Assert.False(entry.IsAlive, "the queue keeps the entry object");
        var log = Assert.IsType<ExecutionLog>(_fixture.Log);
        Assert.Equal(1, log.Backlog);
        var record = Assert.Single(await AllRecordsAsync());
        Assert.Equal("""{"client":{"id":"c1"},"scope":["a"]}""", record.Payload);
        Assert.Equal("boom", record.Error?.Message);
        Assert.Equal([new ConsoleLine("log", "hi")], record.Logs);
        Assert.Equal(2.5, record.DurationMs);
        Assert.Equal("req-1", record.RequestId);
        Assert.Equal(0, log.Backlog);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (WeakReference Payload, WeakReference Data, WeakReference Entry) EnqueueUnreferenced(IExecutionLog log)
    {
        var payload = JsonNode.Parse("""{"client":{"id":"c1"},"scope":["a"]}""");
        var data = new JsonObject { ["scope"] = new JsonArray("a") };
        var invocation = new HookInvocation(CredentialsExchangePoint.TriggerId, StorageFixture.Script, payload,
            new Dictionary<string, string>(), InvocationSource.Runtime) { RequestId = "req-1" };
        var result = ExecutionResult.Failure(ExecutionErrorKind.Hook, "Error", "boom", 2.5) with
        {
            Data = data,
            Applied = data,
            Logs = [new ConsoleLine("log", "hi")],
        };
        var entry = log.Prepare(invocation, payload, result);
        log.Enqueue(entry);
        return (new WeakReference(payload), new WeakReference(data), new WeakReference(entry));
    }
}
