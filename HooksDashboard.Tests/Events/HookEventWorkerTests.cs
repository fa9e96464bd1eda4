using System.Text.Json.Nodes;
using Dapper;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Events;
using HooksDashboard.Execution;
using HooksDashboard.Logs;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Tests.Events;

public sealed class HookEventWorkerTests : IAsyncLifetime
{
    private static readonly EventsOptions Settings = new() { MaxAttempts = 3, RetryDelay = TimeSpan.FromMinutes(1) };

    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private StorageFixture _fixture = null!;
    private SqliteHookEventStore _events = null!;

    public async Task InitializeAsync()
    {
        _fixture = await StorageFixture.CreateAsync(time: _time);
        _events = new SqliteHookEventStore(_fixture.Database, _time);
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private HookEventWorker NewWorker(ILogger<HookEventWorker>? logger = null) => NewWorker(_fixture, _events, logger);

    private HookEventWorker NewWorker(StorageFixture fixture, SqliteHookEventStore events, ILogger<HookEventWorker>? logger = null) =>
        new(events, fixture.Runner, fixture.Log, Options.Create(Settings), _time, logger ?? NullLogger<HookEventWorker>.Instance);

    private Task<string> EnqueueAsync(string triggerId, JsonNode payload, string? requestId = null) =>
        EnqueueAsync(_fixture, _events, triggerId, payload, requestId);

    private static async Task<string> EnqueueAsync(StorageFixture fixture, SqliteHookEventStore events, string triggerId, JsonNode payload, string? requestId = null)
    {
        await using var connection = await fixture.Database.OpenConnectionAsync();
        await using var transaction = SqliteDatabase.BeginWrite(connection);
        var id = await events.EnqueueAsync(connection, transaction, triggerId, payload, requestId);
        await transaction.CommitAsync();
        return id;
    }

    private static JsonObject ValidPayload() => JsonNode.Parse(
        """{"user":{"id":"abc","email":"a@b.co"},"context":{"connection":{"id":"con_x","name":"Username-Password-Authentication","tenant":"t"}}}""")!.AsObject();

    [Fact]
    public async Task RunNext_PayloadThePointRefuses_FailsAtOnceWithoutRetry()
    {
        await _fixture.CreateHookAsync(PostUserRegistrationPoint.TriggerId, enabled: true);
        var id = await EnqueueAsync(PostUserRegistrationPoint.TriggerId, new JsonObject { ["user"] = "not an object" });
        using var worker = NewWorker();

        Assert.True(await worker.RunNextAsync(Settings, CancellationToken.None));

        var failed = (await _events.GetAsync(id))!;
        Assert.Equal(HookEventStatus.Failed, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("is not an object", failed.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunNext_EveryHookSlotBusy_DefersWithoutCountingTheAttemptThenRuns()
    {
        await using var fixture = await StorageFixture.CreateAsync(time: _time, settings: new Dictionary<string, string?>
        {
            ["Execution:MaxConcurrency"] = "1",
            ["Execution:QueueLimit"] = "0",
        });
        var events = new SqliteHookEventStore(fixture.Database, _time);
        await fixture.Hooks.CreateAsync(new HooksDashboard.Hooks.NewHook("Fine", PostUserRegistrationPoint.TriggerId,
            "module.exports = function (user, context, cb) { cb(null, { ok: true }); };", true));
        await using (var connection = await fixture.Database.OpenConnectionAsync())
        await using (var transaction = SqliteDatabase.BeginWrite(connection))
        {
            await events.EnqueueAsync(connection, transaction, PostUserRegistrationPoint.TriggerId, ValidPayload(), requestId: null);
            await transaction.CommitAsync();
        }
        var id = (await events.ListAsync()).Single().Id;
        using var worker = NewWorker(fixture, events);
        var scheduler = fixture.Services.GetRequiredService<HookScheduler>();
        var release = new TaskCompletionSource<ExecutionResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = scheduler.RunAsync(_ => release.Task);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            while (scheduler.Running == 0)
                await Task.Delay(5, timeout.Token);
        }

        Assert.False(await worker.RunNextAsync(Settings, CancellationToken.None)); // backs off rather than claiming more
        var deferred = (await events.GetAsync(id))!;
        Assert.Equal(HookEventStatus.Pending, deferred.Status);
        Assert.Equal(0, deferred.Attempts);
        Assert.Equal(_time.GetUtcNow() + Settings.RetryDelay, deferred.AvailableAt);
        Assert.Contains(HookScheduler.OverloadedErrorName, deferred.LastError, StringComparison.Ordinal);

        release.SetResult(new ExecutionResult { Status = ExecutionStatus.Success });
        await holder;
        // The holder's slot is given back just after its task completes: wait until every slot is free.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            while (scheduler.Running > 0)
                await Task.Delay(5, timeout.Token);
        }
        _time.Advance(Settings.RetryDelay);
        Assert.True(await worker.RunNextAsync(Settings, CancellationToken.None));
        var done = (await events.GetAsync(id))!;
        Assert.Equal(HookEventStatus.Done, done.Status);
        Assert.Equal(1, done.Attempts);
    }

    [Fact]
    public async Task RunNext_HookError_RetriesAfterTheDelayThenSucceeds()
    {
        var hook = await _fixture.Hooks.CreateAsync(new HooksDashboard.Hooks.NewHook("Flaky", PostUserRegistrationPoint.TriggerId,
            "module.exports = function (user, context, cb) { cb(new Error('down')); };", true));
        var id = await EnqueueAsync(PostUserRegistrationPoint.TriggerId, ValidPayload());
        using var worker = NewWorker();

        Assert.True(await worker.RunNextAsync(Settings, CancellationToken.None));
        var retrying = (await _events.GetAsync(id))!;
        Assert.Equal(HookEventStatus.Pending, retrying.Status);
        Assert.Equal(_time.GetUtcNow() + Settings.RetryDelay, retrying.AvailableAt);
        Assert.False(await worker.RunNextAsync(Settings, CancellationToken.None)); // not due yet

        await _fixture.Hooks.UpdateAsync(hook.Id, new HooksDashboard.Hooks.HookUpdate(Script: "module.exports = function (user, context, cb) { cb(null, { ok: true }); };"));
        _time.Advance(Settings.RetryDelay);
        Assert.True(await worker.RunNextAsync(Settings, CancellationToken.None));

        var done = (await _events.GetAsync(id))!;
        Assert.Equal(HookEventStatus.Done, done.Status);
        Assert.Equal(2, done.Attempts);
        Assert.Null(done.LastError);
    }

    [Theory]
    [InlineData("cb(null, { ok: true })", HookEventStatus.Done, ExecutionStatus.Success, 3)]
    [InlineData("cb(new Error('down'))", HookEventStatus.Pending, ExecutionStatus.Error, 3)]
    [InlineData("cb(new Error('down'))", HookEventStatus.Failed, ExecutionStatus.Error, 1)]
    public async Task RunNext_ProcessDiesRightAfterTheAttempt_TheStoredOutcomeHasItsExecutionRecord(
        string answer, HookEventStatus expectedStatus, ExecutionStatus expectedOutcome, int maxAttempts)
    {
        // A process killed after the attempt loses what is only in memory: the execution log's queue. Disposing the
        // services without a flush (no background writer runs here) leaves the data folder as a kill -9 would.
        using var data = new TempDataDirectory();
        string hookId;
        string eventId;
        await using (var crashed = await StorageFixture.CreateAsync(data.Path, _time))
        {
            var events = new SqliteHookEventStore(crashed.Database, _time);
            hookId = (await crashed.Hooks.CreateAsync(new HooksDashboard.Hooks.NewHook("Post", PostUserRegistrationPoint.TriggerId,
                "module.exports = function (user, context, cb) { console.log('ran for ' + user.id); " + answer + "; };", true))).Id;
            eventId = await EnqueueAsync(crashed, events, PostUserRegistrationPoint.TriggerId, ValidPayload(), "req-crash");
            using var worker = NewWorker(crashed, events);

            Assert.True(await worker.RunNextAsync(new EventsOptions { MaxAttempts = maxAttempts, RetryDelay = Settings.RetryDelay }, CancellationToken.None));
        }

        await using var restarted = await StorageFixture.CreateAsync(data.Path, _time);
        var stored = (await new SqliteHookEventStore(restarted.Database, _time).GetAsync(eventId))!;
        Assert.Equal(expectedStatus, stored.Status);
        var record = Assert.Single(await restarted.LogQuery.ListHookLogsAsync(hookId));
        Assert.Equal(ExecutionLogNames.Of(expectedOutcome), record.Outcome);
        Assert.Equal([new HookLogLine("log", "ran for abc")], record.Logs);
        Assert.Equal(1, await CountRecordsAsync(restarted, "req-crash"));
    }

    [Fact]
    public async Task RunNext_HookRan_RecordIsPublishedToTheLiveFeedOnceStored()
    {
        await _fixture.CreateHookAsync(PostUserRegistrationPoint.TriggerId, enabled: true);
        await EnqueueAsync(PostUserRegistrationPoint.TriggerId, ValidPayload(), "req-feed");
        using var subscription = _fixture.Services.GetRequiredService<IExecutionLogFeed>().Subscribe();
        using var worker = NewWorker();

        Assert.True(await worker.RunNextAsync(Settings, CancellationToken.None));

        // No flush and no background writer: the worker stored and published the record itself.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await using var reader = subscription.ReadAllAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await reader.MoveNextAsync());
        Assert.Equal("req-feed", reader.Current.RequestId);
        Assert.Equal(1, await CountRecordsAsync(_fixture, "req-feed"));
    }

    [Fact]
    public async Task RunNext_RecordsQueuedEarlier_AreWrittenFirstSoWriteOrderStaysTimeOrder()
    {
        await _fixture.CreateHookAsync(PostUserRegistrationPoint.TriggerId, enabled: true);
        await EnqueueAsync(PostUserRegistrationPoint.TriggerId, ValidPayload(), "req-event");
        // A blocking point's run, queued for the background writer (which does not run here).
        await _fixture.Runner.RunAsync(new HooksDashboard.Hooks.HookInvocation(PreUserRegistrationPoint.TriggerId,
            "module.exports = function (user, context, cb) { cb(null, {}); };", null, new Dictionary<string, string>(), HooksDashboard.Hooks.InvocationSource.Cli));
        _time.Advance(TimeSpan.FromMilliseconds(5));
        using var worker = NewWorker();

        Assert.True(await worker.RunNextAsync(Settings, CancellationToken.None));
        await _fixture.Log.FlushAsync(); // nothing left: the worker wrote the queued record before its own

        await using var connection = await _fixture.Database.OpenConnectionAsync();
        var written = (await connection.QueryAsync<(string? RequestId, string CreatedAt)>(
            "SELECT request_id AS RequestId, created_at AS CreatedAt FROM execution_logs ORDER BY seq;")).ToList();
        Assert.Equal([null, "req-event"], written.Select(w => w.RequestId));
        Assert.True(string.CompareOrdinal(written[0].CreatedAt, written[1].CreatedAt) < 0);
    }

    [Fact]
    public async Task RunNext_HookPrintsAndThrowsItsSecret_QueueColumnsAndServerLogHoldItRedacted()
    {
        const string secret = "evt-secret-7Qw2Lm";
        var hook = await _fixture.Hooks.CreateAsync(new HooksDashboard.Hooks.NewHook("Leaky", PostUserRegistrationPoint.TriggerId,
            "module.exports = function (user, context, cb) { console.log('key ' + context.webtask.secrets.KEY); cb(new Error('failed with ' + context.webtask.secrets.KEY)); };",
            true));
        await _fixture.Hooks.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["KEY"] = secret });
        var id = await EnqueueAsync(PostUserRegistrationPoint.TriggerId, ValidPayload());
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        using var worker = NewWorker(loggerFactory.CreateLogger<HookEventWorker>());

        Assert.True(await worker.RunNextAsync(Settings, CancellationToken.None)); // a retry, logged
        _time.Advance(TimeSpan.FromHours(1));
        Assert.True(await worker.RunNextAsync(new EventsOptions { MaxAttempts = 2 }, CancellationToken.None)); // the failure, logged

        var failed = (await _events.GetAsync(id))!;
        Assert.Equal(HookEventStatus.Failed, failed.Status);
        Assert.Equal("Error: failed with [redacted]", failed.LastError);
        Assert.Contains("key [redacted]", failed.Result, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, failed.Result, StringComparison.Ordinal);
        Assert.Equal(2, logs.Messages.Count(m => m.Contains("failed with [redacted]", StringComparison.Ordinal)));
        Assert.DoesNotContain(logs.Messages, m => m.Contains(secret, StringComparison.Ordinal));
    }

    private static async Task<long> CountRecordsAsync(StorageFixture fixture, string requestId)
    {
        // A connection of its own: what any other process would read from the file.
        await using var connection = await fixture.Database.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM execution_logs WHERE request_id = @RequestId;", new { RequestId = requestId });
    }

    [Fact]
    public async Task RunNext_NothingDue_ReturnsFalse()
    {
        using var worker = NewWorker();

        Assert.False(await worker.RunNextAsync(Settings, CancellationToken.None));
    }
}
