using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Execution.Http;
using HooksDashboard.Hooks;
using HooksDashboard.Identity.Apis;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Grants;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Runtime;

/// <summary>
/// A hook's requests to the server's own public host (the issuer, https) reach the running server over plain HTTP on
/// loopback, without an egress allowance, and run no hook themselves (recursion is impossible).
/// </summary>
public sealed class OwnServerRequestsTests : IAsyncLifetime, IDisposable
{
    private const string Issuer = "https://tenant.example.com/";
    private const string Audience = "https://things.example.com/";
    private readonly KestrelAppFactory _app = new();
    private string _clientId = "";
    private string _clientSecret = "";

    public async Task InitializeAsync()
    {
        _app.Settings["Issuer"] = Issuer;
        _ = _app.Address;
        var created = await _app.Services.GetRequiredService<IApplicationStore>().CreateAsync(new NewApplication("Own server client", new Dictionary<string, string>()));
        var api = await _app.Services.GetRequiredService<IResourceServerStore>().CreateAsync(new NewResourceServer(Audience, "Things", [new("read:things", "Read")], 3600));
        await _app.Services.GetRequiredService<IClientGrantStore>().CreateAsync(created.Application.ClientId, api.Id, ["read:things"]);
        (_clientId, _clientSecret) = (created.Application.ClientId, created.ClientSecret);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Fetch_OwnPublicHostOverHttps_ReachesTheServerWithoutEgressAllowance()
    {
        const string Script = """
            module.exports = function (client, scope, audience, context, cb) {
              fetch('https://tenant.example.com/.well-known/openid-configuration')
                .then(function (r) { return r.json().then(function (j) { cb(null, { status: r.status, issuer: j.issuer, url: r.url }); }); }, cb);
            };
            """;
        var runner = _app.Services.GetRequiredService<IHookRunner>();

        var result = await runner.RunAsync(new HookInvocation(CredentialsExchangePoint.TriggerId, Script, null, new Dictionary<string, string>(), InvocationSource.Test) { Record = false });

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("""{"status":200,"issuer":"https://tenant.example.com/","url":"https://tenant.example.com/.well-known/openid-configuration"}""", result.Data!.ToJsonString());
        Assert.Equal("https://tenant.example.com/.well-known/openid-configuration", Assert.Single(result.Requests).Url);
    }

    [Fact]
    public async Task Token_CredentialsExchangeHookRequestingATokenFromItsOwnServer_DoesNotRunItselfAgain()
    {
        // Without the rule the nested request would run this hook again, which would request again, and so on.
        const string Script = """
            module.exports = function (client, scope, audience, context, cb) {
              fetch('https://tenant.example.com/oauth/token', {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ grant_type: 'client_credentials', audience: audience,
                  client_id: context.webtask.secrets['client-id'], client_secret: context.webtask.secrets['client-secret'] })
              }).then(function (r) { return r.json(); }).then(function (t) {
                var nested = JSON.parse(Buffer.from(t.access_token.split('.')[1], 'base64url').toString());
                cb(null, { scope: scope, 'https://example.com/ran-in-nested': nested['https://example.com/ran'] || false, 'https://example.com/ran': true });
              }, cb);
            };
            """;
        var hooks = _app.Services.GetRequiredService<IHookStore>();
        var hook = await hooks.CreateAsync(new NewHook("Nested exchange", CredentialsExchangePoint.TriggerId, Script, Enabled: true));
        await hooks.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["client-id"] = _clientId, ["client-secret"] = _clientSecret });
        using var http = new HttpClient { BaseAddress = new Uri(_app.Address) };

        using var response = await http.PostAsJsonAsync("/oauth/token", new { grant_type = "client_credentials", client_id = _clientId, client_secret = _clientSecret, audience = Audience });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var claims = Claims((string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!);
        Assert.True((bool)claims["https://example.com/ran"]!);
        Assert.False((bool)claims["https://example.com/ran-in-nested"]!);
    }

    [Fact]
    public async Task Token_OutsideCallerSendingTheMarkerHeader_StillRunsTheHook()
    {
        await _app.Services.GetRequiredService<IHookStore>().CreateAsync(new NewHook("Deny all", CredentialsExchangePoint.TriggerId,
            "module.exports = function (client, scope, audience, context, cb) { cb(new InvalidRequestError('denied by hook')); };", Enabled: true));
        using var http = new HttpClient { BaseAddress = new Uri(_app.Address) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = JsonContent.Create(new { grant_type = "client_credentials", client_id = _clientId, client_secret = _clientSecret, audience = Audience }),
        };
        request.Headers.Add(OwnServerRoute.MarkerHeader, new string('0', 64));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("denied by hook", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error_description"]);
    }

    private static JsonObject Claims(string token) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]))!.AsObject();
}
