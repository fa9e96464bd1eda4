using System.Net;
using System.Net.Http.Json;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Tests.Users;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Runtime;

/// <summary>CORS on /dbconnections/*: browsers on an application's allowed web origins may call, others get no CORS headers.</summary>
public sealed class DbConnectionsCorsTests : IAsyncLifetime
{
    private const string ShopOrigin = "https://shop.example.com";
    private const string BlogOrigin = "https://blog.example.com";

    private UsersTestHost _host = null!;
    private string _clientId = "";

    private IApplicationStore Applications => _host.App.Services.GetRequiredService<IApplicationStore>();

    public async Task InitializeAsync()
    {
        _host = UsersTestHost.Create();
        _clientId = await _host.App.ClientIdAsync();
        await Applications.UpdateAsync(_clientId, new ApplicationUpdate(WebOrigins: [ShopOrigin, "https://*.shop.example.com"]));
        // Another application allows the blog: enough for a preflight, not for this client id.
        await Applications.CreateAsync(new NewApplication("Blog", WebOrigins: [BlogOrigin]));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<HttpResponseMessage> PreflightAsync(string path, string origin, string method = "POST")
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "auth0-client,content-type");
        return await _host.Client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string? origin, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (origin is not null)
            request.Headers.Add("Origin", origin);
        return await _host.Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> SignUpAsync(string? origin, string email, string password = UsersAppFactory.StrongPassword) =>
        PostAsync("/dbconnections/signup", origin, new { client_id = _clientId, connection = UsersAppFactory.Connection, email, password });

    private static string? AllowOrigin(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? string.Join(",", values) : null;

    private static bool HasCorsHeaders(HttpResponseMessage response) =>
        response.Headers.Any(h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));

    [Theory]
    [InlineData("/dbconnections/signup", ShopOrigin)]
    [InlineData("/dbconnections/change_password", ShopOrigin)]
    [InlineData("/dbconnections/signup", "https://eu.shop.example.com")]
    [InlineData("/dbconnections/signup", BlogOrigin)]
    public async Task Preflight_OriginAllowedForSomeApplication_AllowsPostWithAuth0Headers(string path, string origin)
    {
        var response = await PreflightAsync(path, origin);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(origin, AllowOrigin(response));
        Assert.Equal("POST", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")));
        var allowedHeaders = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers"));
        Assert.Contains("Content-Type", allowedHeaders, StringComparison.Ordinal);
        Assert.Contains("Auth0-Client", allowedHeaders, StringComparison.Ordinal);
        Assert.Equal("7200", string.Join(",", response.Headers.GetValues("Access-Control-Max-Age")));
        Assert.Contains("Origin", response.Headers.Vary);
    }

    [Theory]
    [InlineData("https://evil.example.net", "POST")]
    [InlineData("https://a.b.shop.example.com", "POST")]
    [InlineData("http://shop.example.com", "POST")]
    [InlineData("null", "POST")]
    [InlineData(ShopOrigin, "PUT")]
    public async Task Preflight_OriginOrMethodNotAllowed_AnswersWithoutCorsHeaders(string origin, string method)
    {
        var response = await PreflightAsync("/dbconnections/signup", origin, method);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(HasCorsHeaders(response));
    }

    [Fact]
    public async Task SignUp_AllowedOrigin_AnswersWithAllowOriginAndVary()
    {
        var response = await SignUpAsync(ShopOrigin, "ann@example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ShopOrigin, AllowOrigin(response));
        Assert.Contains("Origin", response.Headers.Vary);
    }

    [Fact]
    public async Task SignUp_AllowedOriginWeakPassword_ErrorIsReadableByThePage()
    {
        var response = await SignUpAsync("https://eu.shop.example.com", "weak@example.com", "weak");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("https://eu.shop.example.com", AllowOrigin(response));
        Assert.Contains("invalid_password", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignUp_WrongOrigin_NoCorsHeadersButSameBehaviour()
    {
        var response = await SignUpAsync("https://evil.example.net", "bob@example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(HasCorsHeaders(response));
        var id = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["_id"]!.GetValue<string>();
        Assert.Equal("bob@example.com", (await _host.App.Users.GetAsync("auth0|" + id))!.Email);
    }

    [Fact]
    public async Task SignUp_OriginAllowedOnlyForAnotherApplication_NoCorsHeaders()
    {
        var response = await SignUpAsync(BlogOrigin, "carol@example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(HasCorsHeaders(response));
    }

    [Fact]
    public async Task SignUp_UnknownClient_NoCorsHeaders()
    {
        var response = await PostAsync("/dbconnections/signup", ShopOrigin,
            new { client_id = "nobody", connection = UsersAppFactory.Connection, email = "dan@example.com", password = UsersAppFactory.StrongPassword });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(HasCorsHeaders(response));
    }

    [Fact]
    public async Task SignUp_NoOrigin_AnswersAsBeforeWithoutCorsHeaders()
    {
        var response = await SignUpAsync(origin: null, "erin@example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(HasCorsHeaders(response));
        Assert.Empty(response.Headers.Vary);
    }

    [Fact]
    public async Task ChangePassword_AllowedOrigin_AnswersWithAllowOrigin()
    {
        var response = await PostAsync("/dbconnections/change_password", ShopOrigin,
            new { client_id = _clientId, connection = UsersAppFactory.Connection, email = "nobody@example.com" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ShopOrigin, AllowOrigin(response));
    }

    [Fact]
    public async Task ChangePassword_OriginOfAnotherApplication_NoCorsHeaders()
    {
        var response = await PostAsync("/dbconnections/change_password", BlogOrigin,
            new { client_id = _clientId, connection = UsersAppFactory.Connection, email = "nobody@example.com" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(HasCorsHeaders(response));
    }
}
