using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace HooksDashboard.Tests.Management;

/// <summary>Requests with JSON bodies and the answers as JSON, against one app per test class.</summary>
public abstract class ManagementApiTestBase : IClassFixture<ManagementApiFixture>
{
    protected const string Script = "module.exports = function (client, scope, audience, context, cb) { cb(null, { scope: scope }); };";
    private static int _counter;

    protected ManagementApiTestBase(ManagementApiFixture app) => App = app;

    protected ManagementApiFixture App { get; }

    protected static string UniqueName(string prefix = "Hook") => $"{prefix} {Interlocked.Increment(ref _counter)} {Guid.NewGuid().ToString("N")[..6]}";

    protected async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? json = null, string? token = null)
    {
        using var client = App.ApiClient(token);
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    protected async Task<JsonObject> CreateHookAsync(string? name = null, string trigger = "credentials-exchange", bool? enabled = null)
    {
        var body = new JsonObject { ["name"] = name ?? UniqueName(), ["script"] = Script, ["triggerId"] = trigger };
        if (enabled is not null)
            body["enabled"] = enabled;
        var (status, created) = await SendAsync(HttpMethod.Post, "/api/v2/hooks", body.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, status);
        return created!.AsObject();
    }

    protected static void AssertError(JsonNode? body, int status, string? errorCode, string? messageContains = null)
    {
        Assert.NotNull(body);
        Assert.Equal(status, (int)body["statusCode"]!);
        Assert.False(string.IsNullOrEmpty((string?)body["error"]));
        Assert.Equal(errorCode, (string?)body["errorCode"]);
        if (messageContains is not null)
            Assert.Contains(messageContains, (string)body["message"]!, StringComparison.Ordinal);
    }
}
