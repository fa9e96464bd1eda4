using System.Net;
using System.Text.Json.Nodes;
using HooksDashboard.Management;
using HooksDashboard.Tests.TestHelpers;
using HooksDashboard.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HooksDashboard.Tests.Web;

/// <summary>
/// Issue 9 item 9: Kestrel listens before the host's <c>StartedAsync</c> work (Management API, bootstrap
/// application) is done. A lifecycle service registered first holds start-up right after Kestrel started, as a slow
/// <c>IdentityStartup</c> would: requests in that window get 503 + Retry-After in their API's shape, not a token
/// refusal for a client that is about to exist.
/// </summary>
public sealed class StartupGateTests
{
    private const string ClientId = "BootstrapClientForGateTest";
    private const string ClientSecret = "bootstrap-secret-for-the-gate-test-0123456789";

    [Fact]
    public async Task Request_BeforeStartupFinished_Answers503WithRetryAfterThenServesOnceStarted()
    {
        var hold = new HoldStartup();
        await using var app = new KestrelAppFactory
        {
            ConfigureTestServices = services => services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => hold.Attach(sp.GetRequiredService<IServer>()))),
        };
        app.Settings["Bootstrap:ClientId"] = ClientId;
        app.Settings["Bootstrap:ClientSecret"] = ClientSecret;
        var started = Task.Run(() => app.Address);
        try
        {
            var address = await hold.Listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using var client = new HttpClient { BaseAddress = new Uri(address) };

            using var jwks = await client.GetAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));
            using var token = await PostTokenAsync(client, address);
            using var hooks = await client.GetAsync(new Uri("/api/v2/hooks", UriKind.Relative));
            using var signup = await client.PostAsync(new Uri("/dbconnections/signup", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
            using var page = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative));

            foreach (var (response, path) in new[] { (jwks, "/.well-known/jwks.json"), (token, "/oauth/token"), (hooks, "/api/v2/hooks"), (signup, "/dbconnections/signup") })
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(StartupGate.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
                ApiErrorShapes.AssertShape(path, 503, await response.Content.ReadAsStringAsync());
            }
            Assert.Equal("temporarily_unavailable", (string?)JsonNode.Parse(await token.Content.ReadAsStringAsync())!["error"]);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.NotNull(page.Headers.RetryAfter);
        }
        finally
        {
            hold.Release.TrySetResult();
        }

        var ready = await started.WaitAsync(TimeSpan.FromSeconds(60));
        using var after = new HttpClient { BaseAddress = new Uri(ready) };
        using var served = await PostTokenAsync(after, ready);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    private static Task<HttpResponseMessage> PostTokenAsync(HttpClient client, string address) =>
        client.PostAsync(new Uri("/oauth/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
            ["audience"] = ManagementApi.AudienceFor(address + "/"),
        }));
}
