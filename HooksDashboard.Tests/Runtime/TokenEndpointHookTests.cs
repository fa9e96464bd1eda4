using System.Net;
using System.Text.Json.Nodes;
using HooksDashboard.Identity.Tokens;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Runtime;

/// <summary>/oauth/token with an enabled credentials-exchange hook, run by the real executor.</summary>
public sealed class TokenEndpointHookTests : IAsyncLifetime
{
    private IdentityServerFactory _factory = null!;
    private IdentityServerFactory.Client _client = null!;

    public async Task InitializeAsync()
    {
        // A short wall-time limit so the timeout case ends quickly.
        _factory = IdentityServerFactory.Create(settings: new() { ["Execution:Defaults:TimeoutMs"] = "500" });
        _client = await _factory.SeedAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<JsonObject> TokenPayloadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await IdentityServerFactory.ReadObjectAsync(response);
        return (await _factory.VerifyWithJwksAsync((string)body["access_token"]!)).Payload;
    }

    [Fact]
    public async Task Token_HookReceivesClientScopeAndAudience()
    {
        await _factory.AddHookAsync("""
            module.exports = function (client, scope, audience, context, cb) {
              cb(null, { scope: scope, 'https://test.example.com/input': { client: client, scope: scope, audience: audience, contextKeys: Object.keys(context) } });
            };
            """);

        var payload = await TokenPayloadAsync(await _factory.PostTokenFormAsync(_client.Form(scope: "read:things")));

        var input = payload["https://test.example.com/input"]!;
        Assert.Equal(_client.ClientId, (string?)input["client"]!["id"]);
        Assert.Equal("Billing service", (string?)input["client"]!["name"]);
        Assert.Equal("hooksdashboard", (string?)input["client"]!["tenant"]);
        Assert.Equal("full", (string?)input["client"]!["metadata"]!["plan"]);
        Assert.Equal(["read:things"], input["scope"]!.AsArray().Select(s => (string?)s));
        Assert.Equal(IdentityServerFactory.Audience, (string?)input["audience"]);
        Assert.Equal(["webtask"], input["contextKeys"]!.AsArray().Select(s => (string?)s));
    }

    [Fact]
    public async Task Token_HookAddsNamespacedClaims_DropsReservedAndPlainOnes()
    {
        await _factory.AddHookAsync("""
            module.exports = function (client, scope, audience, context, cb) {
              cb(null, {
                scope: scope,
                'https://example.com/plan': client.metadata.plan,
                'http://example.org/count': 3,
                'https://tenant.auth0.com/role': 'admin',
                'https://x.webtask.io/y': 'no',
                plan: 'plain',
                iss: 'https://evil.example.com/',
                sub: 'someone-else',
                gty: 'password'
              });
            };
            """);

        var payload = await TokenPayloadAsync(await _factory.PostTokenFormAsync(_client.Form()));

        Assert.Equal("full", (string?)payload["https://example.com/plan"]);
        Assert.Equal(3, (int)payload["http://example.org/count"]!);
        Assert.Null(payload["https://tenant.auth0.com/role"]);
        Assert.Null(payload["https://x.webtask.io/y"]);
        Assert.Null(payload["plan"]);
        Assert.Equal(IdentityServerFactory.Issuer, (string?)payload["iss"]);
        Assert.Equal($"{_client.ClientId}@clients", (string?)payload["sub"]);
        Assert.Equal("client-credentials", (string?)payload["gty"]);
    }

    [Fact]
    public async Task Token_HookReplacesScope()
    {
        await _factory.AddHookAsync("""
            module.exports = function (client, scope, audience, context, cb) {
              cb(null, { scope: ['read:things', 'extra:scope'] });
            };
            """);

        var response = await _factory.PostTokenFormAsync(_client.Form());
        var body = await IdentityServerFactory.ReadObjectAsync(response);
        var payload = (await _factory.VerifyWithJwksAsync((string)body["access_token"]!)).Payload;

        Assert.Equal("read:things extra:scope", (string?)body["scope"]);
        Assert.Equal("read:things extra:scope", (string?)payload["scope"]);
    }

    [Fact]
    public async Task Token_HookWithoutScopeInResult_IssuesTokenWithoutScope()
    {
        await _factory.AddHookAsync("""
            module.exports = function (client, scope, audience, context, cb) {
              cb(null, { 'https://example.com/tag': 'x' });
            };
            """);

        var response = await _factory.PostTokenFormAsync(_client.Form());
        var body = await IdentityServerFactory.ReadObjectAsync(response);
        var payload = (await _factory.VerifyWithJwksAsync((string)body["access_token"]!)).Payload;

        Assert.Null(body["scope"]);
        Assert.Null(payload["scope"]);
        Assert.Equal("x", (string?)payload["https://example.com/tag"]);
    }

    [Fact]
    public async Task Token_StarterTemplate_IssuesGrantedScopes()
    {
        await _factory.AddHookAsync(new HooksDashboard.Catalog.Points.CredentialsExchangePoint().Template);

        var payload = await TokenPayloadAsync(await _factory.PostTokenFormAsync(_client.Form()));

        Assert.Equal("read:things write:things", (string?)payload["scope"]);
    }

    [Theory]
    [InlineData("cb(new InvalidScopeError('write:things is not for you'))", HttpStatusCode.BadRequest, "invalid_scope", "write:things is not for you")]
    [InlineData("cb(new InvalidRequestError('missing context'))", HttpStatusCode.BadRequest, "invalid_request", "missing context")]
    [InlineData("cb(new ServerError('backend down'))", HttpStatusCode.InternalServerError, "server_error", "backend down")]
    [InlineData("cb(new Error('plain failure'))", HttpStatusCode.InternalServerError, "server_error", "plain failure")]
    public async Task Token_HookDenies_MapsErrorClassToOAuthError(string call, HttpStatusCode status, string error, string description)
    {
        await _factory.AddHookAsync($"module.exports = function (client, scope, audience, context, cb) {{ {call}; }};");

        await TokenEndpointTests.AssertErrorAsync(await _factory.PostTokenFormAsync(_client.Form()), status, error, description);
    }

    [Fact]
    public async Task Token_AsyncHookRejectsWithInvalidScopeError_Answers400InvalidScope()
    {
        await _factory.AddHookAsync("""
            module.exports = async function (client, scope, audience, context) {
              throw new InvalidScopeError('async says no');
            };
            """);

        await TokenEndpointTests.AssertErrorAsync(await _factory.PostTokenFormAsync(_client.Form()),
            HttpStatusCode.BadRequest, "invalid_scope", "async says no");
    }

    [Theory]
    [InlineData("module.exports = function (client, scope, audience, context, cb) { /* never calls cb */ };")]
    [InlineData("module.exports = function (client, scope, audience, context, cb) { null.secretInternals(); };")]
    [InlineData("module.exports = function (client, scope, audience, context, cb) { cb(null, { ")]
    [InlineData("module.exports = function (client, scope, audience, context, cb) { function f() { f(); } f(); };")]
    public async Task Token_HookTimesOutOrCrashes_Answers500WithoutInternals(string script)
    {
        await _factory.AddHookAsync(script);

        var body = await TokenEndpointTests.AssertErrorAsync(await _factory.PostTokenFormAsync(_client.Form()),
            HttpStatusCode.InternalServerError, "server_error", ClientCredentialsExchange.HookFailedDescription);

        Assert.Equal(["error", "error_description"], body.Select(p => p.Key).Order());
    }

    [Fact]
    public async Task Token_ManagementApiAudience_SkipsTheHookThatDeniesOtherAudiences()
    {
        await _factory.AddHookAsync("module.exports = function (client, scope, audience, context, cb) { cb(new InvalidRequestError('no tokens today')); };");
        var management = await _factory.Apis.FindByIdentifierAsync(IdentityServerFactory.Issuer + "api/v2/");
        await _factory.Grants.CreateAsync(_client.ClientId, management!.Id, ["read:hooks"]);
        var form = _client.Form();
        form["audience"] = management.Identifier;

        await TokenEndpointTests.AssertErrorAsync(await _factory.PostTokenFormAsync(_client.Form()), HttpStatusCode.BadRequest, "invalid_request", "no tokens today");
        var payload = await TokenPayloadAsync(await _factory.PostTokenFormAsync(form));

        Assert.Equal(management.Identifier, (string?)payload["aud"]);
        Assert.Equal("read:hooks", (string?)payload["scope"]);
    }
}
