using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Audit;
using HooksDashboard.Logs;
using HooksDashboard.Hooks;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Management;

/// <summary>The Management API with tokens from this server's own <c>POST /oauth/token</c>, and the first-start application.</summary>
public sealed class ManagementTokensTests : IClassFixture<ManagementTokensTests.BootstrapApp>
{
    public const string ClientId = "bootstrap-client";
    public const string ClientSecret = "bootstrap-secret-at-least-32-characters";

    private readonly BootstrapApp _app;

    public ManagementTokensTests(BootstrapApp app) => _app = app;

    /// <summary>The app with a configured management application (no test trust: the real issuer's tokens).</summary>
    public sealed class BootstrapApp : AppFactory
    {
        public BootstrapApp()
        {
            Settings["Bootstrap:ClientId"] = ClientId;
            Settings["Bootstrap:ClientSecret"] = ClientSecret;
        }
    }

    private static async Task<JsonNode> TokenAsync(HttpClient client, string clientId, string secret, string audience)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/oauth/token", UriKind.Relative),
            new { grant_type = "client_credentials", client_id = clientId, client_secret = secret, audience });
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task ConfiguredApplication_GetsTokenWithEveryScope_AndManagesHooks()
    {
        using var client = _app.CreateClient();
        var token = await TokenAsync(client, ClientId, ClientSecret, "http://localhost/api/v2/");
        Assert.Contains("create:hooks", (string)token["scope"]!, StringComparison.Ordinal);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)token["access_token"]!);

        using var created = await client.PostAsJsonAsync(new Uri("/api/v2/hooks", UriKind.Relative),
            new { name = "Real token hook", script = "module.exports = function (c, s, a, ctx, cb) { cb(null, {}); };", triggerId = "credentials-exchange" });
        using var listed = await client.GetAsync(new Uri("/api/v2/hooks", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        var history = await _app.Services.GetRequiredService<IHookAuditLog>().ListForHookAsync(id);
        Assert.Equal(ActorKind.Application, history.Single().ActorKind);
        Assert.Equal(ClientId, history.Single().Actor);
        Assert.DoesNotContain(ClientSecret, _app.ConsoleOutput.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TamperedToken_401()
    {
        using var client = _app.CreateClient();
        var token = await TokenAsync(client, ClientId, ClientSecret, "http://localhost/api/v2/");
        // A real token with its signature altered.
        var parts = ((string)token["access_token"]!).Split('.');
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", parts[0] + "." + parts[1] + "." + parts[2][..^4] + "AAAA");

        using var response = await client.GetAsync(new Uri("/api/v2/hooks", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Logs_NewestRecordsOfTheHook()
    {
        using var client = _app.CreateClient();
        var token = await TokenAsync(client, ClientId, ClientSecret, "http://localhost/api/v2/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)token["access_token"]!);
        using var created = await client.PostAsJsonAsync(new Uri("/api/v2/hooks", UriKind.Relative),
            new { name = "Logged hook", script = "module.exports = function (u, ctx, cb) { console.log('hello from the hook'); cb(); };", triggerId = "post-change-password", enabled = true });
        var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        var payload = JsonNode.Parse(_app.Services.GetRequiredService<HooksDashboard.Catalog.IHookCatalog>().Find("post-change-password")!.SamplePayload)!;
        await _app.Services.GetRequiredService<IHookRunner>().RunEnabledAsync("post-change-password", payload);
        await _app.Services.GetRequiredService<IExecutionLog>().FlushAsync();

        using var response = await client.GetAsync(new Uri($"/api/v2/hooks/{id}/logs", UriKind.Relative));
        using var unknown = await client.GetAsync(new Uri("/api/v2/hooks/01GQN0P01XY4VE0PCK7H20QZ4M/logs", UriKind.Relative));
        using var badQuery = await client.GetAsync(new Uri($"/api/v2/hooks/{id}/logs?per_page=0", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Single()!;
        foreach (var field in new[] { "id", "date", "hookId", "triggerId", "source", "outcome", "durationMs", "logs", "error" })
            Assert.True(record.AsObject().ContainsKey(field), $"missing {field}");
        Assert.Equal(id, (string)record["hookId"]!);
        Assert.Equal("success", (string)record["outcome"]!);
        Assert.Contains("hello from the hook", record["logs"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
    }
}

public sealed class ManagementBootstrapTests
{
    [Fact]
    public async Task FirstStart_NoConfiguration_CreatesGrantedApplicationPrintedOnce()
    {
        using var app = new AppFactory();
        using var client = app.CreateClient();

        var printed = app.ConsoleOutput.ToString();
        var id = System.Text.RegularExpressions.Regex.Match(printed, @"Client ID: (\S+)").Groups[1].Value;
        var secret = System.Text.RegularExpressions.Regex.Match(printed, @"Client secret: (\S+)").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(secret), printed);
        using var response = await client.PostAsJsonAsync(new Uri("/oauth/token", UriKind.Relative),
            new { grant_type = "client_credentials", client_id = id, client_secret = secret, audience = "http://localhost/api/v2/" });
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["create:hooks", "delete:hooks", "read:hooks", "update:hooks"],
            ((string)token["scope"]!).Split(' ').Where(s => s.EndsWith(":hooks", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(1, CountOccurrences(printed, secret));
    }

    private static int CountOccurrences(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
