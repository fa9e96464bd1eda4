using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using HooksDashboard.Tests.TestHelpers;
using HooksDashboard.Transfer;

namespace HooksDashboard.Tests.Transfer;

/// <summary>
/// <see cref="TenantClient"/> and <see cref="TenantSource"/> against a loopback server answering in Auth0's shapes
/// (token, paged hooks, hook by id, masked secrets) and with the failures a live tenant gives.
/// </summary>
public sealed class TenantClientTests : IAsyncLifetime
{
    private FakeAuth0Tenant _tenant = null!;

    public async Task InitializeAsync() => _tenant = await FakeAuth0Tenant.StartAsync();

    public async Task DisposeAsync() => await _tenant.DisposeAsync();

    private TenantClient Client(string secret = FakeAuth0Tenant.Secret) =>
        new(TenantConnection.Parse(_tenant.Url, FakeAuth0Tenant.ClientId, secret));

    private static JsonObject Hook(int i, bool withScript = true)
    {
        var hook = new JsonObject { ["id"] = $"h{i:000}", ["name"] = $"hook-{i:000}", ["triggerId"] = "post-change-password", ["enabled"] = false };
        if (withScript)
        {
            hook["script"] = $"module.exports = function (u, c, cb) {{ cb(null, {i}); }};";
            hook["dependencies"] = new JsonObject();
        }
        return hook;
    }

    [Fact]
    public async Task ListHooksAsync_ThreePagesAndAHookWithoutItsScript_ReadsEveryHookWithScript()
    {
        _tenant.Hooks.AddRange(Enumerable.Range(0, 120).Select(i => Hook(i, withScript: i != 77)));
        using var client = Client();

        var hooks = await client.ListHooksAsync();

        Assert.Equal(120, hooks.Count);
        Assert.Equal(Enumerable.Range(0, 120).Select(i => $"hook-{i:000}"), hooks.Select(h => (string)h["name"]!));
        Assert.Contains("cb(null, 77)", (string)hooks[77]["script"]!, StringComparison.Ordinal);
        Assert.Equal(3, _tenant.Paths.Count(p => p.StartsWith("/api/v2/hooks?", StringComparison.Ordinal)));
        Assert.Contains("/api/v2/hooks?page=2&per_page=50&include_totals=true", _tenant.Paths);
        Assert.Contains("/api/v2/hooks/h077", _tenant.Paths);
        Assert.Equal(1, _tenant.Paths.Count(p => p == "/oauth/token"));
        Assert.Equal($"{_tenant.Url}/api/v2/", _tenant.Audiences.Single());
    }

    [Fact]
    public async Task ReadAsync_SecretsAreNamesWithoutValues()
    {
        var hook = Hook(1);
        hook["dependencies"] = new JsonObject { ["lodash"] = "4.17.21" };
        _tenant.Hooks.Add(hook);
        _tenant.Secrets["h001"] = ["API_KEY", "OTHER"];
        using var client = Client();

        var set = await new TenantSource(client).ReadAsync();

        var definition = Assert.Single(set.Hooks);
        Assert.Equal(["API_KEY", "OTHER"], definition.Secrets.Keys.Order(StringComparer.Ordinal));
        Assert.All(definition.Secrets.Values, Assert.Null);
        Assert.Equal("4.17.21", definition.Dependencies["lodash"]);
        Assert.Contains("(Management API)", set.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_InvalidHookObjects_NameEachHookAndField()
    {
        var noTrigger = Hook(1);
        noTrigger.Remove("triggerId");
        var badDependencies = Hook(2);
        badDependencies["dependencies"] = new JsonObject { ["lodash"] = 4 };
        _tenant.Hooks.AddRange([noTrigger, badDependencies]);
        using var client = Client();

        var e = await Assert.ThrowsAsync<HookDefinitionException>(() => new TenantSource(client).ReadAsync());

        Assert.Contains(e.Errors, x => x.Entry == "hooks[0] ('hook-001')" && x.Field == "triggerId");
        Assert.Contains(e.Errors, x => x.Entry == "hooks[1] ('hook-002')" && x.Field == "dependencies" && x.Message.Contains("'lodash'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListHooksAsync_WrongSecret_SaysTheCredentialsWereRefused()
    {
        using var client = Client("wrong");

        var e = await Assert.ThrowsAsync<TenantException>(() => client.ListHooksAsync());

        Assert.Contains($"refused the client credentials of {FakeAuth0Tenant.ClientId} (401: Unauthorized)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListHooksAsync_403InsufficientScope_NamesTheMissingScope()
    {
        _tenant.Respond = path => path.StartsWith("/api/v2/hooks", StringComparison.Ordinal)
            ? (403, "application/json", """{"statusCode":403,"error":"Forbidden","message":"Insufficient scope, expected any of: read:hooks","errorCode":"insufficient_scope"}""", null)
            : null;
        using var client = Client();

        var e = await Assert.ThrowsAsync<TenantException>(() => client.ListHooksAsync());

        Assert.Contains("(403: Insufficient scope, expected any of: read:hooks)", e.Message, StringComparison.Ordinal);
        Assert.Contains($"The application {FakeAuth0Tenant.ClientId} needs the scope read:hooks", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListHooksAsync_429TwiceWithRetryAfter_RetriesAndSucceeds()
    {
        _tenant.Hooks.Add(Hook(1));
        var refusals = 0;
        _tenant.Respond = path => path.StartsWith("/api/v2/hooks?", StringComparison.Ordinal) && Interlocked.Increment(ref refusals) <= 2
            ? (429, "application/json", """{"statusCode":429,"error":"Too Many Requests","message":"Global limit has been reached"}""", "0")
            : null;
        using var client = Client();

        var hooks = await client.ListHooksAsync();

        Assert.Single(hooks);
        Assert.Equal(3, _tenant.Paths.Count(p => p.StartsWith("/api/v2/hooks?", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ListHooksAsync_429Always_GivesUpAfterTheRetries()
    {
        _tenant.Respond = path => path.StartsWith("/api/v2/hooks", StringComparison.Ordinal) ? (429, "application/json", "{}", "0") : null;
        using var client = Client();

        var e = await Assert.ThrowsAsync<TenantException>(() => client.ListHooksAsync());

        Assert.Contains($"kept answering 429 Too Many Requests to GET /api/v2/hooks?page=0&per_page=50&include_totals=true after {TenantClient.MaxRetries} retries", e.Message, StringComparison.Ordinal);
        Assert.Equal(TenantClient.MaxRetries + 1, _tenant.Paths.Count(p => p.StartsWith("/api/v2/hooks", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ListHooksAsync_429AskingForALongWait_FailsAtOnceSayingHowLong()
    {
        _tenant.Respond = path => path.StartsWith("/api/v2/hooks", StringComparison.Ordinal) ? (429, "application/json", "{}", "3600") : null;
        using var client = Client();

        var e = await Assert.ThrowsAsync<TenantException>(() => client.ListHooksAsync());

        Assert.Contains("asks to wait 3600 s", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, _tenant.Paths.Count(p => p.StartsWith("/api/v2/hooks", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ListHooksAsync_HtmlInsteadOfJson_SaysTheBodyIsNotJson()
    {
        _tenant.Respond = path => path.StartsWith("/api/v2/hooks", StringComparison.Ordinal) ? (200, "text/html", "<html><body>Sign in</body></html>", null) : null;
        using var client = Client();

        var e = await Assert.ThrowsAsync<TenantException>(() => client.ListHooksAsync());

        Assert.Contains("a body that is not JSON (text/html: <html><body>Sign in</body></html>)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_NothingListening_ReportsTheNetworkErrorAsADefinitionError()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        using var client = new TenantClient(TenantConnection.Parse($"http://127.0.0.1:{port}", "id", "secret"));

        var e = await Assert.ThrowsAsync<HookDefinitionException>(() => new TenantSource(client).ReadAsync());

        var error = Assert.Single(e.Errors);
        Assert.Equal($"tenant 127.0.0.1:{port}", error.File);
        Assert.Contains($"Cannot reach 127.0.0.1:{port} for POST /oauth/token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListHooksAsync_UntrustedCertificate_SaysTheTlsHandshakeFailed()
    {
        await using var https = await RecordingHttpServer.StartHttpsAsync(_ => new CannedResponse(200, "application/json", "{}"), "localhost");
        using var client = new TenantClient(TenantConnection.Parse($"https://localhost:{https.Port}", "id", "secret"));

        var e = await Assert.ThrowsAsync<TenantException>(() => client.ListHooksAsync());

        Assert.Contains($"The TLS handshake with localhost:{https.Port} failed for POST /oauth/token", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("example.eu.auth0.com", "https://example.eu.auth0.com/", "https://example.eu.auth0.com/api/v2/")]
    [InlineData(" example.eu.auth0.com/ ", "https://example.eu.auth0.com/", "https://example.eu.auth0.com/api/v2/")]
    [InlineData("http://127.0.0.1:5062", "http://127.0.0.1:5062/", "http://127.0.0.1:5062/api/v2/")]
    [InlineData("https://tenant.example.com/", "https://tenant.example.com/", "https://tenant.example.com/api/v2/")]
    public void Parse_BareDomainMeansHttps_AUrlKeepsItsScheme(string domain, string baseAddress, string audience)
    {
        var connection = TenantConnection.Parse(domain, "id", "secret");

        Assert.Equal(baseAddress, connection.BaseAddress.ToString());
        Assert.Equal(audience, connection.Audience);
    }

    [Theory]
    [InlineData("ftp://example.com")]
    [InlineData("example.com/api")]
    [InlineData("https://user@example.com")]
    [InlineData("http://example.com/?x=1")]
    [InlineData("")]
    public void Parse_NotAHostOrHttpUrl_Refused(string domain)
    {
        var e = Assert.Throws<ArgumentException>(() => TenantConnection.Parse(domain, "id", "secret"));

        Assert.Equal("domain", e.ParamName);
    }
}
