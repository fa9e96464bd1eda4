using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Runtime;

public sealed class TokenEndpointTests : IAsyncLifetime
{
    private IdentityServerFactory _factory = null!;
    private IdentityServerFactory.Client _client = null!;

    public async Task InitializeAsync()
    {
        _factory = IdentityServerFactory.Create();
        _client = await _factory.SeedAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Token_FormBody_IssuesTokenVerifiedByJwks()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var response = await _factory.PostTokenFormAsync(_client.Form());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var body = await IdentityServerFactory.ReadObjectAsync(response);
        Assert.Equal("Bearer", (string?)body["token_type"]);
        Assert.Equal(3600, (int)body["expires_in"]!);
        Assert.Equal("read:things write:things", (string?)body["scope"]);

        var (header, payload) = await _factory.VerifyWithJwksAsync((string)body["access_token"]!);
        Assert.Equal("RS256", (string?)header["alg"]);
        Assert.Equal(IdentityServerFactory.Issuer, (string?)payload["iss"]);
        Assert.Equal($"{_client.ClientId}@clients", (string?)payload["sub"]);
        Assert.Equal(IdentityServerFactory.Audience, (string?)payload["aud"]);
        Assert.Equal("read:things write:things", (string?)payload["scope"]);
        Assert.Equal("client-credentials", (string?)payload["gty"]);
        Assert.Equal(_client.ClientId, (string?)payload["azp"]);
        var iat = (long)payload["iat"]!;
        Assert.InRange(iat, before, before + 60);
        Assert.Equal(iat + 3600, (long)payload["exp"]!);
    }

    [Fact]
    public async Task Token_SuccessAndError_AnswerCompactJsonWithContentLength()
    {
        // Headers first, body not read yet: the length is the server's Content-Length header, not the client's count.
        async Task<HttpResponseMessage> PostAsync(Dictionary<string, string> form)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token") { Content = new FormUrlEncodedContent(form) };
            return await _factory.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        }
        using var issued = await PostAsync(_client.Form(scope: "read:things"));
        var wrong = _client.Form();
        wrong["client_secret"] = "wrong";
        using var refused = await PostAsync(wrong);
        var issuedLength = issued.Content.Headers.ContentLength;
        var refusedLength = refused.Content.Headers.ContentLength;

        // One write with its length (no chunked framing), the same compact JSON Results.Json wrote.
        var issuedText = await issued.Content.ReadAsStringAsync();
        Assert.Equal("application/json; charset=utf-8", issued.Content.Headers.ContentType!.ToString());
        Assert.Equal(Encoding.UTF8.GetByteCount(issuedText), issuedLength);
        var token = (string)JsonNode.Parse(issuedText)!["access_token"]!;
        Assert.Equal($$"""{"access_token":"{{token}}","token_type":"Bearer","expires_in":3600,"scope":"read:things"}""", issuedText);
        var refusedText = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(Encoding.UTF8.GetByteCount(refusedText), refusedLength);
        Assert.Equal("""{"error":"invalid_client","error_description":"Unauthorized"}""", refusedText);
    }

    [Fact]
    public async Task Token_JsonBody_IssuesToken()
    {
        var response = await _factory.PostTokenJsonAsync(_client.Form());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await IdentityServerFactory.ReadObjectAsync(response);
        var (_, payload) = await _factory.VerifyWithJwksAsync((string)body["access_token"]!);
        Assert.Equal(IdentityServerFactory.Audience, (string?)payload["aud"]);
    }

    [Fact]
    public async Task Token_BasicAuthentication_IssuesToken()
    {
        var http = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["audience"] = IdentityServerFactory.Audience,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_client.ClientId}:{_client.ClientSecret}")));

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await IdentityServerFactory.ReadObjectAsync(response);
        var (_, payload) = await _factory.VerifyWithJwksAsync((string)body["access_token"]!);
        Assert.Equal(_client.ClientId, (string?)payload["azp"]);
    }

    [Fact]
    public async Task Token_BasicWithWrongSecret_Answers401WithChallenge()
    {
        var http = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = JsonContent.Create(new { grant_type = "client_credentials", audience = IdentityServerFactory.Audience }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_client.ClientId}:wrong")));

        var response = await http.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", "Unauthorized");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task Token_WrongSecret_Answers401InvalidClient()
    {
        var form = _client.Form();
        form["client_secret"] = _client.ClientSecret[..^1] + (_client.ClientSecret[^1] == 'a' ? 'b' : 'a');

        await AssertErrorAsync(await _factory.PostTokenFormAsync(form), HttpStatusCode.Unauthorized, "invalid_client", "Unauthorized");
    }

    [Fact]
    public async Task Token_UnknownClient_Answers401InvalidClient()
    {
        var form = _client.Form();
        form["client_id"] = "NoSuchClientNoSuchClientNoSuchCl";

        await AssertErrorAsync(await _factory.PostTokenFormAsync(form), HttpStatusCode.Unauthorized, "invalid_client", "Unauthorized");
    }

    [Fact]
    public async Task Token_UnknownAudience_Answers403ServiceNotEnabled()
    {
        var form = _client.Form();
        form["audience"] = "https://unknown.example.com/";

        await AssertErrorAsync(await _factory.PostTokenFormAsync(form), HttpStatusCode.Forbidden, "access_denied",
            "Service not enabled within domain: https://unknown.example.com/");
    }

    [Fact]
    public async Task Token_NoGrantForAudience_Answers403ClientGrantNeeded()
    {
        await _factory.Apis.CreateAsync(new("https://other.example.com/", "Other API"));
        var form = _client.Form();
        form["audience"] = "https://other.example.com/";

        await AssertErrorAsync(await _factory.PostTokenFormAsync(form), HttpStatusCode.Forbidden, "access_denied",
            "Client is not authorized to access \"https://other.example.com/\". You need to create a \"client-grant\" associated to this API.");
    }

    [Fact]
    public async Task Token_ScopeParameter_NarrowsToRequestedSubset()
    {
        var response = await _factory.PostTokenFormAsync(_client.Form(scope: "write:things"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await IdentityServerFactory.ReadObjectAsync(response);
        Assert.Equal("write:things", (string?)body["scope"]);
        var (_, payload) = await _factory.VerifyWithJwksAsync((string)body["access_token"]!);
        Assert.Equal("write:things", (string?)payload["scope"]);
    }

    [Fact]
    public async Task Token_ScopeNotGranted_Answers403NamingIt()
    {
        var response = await _factory.PostTokenFormAsync(_client.Form(scope: "read:things delete:things"));

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "access_denied", "Client has not been granted scopes: delete:things");
    }

    [Fact]
    public async Task Token_UnsupportedGrantType_Answers403()
    {
        var form = _client.Form();
        form["grant_type"] = "password";

        await AssertErrorAsync(await _factory.PostTokenFormAsync(form), HttpStatusCode.Forbidden, "unsupported_grant_type", "Unsupported grant type: password");
    }

    [Theory]
    [InlineData("{\"grant_type\": ", "application/json", "The body is not valid JSON.")]
    [InlineData("[1, 2]", "application/json", "The JSON body must be an object.")]
    [InlineData("{\"grant_type\": \"client_credentials\", \"audience\": 42}", "application/json", "Parameter audience must be a string.")]
    [InlineData("grant_type=client_credentials", "text/plain", "Unsupported Content-Type text/plain; use application/json or application/x-www-form-urlencoded.")]
    [InlineData("{}", "application/json", "Missing required parameter: grant_type")]
    [InlineData("grant_type=client_credentials&client_secret=x&audience=a", "application/x-www-form-urlencoded", "Missing required parameter: client_id")]
    [InlineData("grant_type=client_credentials&client_id=x&audience=a", "application/x-www-form-urlencoded", "Missing required parameter: client_secret")]
    [InlineData("grant_type=client_credentials&client_id=x&client_secret=y", "application/x-www-form-urlencoded", "Missing required parameter: audience")]
    [InlineData("grant_type=client_credentials&grant_type=password", "application/x-www-form-urlencoded", "Parameter grant_type was given more than once.")]
    public async Task Token_MalformedBody_Answers400InvalidRequest(string body, string contentType, string description)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        var response = await _factory.CreateClient().PostAsync("/oauth/token", content);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", description);
    }

    [Fact]
    public async Task Token_NoContentType_Answers400InvalidRequest()
    {
        using var content = new ByteArrayContent([]);

        var response = await _factory.CreateClient().PostAsync("/oauth/token", content);

        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("Content-Type", (string?)body["error_description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jwks_PublishesOneRs256Key()
    {
        var jwks = JsonNode.Parse(await _factory.CreateClient().GetStringAsync("/.well-known/jwks.json"))!;

        var key = Assert.Single(jwks["keys"]!.AsArray())!;
        Assert.Equal("RSA", (string?)key["kty"]);
        Assert.Equal("RS256", (string?)key["alg"]);
        Assert.Equal("sig", (string?)key["use"]);
        Assert.False(string.IsNullOrEmpty((string?)key["kid"]));
        Assert.Null(key["d"]);
    }

    [Fact]
    public async Task OpenIdConfiguration_NamesIssuerJwksAndTokenEndpoint()
    {
        var config = JsonNode.Parse(await _factory.CreateClient().GetStringAsync("/.well-known/openid-configuration"))!;

        Assert.Equal(IdentityServerFactory.Issuer, (string?)config["issuer"]);
        Assert.Equal(IdentityServerFactory.Issuer + ".well-known/jwks.json", (string?)config["jwks_uri"]);
        Assert.Equal(IdentityServerFactory.Issuer + "oauth/token", (string?)config["token_endpoint"]);
        Assert.Contains("client_credentials", config["grant_types_supported"]!.AsArray().Select(g => (string?)g));
    }

    internal static async Task<JsonObject> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error, string? description = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var body = await IdentityServerFactory.ReadObjectAsync(response);
        Assert.Equal(error, (string?)body["error"]);
        if (description is not null)
            Assert.Equal(description, (string?)body["error_description"]);
        Assert.Null(body["access_token"]);
        return body;
    }
}
