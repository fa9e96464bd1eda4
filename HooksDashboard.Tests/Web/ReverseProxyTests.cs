using System.Net;
using System.Text.Json.Nodes;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Web;

/// <summary>
/// Issue 14 (deployment): X-Forwarded-For/Proto/Host are believed only from the proxies and networks listed under
/// <c>ReverseProxy</c>. The test client connects from 127.0.0.1, so listing 127.0.0.1 (or 127.0.0.0/8) makes it a
/// known proxy and listing another address makes it an unknown one.
/// </summary>
public sealed class ReverseProxyTests
{
    private const string PublicIssuer = "https://auth.example.com/";

    [Theory]
    [InlineData("KnownProxies", "127.0.0.1")]
    [InlineData("KnownNetworks", "127.0.0.0/8")]
    public async Task Request_ForwardedProtoAndHostFromKnownProxy_IsHttpsAtThePublicHostAndShowsThePublicIssuer(string key, string value)
    {
        await using var app = ProductionBehindProxy(key, value);
        using var client = new HttpClient { BaseAddress = new Uri(app.Address) };

        using var response = await SendForwardedAsync(client, "/.well-known/openid-configuration", forwardedFor: "203.0.113.7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // UseHsts answers only HTTPS requests to a host other than localhost: the proxy's view of the request.
        Assert.True(response.Headers.Contains("Strict-Transport-Security"), "No HSTS: the forwarded scheme and host were not applied.");
        var discovery = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(PublicIssuer, (string?)discovery["issuer"]);
        Assert.Equal(PublicIssuer + "oauth/token", (string?)discovery["token_endpoint"]);
    }

    [Fact]
    public async Task Request_ForwardedHeadersFromUnknownAddress_AreIgnored()
    {
        await using var app = ProductionBehindProxy("KnownProxies", "10.20.30.40");
        using var client = new HttpClient { BaseAddress = new Uri(app.Address) };

        using var response = await SendForwardedAsync(client, "/.well-known/openid-configuration", forwardedFor: "203.0.113.7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS on a plain-HTTP request: the headers of an unknown peer were believed.");
    }

    [Fact]
    public async Task RateLimitPerIp_ForwardedForFromKnownProxy_EachClientHasItsOwnBucket()
    {
        await using var app = TokenLimitedToOnePerIp("127.0.0.1");
        using var client = new HttpClient { BaseAddress = new Uri(app.Address) };

        using var first = await SendForwardedAsync(client, "/oauth/token", forwardedFor: "203.0.113.7", post: true);
        using var second = await SendForwardedAsync(client, "/oauth/token", forwardedFor: "203.0.113.7", post: true);
        using var otherClient = await SendForwardedAsync(client, "/oauth/token", forwardedFor: "203.0.113.8", post: true);

        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, otherClient.StatusCode);
    }

    [Fact]
    public async Task RateLimitPerIp_ForwardedForFromUnknownAddress_EveryoneSharesThePeersBucket()
    {
        await using var app = TokenLimitedToOnePerIp("10.20.30.40");
        using var client = new HttpClient { BaseAddress = new Uri(app.Address) };

        using var first = await SendForwardedAsync(client, "/oauth/token", forwardedFor: "203.0.113.7", post: true);
        using var otherClient = await SendForwardedAsync(client, "/oauth/token", forwardedFor: "203.0.113.8", post: true);

        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, otherClient.StatusCode);
    }

    [Theory]
    [InlineData("ReverseProxy:KnownProxies:0", "10.0.0.300", "ReverseProxy:KnownProxies:0 must be an IP address")]
    [InlineData("ReverseProxy:KnownNetworks:0", "10.0.0.0/40", "ReverseProxy:KnownNetworks:0 must be a network in CIDR notation")]
    [InlineData("ReverseProxy:ForwardLimit", "0", "ReverseProxy:ForwardLimit must be at least 1")]
    public async Task Start_BadReverseProxySetting_FailsNamingTheKey(string key, string value, string expected)
    {
        await using var app = new AppFactory();
        app.Settings[key] = value;
        app.Settings["ReverseProxy:KnownProxies:1"] = "127.0.0.1";

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    private static KestrelAppFactory ProductionBehindProxy(string key, string value)
    {
        var app = new KestrelAppFactory { EnvironmentName = "Production" };
        app.Settings[$"ReverseProxy:{key}:0"] = value;
        app.Settings["Issuer"] = PublicIssuer;
        return app;
    }

    private static KestrelAppFactory TokenLimitedToOnePerIp(string knownProxy)
    {
        var app = new KestrelAppFactory();
        app.Settings["ReverseProxy:KnownProxies:0"] = knownProxy;
        app.Settings["RateLimits:Token:PerIp:Limit"] = "1";
        app.Settings["RateLimits:Token:PerIp:PerSecond"] = "1";
        app.Settings["RateLimits:Token:PerClient:Limit"] = "0";
        return app;
    }

    private static async Task<HttpResponseMessage> SendForwardedAsync(HttpClient client, string path, string forwardedFor, bool post = false)
    {
        using var request = new HttpRequestMessage(post ? HttpMethod.Post : HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "auth.example.com");
        if (post)
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        return await client.SendAsync(request);
    }
}
