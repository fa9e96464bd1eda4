using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace HooksDashboard.Tests.Management;

public sealed class ManagementAuthorizationTests(ManagementApiFixture app) : ManagementApiTestBase(app)
{
    [Fact]
    public async Task NoToken_401MissingAuthentication()
    {
        using var client = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/api/v2/hooks", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertError(System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync()), 401, "invalid_token", "Missing authentication");
    }

    [Fact]
    public async Task SignedInAdminCookieWithoutToken_401()
    {
        using var client = await App.CreateSignedInClientAsync();

        using var response = await client.GetAsync(new Uri("/api/v2/hooks", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string, string> BadTokens() => new()
    {
        { "malformed", "Invalid token" },
        { "expired", "Expired token" },
        { "wrong-audience", "Bad audience" },
        { "wrong-issuer", "Bad issuer" },
        { "foreign-key", "Invalid token" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task BadToken_401InvalidToken(string kind, string message)
    {
        using var foreign = RSA.Create(2048);
        var scopes = "read:hooks create:hooks update:hooks delete:hooks";
        var token = kind switch
        {
            "malformed" => "not.a.jwt",
            "expired" => App.Issuer.Token(scopes, expires: DateTimeOffset.UtcNow.AddHours(-1)),
            "wrong-audience" => App.Issuer.Token(scopes, audience: "http://localhost/some-other-api/"),
            "wrong-issuer" => App.Issuer.Token(scopes, issuer: "https://evil.example/"),
            _ => App.Issuer.Token(scopes, key: new RsaSecurityKey(foreign) { KeyId = "test-key" }),
        };

        var (status, body) = await SendAsync(HttpMethod.Get, "/api/v2/hooks", token: token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        AssertError(body, 401, "invalid_token", message);
    }

    [Theory]
    [InlineData("GET", "/api/v2/hooks", "read:hooks")]
    [InlineData("POST", "/api/v2/hooks", "create:hooks")]
    [InlineData("GET", "/api/v2/hooks/X", "read:hooks")]
    [InlineData("PATCH", "/api/v2/hooks/X", "update:hooks")]
    [InlineData("DELETE", "/api/v2/hooks/X", "delete:hooks")]
    [InlineData("GET", "/api/v2/hooks/X/secrets", "read:hooks")]
    [InlineData("POST", "/api/v2/hooks/X/secrets", "create:hooks")]
    [InlineData("PATCH", "/api/v2/hooks/X/secrets", "update:hooks")]
    [InlineData("DELETE", "/api/v2/hooks/X/secrets", "delete:hooks")]
    public async Task MissingScope_403NamesIt(string method, string path, string scope)
    {
        var others = string.Join(' ', HooksDashboard.Management.ManagementApi.HookScopes.Where(s => s != scope));

        var (status, body) = await SendAsync(new HttpMethod(method), path, method is "GET" or "DELETE" ? null : "{}", App.Issuer.Token(others));

        Assert.True(status == HttpStatusCode.Forbidden, body?.ToJsonString());
        Assert.Equal($$"""{"statusCode":403,"error":"Forbidden","message":"Insufficient scope, expected any of: {{scope}}","errorCode":"insufficient_scope"}""", body!.ToJsonString());
    }
}
