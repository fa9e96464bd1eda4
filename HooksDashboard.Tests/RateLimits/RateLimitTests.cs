using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Tests.Management;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.RateLimits;

public sealed class RateLimitTests
{
    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();

    /// <summary>Sends until the bucket refuses; a refill between two requests on a slow machine only means one more.</summary>
    private static async Task<HttpResponseMessage> SendUntilRefusedAsync(Func<Task<HttpResponseMessage>> send)
    {
        for (var i = 0; i < 50; i++)
        {
            var response = await send();
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                return response;
            Assert.True(response.IsSuccessStatusCode, $"Request {i} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            response.Dispose();
        }
        Assert.Fail("The limit never refused a request.");
        return null!;
    }

    [Fact]
    public async Task Token_UnderTheLimit_AnswersWithAuth0RateLimitHeaders()
    {
        await using var app = IdentityServerFactory.Create(settings: new()
        {
            ["RateLimits:Token:PerClient:Limit"] = "5",
            ["RateLimits:Token:PerClient:PerSecond"] = "1",
        });
        var client = await app.SeedAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        using var response = await app.PostTokenFormAsync(client.Form());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("5", Header(response, "x-ratelimit-limit"));
        Assert.InRange(long.Parse(Header(response, "x-ratelimit-remaining"), System.Globalization.CultureInfo.InvariantCulture), 0, 4);
        Assert.True(long.Parse(Header(response, "x-ratelimit-reset"), System.Globalization.CultureInfo.InvariantCulture) > before);
    }

    [Fact]
    public async Task Token_ClientBucketEmpty_Answers429TooManyRequestsForThatClientOnly()
    {
        await using var app = IdentityServerFactory.Create(settings: new()
        {
            ["RateLimits:Token:PerClient:Limit"] = "3",
            ["RateLimits:Token:PerClient:PerSecond"] = "1",
        });
        var client = await app.SeedAsync();
        var other = await app.Applications.CreateAsync(new NewApplication("Other service"));
        await app.Grants.CreateAsync(other.Application.ClientId, client.ApiId, ["read:things"]);

        // JSON body: the client id is read from it before the limiter partitions the request.
        using var refused = await SendUntilRefusedAsync(() => app.PostTokenJsonAsync(client.Form()));

        var body = await IdentityServerFactory.ReadObjectAsync(refused);
        Assert.Equal("too_many_requests", (string?)body["error"]);
        Assert.Contains("this client", (string?)body["error_description"], StringComparison.Ordinal);
        Assert.Equal("0", Header(refused, "x-ratelimit-remaining"));
        Assert.Equal("3", Header(refused, "x-ratelimit-limit"));
        Assert.True(int.Parse(Header(refused, "Retry-After"), System.Globalization.CultureInfo.InvariantCulture) >= 1);

        using var otherClient = await app.PostTokenFormAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = other.Application.ClientId,
            ["client_secret"] = other.ClientSecret,
            ["audience"] = IdentityServerFactory.Audience,
        });
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
    }

    [Fact]
    public async Task DbConnections_IpBucketEmpty_Answers429InTheSignupErrorShape()
    {
        await using var app = IdentityServerFactory.Create(settings: new()
        {
            ["RateLimits:DbConnections:PerIp:Limit"] = "2",
            ["RateLimits:DbConnections:PerIp:PerSecond"] = "1",
        });
        var client = await app.SeedAsync();
        var http = app.CreateClient();
        var n = 0;

        using var refused = await SendUntilRefusedAsync(() => http.PostAsJsonAsync("/dbconnections/signup", new JsonObject
        {
            ["client_id"] = client.ClientId,
            ["connection"] = "Username-Password-Authentication",
            ["email"] = $"user{n++}@example.com",
            ["password"] = "Str0ng!Passw0rd",
        }));

        var body = await IdentityServerFactory.ReadObjectAsync(refused);
        Assert.Equal("TooManyRequestsError", (string?)body["name"]);
        Assert.Equal("too_many_requests", (string?)body["code"]);
        Assert.Equal(429, (int?)body["statusCode"]);
        Assert.Contains("this IP address", (string?)body["description"], StringComparison.Ordinal);
        Assert.Equal("2", Header(refused, "x-ratelimit-limit"));
    }

    [Fact]
    public async Task Management_ClientBucketEmpty_Answers429InTheManagementErrorShapeForThatClientOnly()
    {
        await using var app = new ManagementApiFixture();
        app.Settings["RateLimits:Management:PerClient:Limit"] = "3";
        app.Settings["RateLimits:Management:PerClient:PerSecond"] = "1";
        var first = app.ApiClient(app.Issuer.AllScopes("client-a"));

        using var refused = await SendUntilRefusedAsync(() => first.GetAsync(new Uri("/api/v2/hooks", UriKind.Relative)));

        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal(429, (int?)body["statusCode"]);
        Assert.Equal("Too Many Requests", (string?)body["error"]);
        Assert.Equal("too_many_requests", (string?)body["errorCode"]);
        Assert.Equal("3", Header(refused, "x-ratelimit-limit"));

        using var other = await app.ApiClient(app.Issuer.AllScopes("client-b")).GetAsync(new Uri("/api/v2/hooks", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal("3", Header(other, "x-ratelimit-limit"));
    }

    [Fact]
    public async Task Disabled_NoLimitAndNoHeaders()
    {
        await using var app = IdentityServerFactory.Create(settings: new()
        {
            ["RateLimits:Enabled"] = "false",
            ["RateLimits:Token:PerClient:Limit"] = "1",
            ["RateLimits:Token:PerClient:PerSecond"] = "1",
        });
        var client = await app.SeedAsync();

        for (var i = 0; i < 3; i++)
        {
            using var response = await app.PostTokenFormAsync(client.Form());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("x-ratelimit-limit"));
        }
    }
}
