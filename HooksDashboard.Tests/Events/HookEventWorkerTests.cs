using System.Text.Json.Nodes;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Events;
using HooksDashboard.Execution;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;
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

    private HookEventWorker NewWorker() =>
        new(_events, _fixture.Runner, Options.Create(Settings), _time, NullLogger<HookEventWorker>.Instance);

    private async Task<string> EnqueueAsync(string triggerId, JsonNode payload)
    {
        await using var connection = await _fixture.Database.OpenConnectionAsync();
        await using var transaction = SqliteDatabase.BeginWrite(connection);
        var id = await _events.EnqueueAsync(connection, transaction, triggerId, payload, requestId: null);
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
        using var worker = new HookEventWorker(events, fixture.Runner, Options.Create(Settings), _time, NullLogger<HookEventWorker>.Instance);
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

    [Fact]
    public async Task RunNext_NothingDue_ReturnsFalse()
    {
        using var worker = NewWorker();

        Assert.False(await worker.RunNextAsync(Settings, CancellationToken.None));
    }
}
