using System.Net;
using HooksDashboard.Execution;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HooksDashboard.Tests.Runtime;

/// <summary>
/// Issue 11's second speed goal as behaviour: 100 token requests whose credentials-exchange hook waits on a
/// <c>fetch</c> do not block the token endpoint's other requests (no hook slot, no thread held while they wait).
/// </summary>
public sealed class TokenEndpointFetchConcurrencyTests : IAsyncLifetime
{
    private const int Waiting = 100;

    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication _api = null!;
    private string _apiUrl = "";
    private int _arrived;

    public async Task InitializeAsync()
    {
        // An API that holds every answer until the test opens the gate (its speed is the test's, not a clock's).
        (_api, _apiUrl) = await LoopbackHttpServer.StartAppAsync(async context =>
        {
            Interlocked.Increment(ref _arrived);
            await _gate.Task.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync("gold");
        });
    }

    public async Task DisposeAsync()
    {
        _gate.TrySetResult();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Token_HundredHooksWaitingOnFetch_OtherTokenRequestsAreAnsweredMeanwhile()
    {
        await using var factory = IdentityServerFactory.Create(settings: new()
        {
            // Two slots (this machine's default) for 100 waiting hooks; long limits so only the gate decides.
            ["Execution:MaxConcurrency"] = "2",
            // A hook waits for a slot only until it starts its fetch; on a loaded test machine starting 100 can take
            // longer than the default 5 s queue timeout (a 429), which is not what this test is about.
            ["Execution:QueueTimeoutMs"] = "120000",
            ["Execution:Defaults:TimeoutMs"] = "120000",
            ["Execution:Defaults:HttpTimeoutMs"] = "120000",
            ["Execution:Egress:Allow:0"] = "127.0.0.1",
        });
        var client = await factory.SeedAsync();
        // Requests asking for write:things look the plan up in the held API; the others answer at once.
        await factory.AddHookAsync($$"""
            module.exports = async function (client, scope, audience, context, cb) {
              var plan = 'none';
              if (scope.indexOf('write:things') >= 0) plan = await (await fetch('{{_apiUrl}}/plan?client=' + client.id)).text();
              cb(null, { scope: scope, 'https://example.com/plan': plan });
            };
            """);
        var scheduler = factory.Services.GetRequiredService<HookScheduler>();

        var waiting = Enumerable.Range(0, Waiting).Select(_ => factory.PostTokenFormAsync(client.Form(scope: "write:things"))).ToList();
        await WaitUntilAsync(() => Volatile.Read(ref _arrived) == Waiting && scheduler.Suspended == Waiting,
            () => $"{Volatile.Read(ref _arrived)} requests reached the API, {scheduler.Suspended} hooks wait without a slot, {scheduler.Running} run, {scheduler.Queued} queued; answered early: "
                + string.Join(", ", waiting.Where(w => w.IsCompleted).Select(w => w.IsCompletedSuccessfully ? ((int)w.Result.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : "failed").Distinct()));
        // Every one of them is waiting on its fetch without a slot.
        Assert.Equal(0, scheduler.Running);

        var others = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
            others.Add(await factory.PostTokenFormAsync(client.Form(scope: "read:things")));

        // Answered while all hundred still wait.
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        foreach (var other in others)
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            var token = (string)(await IdentityServerFactory.ReadObjectAsync(other))["access_token"]!;
            Assert.Equal("none", (string?)(await factory.VerifyWithJwksAsync(token)).Payload["https://example.com/plan"]);
        }

        _gate.TrySetResult();
        foreach (var response in await Task.WhenAll(waiting))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var token = (string)(await IdentityServerFactory.ReadObjectAsync(response))["access_token"]!;
            Assert.Equal("gold", (string?)(await factory.VerifyWithJwksAsync(token)).Payload["https://example.com/plan"]);
        }

        Assert.Equal(0, scheduler.Suspended);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Still waiting after 60 s: " + state());
            await Task.Delay(10);
        }
    }
}
