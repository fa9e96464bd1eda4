using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Identity.Apis;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Grants;
using HooksDashboard.Management;
using HooksDashboard.Tests.Management;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Runtime;

/// <summary>
/// Every hook slot held by hooks that loop until their time limit: the rest of the server keeps answering, and
/// blocking points refuse at once with Auth0's "too many requests" instead of queueing behind the loops.
/// </summary>
public sealed class HookCapacityTests
{
    private const string Audience = "https://capacity.example.com/";

    private static ManagementApiFixture NewApp()
    {
        var app = new ManagementApiFixture();
        app.Settings["Execution:MaxConcurrency"] = "2";
        app.Settings["Execution:QueueLimit"] = "0";
        // Long enough that the loops outlive every probe; the test cancels them at the end.
        app.Settings["Execution:Defaults:TimeoutMs"] = "60000";
        return app;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
            await Task.Delay(10, timeout.Token);
    }

    [Fact]
    public async Task EverySlotHeldByLoopingHooks_OtherEndpointsAnswerAndBlockingPointsAnswer429()
    {
        await using var app = NewApp();
        T Service<T>() where T : notnull => app.Services.GetRequiredService<T>();
        var application = await Service<IApplicationStore>().CreateAsync(new NewApplication("Capacity"));
        var clientId = application.Application.ClientId;
        var api = await Service<IResourceServerStore>().CreateAsync(new NewResourceServer(Audience, "Capacity API", [new("read:things", "Read")], 3600));
        await Service<IClientGrantStore>().CreateAsync(clientId, api.Id, ["read:things"]);
        var hooks = Service<IHookStore>();
        await hooks.CreateAsync(new NewHook("Loop forever", PreUserRegistrationPoint.TriggerId, "module.exports = function (user, context, cb) { while (true) {} };", true));
        await hooks.CreateAsync(new NewHook("Exchange", CredentialsExchangePoint.TriggerId, "module.exports = function (c, s, a, ctx, cb) { cb(null, {}); };", true));
        var scheduler = Service<HookScheduler>();
        var runtime = app.CreateClient();
        var signedIn = await app.CreateSignedInClientAsync();

        using var stopLoops = new CancellationTokenSource();
        var loops = Enumerable.Range(0, 2).Select(i => runtime.PostAsJsonAsync("/dbconnections/signup", SignupBody(clientId, $"loop{i}@example.com"), stopLoops.Token)).ToList();
        await WaitUntilAsync(() => scheduler.Running == scheduler.MaxConcurrency);

        using var jwks = await runtime.GetAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));
        using var discovery = await runtime.GetAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative));
        using var management = await app.ApiClient().GetAsync(new Uri("/api/v2/hooks", UriKind.Relative));
        using var dashboard = await signedIn.GetAsync(new Uri("/hooks", UriKind.Relative));
        using var signup = await runtime.PostAsJsonAsync("/dbconnections/signup", SignupBody(clientId, "third@example.com"));
        using var token = await runtime.PostAsync(new Uri("/oauth/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = application.ClientSecret,
            ["audience"] = Audience,
        }));

        // All of it answered while both looping hooks still held their slots.
        Assert.All(loops, l => Assert.False(l.IsCompleted));
        Assert.Equal(scheduler.MaxConcurrency, scheduler.Running);

        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, management.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, signup.StatusCode);
        Assert.Equal("1", signup.Headers.GetValues("Retry-After").Single());
        var signupError = JsonNode.Parse(await signup.Content.ReadAsStringAsync())!;
        Assert.Equal("too_many_requests", (string?)signupError["code"]);
        Assert.Equal(429, (int?)signupError["statusCode"]);

        Assert.Equal(HttpStatusCode.TooManyRequests, token.StatusCode);
        Assert.Equal("1", token.Headers.GetValues("Retry-After").Single());
        var tokenError = JsonNode.Parse(await token.Content.ReadAsStringAsync())!;
        Assert.Equal("too_many_requests", (string?)tokenError["error"]);
        Assert.False(string.IsNullOrEmpty((string?)tokenError["error_description"]));

        // The clients give up: the loops see the cancellation and free their slots.
        await stopLoops.CancelAsync();
        foreach (var loop in loops)
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop);
        await WaitUntilAsync(() => scheduler.Running == 0);
    }

    private static JsonObject SignupBody(string clientId, string email) => new()
    {
        ["client_id"] = clientId,
        ["connection"] = "Username-Password-Authentication",
        ["email"] = email,
        ["password"] = "Str0ng!Passw0rd",
    };
}
