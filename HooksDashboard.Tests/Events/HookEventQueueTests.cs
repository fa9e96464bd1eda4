using System.Net;
using System.Text.Json.Nodes;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Events;
using HooksDashboard.Hooks;
using HooksDashboard.Identity.Users;
using HooksDashboard.Logs;
using HooksDashboard.Tests.TestHelpers;
using HooksDashboard.Tests.Users;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Events;

public sealed class HookEventQueueTests
{
    private const string EchoEmail = "module.exports = function (user, context, cb) { cb(null, { seen: user.email, id: user.id, connection: context.connection.name }); };";

    private static bool IsFinished(HookEvent e) => e.Status is HookEventStatus.Done or HookEventStatus.Failed;

    [Fact]
    public async Task SignUp_PostUserRegistrationHook_RunsAfterTheResponseWithTheStoredUser()
    {
        await using var host = UsersTestHost.Create();
        await host.App.AddHookAsync(PostUserRegistrationPoint.TriggerId, EchoEmail);

        var response = await host.SignUpAsync("queued@example.com");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["_id"]!.GetValue<string>();

        var done = await host.App.WaitForEventAsync(e => e.TriggerId == PostUserRegistrationPoint.TriggerId, IsFinished);
        Assert.Equal(HookEventStatus.Done, done.Status);
        Assert.Equal(1, done.Attempts);
        var data = JsonNode.Parse(done.Result!)!["data"]!;
        Assert.Equal("queued@example.com", data["seen"]!.GetValue<string>());
        Assert.Equal(id, data["id"]!.GetValue<string>());
        Assert.Equal(UsersAppFactory.Connection, data["connection"]!.GetValue<string>());
    }

    [Fact]
    public async Task SignUp_PostUserRegistrationRun_IsInTheExecutionLogWithTheSignUpsRequestId()
    {
        await using var host = UsersTestHost.Create();
        await host.App.AddHookAsync(PreUserRegistrationPoint.TriggerId, "module.exports = function (user, context, cb) { cb(null, { user: user }); };");
        await host.App.AddHookAsync(PostUserRegistrationPoint.TriggerId, EchoEmail);

        (await host.SignUpAsync("logged@example.com")).EnsureSuccessStatusCode();

        var done = await host.App.WaitForEventAsync(e => e.TriggerId == PostUserRegistrationPoint.TriggerId, IsFinished);
        var log = host.App.Services.GetRequiredService<IExecutionLogQuery>();
        var records = await WaitForLogAsync(log, 2);
        var post = records.Single(r => r.TriggerId == PostUserRegistrationPoint.TriggerId);
        var pre = records.Single(r => r.TriggerId == PreUserRegistrationPoint.TriggerId);
        Assert.Equal(InvocationSource.Runtime, post.Source);
        Assert.Equal(done.RequestId, post.RequestId);
        Assert.Equal(pre.RequestId, post.RequestId);
        Assert.DoesNotContain(UsersAppFactory.StrongPassword, pre.Payload, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<ExecutionLogRecord>> WaitForLogAsync(IExecutionLogQuery log, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var page = await log.ListAsync(ExecutionLogFilter.All, new ExecutionLogPageRequest());
            if (page.Items.Count >= count || timeout.IsCancellationRequested)
                return page.Items;
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task SignUp_FailingPostRegistrationHook_SignUpSucceedsAndTheEventFailsAfterItsAttempts()
    {
        await using var host = UsersTestHost.Create(new Dictionary<string, string?> { ["Events:MaxAttempts"] = "2" });
        await host.App.AddHookAsync(PostUserRegistrationPoint.TriggerId, "module.exports = function (user, context, cb) { cb(new Error('crm down')); };");

        var response = await host.SignUpAsync("unlucky@example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var failed = await host.App.WaitForEventAsync(e => e.TriggerId == PostUserRegistrationPoint.TriggerId, e => e.Status == HookEventStatus.Failed);
        Assert.Equal(2, failed.Attempts);
        Assert.Contains("crm down", failed.LastError, StringComparison.Ordinal);
        Assert.NotNull(await host.App.Users.FindByEmailAsync((await host.App.Users.GetAsync("auth0|" + JsonNode.Parse(await response.Content.ReadAsStringAsync())!["_id"]!.GetValue<string>()))!.ConnectionId, "unlucky@example.com"));
    }

    [Fact]
    public async Task SignUp_NoPostRegistrationHook_EventIsDoneWithoutResult()
    {
        await using var host = UsersTestHost.Create();

        await host.SignUpAsync("plain@example.com");

        var done = await host.App.WaitForEventAsync(e => e.TriggerId == PostUserRegistrationPoint.TriggerId, IsFinished);
        Assert.Equal(HookEventStatus.Done, done.Status);
        Assert.Null(done.Result);
    }

    [Fact]
    public async Task QueuedEvent_ProcessStoppedBeforeItRan_RunsAfterRestartOnTheSameData()
    {
        using var data = new TempDataDirectory();
        string userId;
        await using (var first = new UsersAppFactory(data.Path, new Dictionary<string, string?> { ["Events:WorkerEnabled"] = "false" }))
        {
            using var client = first.CreateClient();
            await first.AddHookAsync(PostUserRegistrationPoint.TriggerId, EchoEmail);
            var response = await first.SignUpAsync(client, "durable@example.com");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            userId = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["_id"]!.GetValue<string>();
            var pending = (await first.Events.ListAsync(PostUserRegistrationPoint.TriggerId)).Single();
            Assert.Equal(HookEventStatus.Pending, pending.Status);
            Assert.Equal(0, pending.Attempts);
        }

        await using var second = new UsersAppFactory(data.Path);
        _ = second.Server; // starts the host, and with it the worker
        var done = await second.WaitForEventAsync(e => e.TriggerId == PostUserRegistrationPoint.TriggerId, IsFinished);

        Assert.Equal(HookEventStatus.Done, done.Status);
        Assert.Equal(userId, JsonNode.Parse(done.Result!)!["data"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task AdminPasswordChange_RunsPostChangePasswordWithLastPasswordReset()
    {
        await using var host = UsersTestHost.Create();
        await host.App.AddHookAsync(PostChangePasswordPoint.TriggerId,
            "module.exports = function (user, context, cb) { cb(null, { id: user.id, at: user.last_password_reset, email: user.email }); };");
        var users = host.App.Services.GetRequiredService<IUserService>();
        var user = await users.CreateAsync(new AdminNewUser("admin-made@example.com", UsersAppFactory.StrongPassword, null, null, null));

        var changed = await users.ChangePasswordAsync(user.Id, "N3w!Password");

        var done = await host.App.WaitForEventAsync(e => e.TriggerId == PostChangePasswordPoint.TriggerId, IsFinished);
        Assert.Equal(HookEventStatus.Done, done.Status);
        var data = JsonNode.Parse(done.Result!)!["data"]!;
        Assert.Equal(user.LocalId, data["id"]!.GetValue<string>());
        Assert.Equal(UserHookPayloads.IsoTimestamp(changed.LastPasswordReset!.Value), data["at"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClaimNext_LeaseRunOut_EventIsDueAgainAndCountsTheAttempt()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var fixture = await StorageFixture.CreateAsync(time: time);
        var queue = new SqliteHookEventStore(fixture.Database, time);
        await using (var connection = await fixture.Database.OpenConnectionAsync())
        {
            await using var transaction = HooksDashboard.Storage.SqliteDatabase.BeginWrite(connection);
            await queue.EnqueueAsync(connection, transaction, PostUserRegistrationPoint.TriggerId, new JsonObject(), "req-1");
            await transaction.CommitAsync();
        }

        var first = await queue.ClaimNextAsync(maxAttempts: 2, lease: TimeSpan.FromMinutes(1));
        Assert.Null(await queue.ClaimNextAsync(maxAttempts: 2, lease: TimeSpan.FromMinutes(1)));
        time.Advance(TimeSpan.FromMinutes(2));
        var second = await queue.ClaimNextAsync(maxAttempts: 2, lease: TimeSpan.FromMinutes(1));
        time.Advance(TimeSpan.FromMinutes(2));
        var third = await queue.ClaimNextAsync(maxAttempts: 2, lease: TimeSpan.FromMinutes(1));

        Assert.Equal(1, first!.Attempts);
        Assert.Equal(2, second!.Attempts);
        Assert.Null(third);
        Assert.False(await queue.CompleteAsync(first, null));
        var final = await queue.GetAsync(first.Id);
        Assert.Equal(HookEventStatus.Failed, final!.Status);
        Assert.Equal("req-1", final.RequestId);
    }
}
