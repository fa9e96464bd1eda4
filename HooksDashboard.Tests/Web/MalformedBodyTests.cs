using System.Text;
using HooksDashboard.Hooks;
using HooksDashboard.Tests.Management;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Web;

/// <summary>
/// The malformed bodies of issue 9 item 2, each once per endpoint that takes a body: every one is a 4xx in the
/// endpoint's Auth0 error shape, never a 500 (System.Text.Json parses these lazily and threw later).
/// </summary>
public sealed class MalformedBodyTests(ManagementApiFixture app) : IClassFixture<ManagementApiFixture>
{
    private static readonly string[] RuntimePaths = ["/oauth/token", "/dbconnections/signup", "/dbconnections/change_password"];

    /// <summary>Invalid UTF-8 in a string, lone surrogate escapes, a repeated property.</summary>
    public static TheoryData<string, string> JsonCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in RuntimePaths)
        {
            data.Add(path, "invalid-utf8");
            data.Add(path, "lone-surrogates");
            data.Add(path, "duplicate-key");
            data.Add(path, "nested-lone-surrogate");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(JsonCases))]
    public async Task RuntimeEndpoint_MalformedJson_AnswersAuth0Shaped400(string path, string kind)
    {
        var body = kind switch
        {
            "invalid-utf8" => Bytes("{\"client_id\":\"a", 0xFF, 0xFE, "\",\"grant_type\":\"client_credentials\",\"email\":\"x@example.com\"}"),
            "lone-surrogates" => Encoding.ASCII.GetBytes("{\"client_id\":\"\\udfff\\ud800\",\"grant_type\":\"client_credentials\",\"email\":\"x@example.com\"}"),
            "duplicate-key" => Encoding.ASCII.GetBytes("{\"client_id\":\"a\",\"client_id\":\"b\",\"grant_type\":\"client_credentials\",\"email\":\"x@example.com\"}"),
            _ => Encoding.ASCII.GetBytes("{\"client_id\":\"a\",\"email\":\"x@example.com\",\"user_metadata\":{\"\\ud800\":\"x\"},\"grant_type\":\"client_credentials\"}"),
        };

        var (status, text) = await SendAsync(HttpMethod.Post, path, body, "application/json");

        Assert.Equal(400, status);
        ApiErrorShapes.AssertShape(path, status, text);
    }

    [Theory]
    [InlineData("/api/v2/hooks", "POST", "{\"name\":\"a\u00ff\",\"script\":\"x\",\"triggerId\":\"credentials-exchange\"}")]
    [InlineData("/api/v2/hooks/{id}", "PATCH", "{\"name\":\"b\u00ff\"}")]
    [InlineData("/api/v2/hooks/{id}/secrets", "POST", "{\"A\":\"\u00ff\"}")]
    [InlineData("/api/v2/hooks/{id}/secrets", "PATCH", "{\"A\":\"\u00ff\"}")]
    [InlineData("/api/v2/hooks/{id}/secrets", "DELETE", "[\"\u00ff\"]")]
    public async Task ManagementEndpoint_InvalidUtf8InString_Answers400InvalidBody(string path, string method, string template)
    {
        // U+00FF in the template marks where a raw 0xFF byte (never valid UTF-8) goes.
        var parts = template.Split('\u00ff');
        var body = Bytes(parts[0], 0xFF, parts[1]);

        var (status, text) = await SendAsync(new HttpMethod(method), await PathAsync(path), body, "application/json");

        Assert.Equal(400, status);
        ApiErrorShapes.AssertShape(path, status, text);
        Assert.Contains("invalid_body", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v2/hooks", "POST", "{\"name\":\"\\udfff\\ud800\",\"script\":\"x\",\"triggerId\":\"credentials-exchange\"}")]
    [InlineData("/api/v2/hooks/{id}", "PATCH", "{\"\\ud800\":true}")]
    [InlineData("/api/v2/hooks/{id}/secrets", "POST", "{\"A\":\"\\ud800\"}")]
    [InlineData("/api/v2/hooks/{id}/secrets", "DELETE", "[\"\\udfff\"]")]
    [InlineData("/api/v2/hooks/{id}/secrets", "POST", "{\"A\":\"1\",\"A\":\"2\"}")]
    [InlineData("/api/v2/hooks/{id}", "PATCH", "{\"enabled\":true,\"enabled\":false}")]
    public async Task ManagementEndpoint_LoneSurrogateOrDuplicateKey_Answers400InvalidBody(string path, string method, string body)
    {
        var (status, text) = await SendAsync(new HttpMethod(method), await PathAsync(path), Encoding.ASCII.GetBytes(body), "application/json");

        Assert.Equal(400, status);
        ApiErrorShapes.AssertShape(path, status, text);
        Assert.Contains("invalid_body", text, StringComparison.Ordinal);
    }

    /// <summary>Malformed forms on the database-connection endpoints.</summary>
    public static TheoryData<string, string> FormCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in new[] { "/dbconnections/signup", "/dbconnections/change_password" })
        {
            foreach (var kind in new[] { "no-boundary", "wrong-boundary", "long-boundary", "truncated", "too-many-fields", "huge-value", "repeated-field" })
                data.Add(path, kind);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FormCases))]
    public async Task DbConnections_MalformedForm_AnswersAuth0Shaped4xx(string path, string kind)
    {
        const string part = "--b1\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nx@example.com\r\n";
        var longBoundary = new string('b', 500);
        var (body, contentType) = kind switch
        {
            "no-boundary" => (part + "--b1--\r\n", "multipart/form-data"),
            "wrong-boundary" => (part + "--b1--\r\n", "multipart/form-data; boundary=other"),
            "long-boundary" => ($"--{longBoundary}\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nx\r\n--{longBoundary}--\r\n", $"multipart/form-data; boundary={longBoundary}"),
            "truncated" => (part + "--b1\r\nContent-Disposition: form-data; name=\"client_id\"\r\n\r\nab", "multipart/form-data; boundary=b1"),
            "too-many-fields" => (string.Join('&', Enumerable.Range(0, 1100).Select(i => $"f{i}=v")), "application/x-www-form-urlencoded"),
            "huge-value" => ("email=" + new string('a', 4 * 1024 * 1024 + 10), "application/x-www-form-urlencoded"),
            _ => ("client_id=a&client_id=b&email=x%40example.com", "application/x-www-form-urlencoded"),
        };

        var (status, text) = await SendAsync(HttpMethod.Post, path, Encoding.ASCII.GetBytes(body), contentType);

        Assert.InRange(status, 400, 499);
        ApiErrorShapes.AssertShape(path, status, text);
    }

    [Fact]
    public async Task Signup_FormMetadataWithLoneSurrogate_Answers400InvalidBody()
    {
        var form = "client_id=a&connection=Username-Password-Authentication&email=x%40example.com&password=Aa1!aaaaaa&user_metadata=" +
            Uri.EscapeDataString("{\"a\":\"\\ud800\"}");

        var (status, text) = await SendAsync(HttpMethod.Post, "/dbconnections/signup", Encoding.ASCII.GetBytes(form), "application/x-www-form-urlencoded");

        Assert.Equal(400, status);
        ApiErrorShapes.AssertShape("/dbconnections/signup", status, text);
    }

    private async Task<string> PathAsync(string template)
    {
        if (!template.Contains("{id}", StringComparison.Ordinal))
            return template;
        var store = app.Services.GetRequiredService<IHookStore>();
        var hook = await store.CreateAsync(new NewHook($"Malformed {Guid.NewGuid():N}"[..30], "credentials-exchange", "module.exports = function (c, s, a, x, cb) { cb(null, {}); };", Enabled: false));
        await store.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["A"] = "value" });
        return template.Replace("{id}", hook.Id, StringComparison.Ordinal);
    }

    private async Task<(int Status, string Text)> SendAsync(HttpMethod method, string path, byte[] body, string contentType)
    {
        using var client = app.ApiClient();
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (path.StartsWith("/oauth", StringComparison.Ordinal) || path.StartsWith("/dbconnections", StringComparison.Ordinal))
            request.Headers.Authorization = null;
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static byte[] Bytes(string before, byte bad, string after) =>
        [.. Encoding.ASCII.GetBytes(before), bad, .. Encoding.ASCII.GetBytes(after)];

    private static byte[] Bytes(string before, byte bad1, byte bad2, string after) =>
        [.. Encoding.ASCII.GetBytes(before), bad1, bad2, .. Encoding.ASCII.GetBytes(after)];
}
