using System.Net;
using System.Text.Json.Nodes;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Identity.Apis;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Grants;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Runtime;

/// <summary>
/// The socket transport's settings (docs/design.md, "Token endpoint: thread hand-offs") run a request's code on the
/// thread that received it; a hook runs on that thread too (caller-thread execution). One hook busy on the CPU must
/// still not hold up other connections: they are answered on the real Kestrel server while it spins.
/// </summary>
public sealed class TokenEndpointSlowHookTests : IDisposable
{
    private const string Audience = "https://things.example.com/";
    private readonly KestrelAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Token_OneHookSpinningOnTheCpu_OtherConnectionsAreAnsweredMeanwhile()
    {
        _app.Settings["Execution:MaxConcurrency"] = "2";
        _app.Settings["Execution:Defaults:TimeoutMs"] = "60000";
        // The memory limit measures the process's heap (concurrent work counts): 10 s of spinning beside other test
        // classes running in parallel once grew it past 64 MB and the hook was stopped by that limit, not the one
        // this test is about. The hook keeps nothing; a limit far above what other tests allocate meanwhile.
        _app.Settings["Execution:Defaults:MemoryBytes"] = (2L * 1024 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var address = _app.Address;
        var created = await _app.Services.GetRequiredService<IApplicationStore>().CreateAsync(new NewApplication("Spinning client", new Dictionary<string, string>()));
        var api = await _app.Services.GetRequiredService<IResourceServerStore>().CreateAsync(
            new NewResourceServer(Audience, "Things", [new("read:things", "Read"), new("write:things", "Write")], 3600));
        await _app.Services.GetRequiredService<IClientGrantStore>().CreateAsync(created.Application.ClientId, api.Id, ["read:things", "write:things"]);
        // write:things spins on the CPU for 10 s (no await: the thread is held the whole time); read:things answers at once.
        await _app.Services.GetRequiredService<IHookStore>().CreateAsync(new NewHook("Spinning hook", CredentialsExchangePoint.TriggerId, """
            module.exports = function (client, scope, audience, context, cb) {
              if (scope.indexOf('write:things') >= 0) {
                var end = Date.now() + 10000;
                while (Date.now() < end) { }
              }
              cb(null, { scope: scope });
            };
            """, Enabled: true));
        var scheduler = _app.Services.GetRequiredService<HookScheduler>();
        Dictionary<string, string> Form(string scope) => new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = created.Application.ClientId,
            ["client_secret"] = created.ClientSecret,
            ["audience"] = Audience,
            ["scope"] = scope,
        };

        // Every connection is opened and used once first, so the requests below arrive on idle kept-alive connections:
        // the server is waiting for them on its socket engine, the path a completion run inline would take.
        async Task<HttpResponseMessage> PostAsync(HttpClient client, string scope)
        {
            using var form = new FormUrlEncodedContent(Form(scope));
            return await client.PostAsync(new Uri("/oauth/token", UriKind.Relative), form);
        }
        HttpClient Connection() => new(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = new Uri(address) };
        using var spinningClient = Connection();
        var others = Enumerable.Range(0, 8).Select(_ => Connection()).ToList();
        try
        {
            foreach (var client in others.Prepend(spinningClient))
            {
                using var warm = await PostAsync(client, "read:things");
                Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
            }

            var spinning = PostAsync(spinningClient, "write:things");
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (scheduler.Running == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "The spinning hook did not start within 30 s.");
                Assert.False(spinning.IsCompleted, "The spinning request ended before its hook ran.");
                await Task.Delay(10);
            }

            // One after the other, each on its own kept-alive connection, while the hook spins.
            for (var i = 0; i < others.Count; i++)
            {
                using var response = await PostAsync(others[i], "read:things");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]);
                Assert.False(spinning.IsCompleted, $"Connection {i + 1} was answered only after the spinning hook ended.");
            }

            using var spun = await spinning;
            Assert.Equal(HttpStatusCode.OK, spun.StatusCode);
        }
        finally
        {
            foreach (var client in others)
                client.Dispose();
        }
    }
}
