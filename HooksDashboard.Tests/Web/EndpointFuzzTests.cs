using System.Text;
using HooksDashboard.Hooks;
using HooksDashboard.Management;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HooksDashboard.Tests.Web;

/// <summary>
/// Seeded, bounded fuzzing of every anonymous endpoint and every Management API endpoint (with a valid token) on a
/// real Kestrel server: mutated bodies (bytes, encodings, JSON structure), content types, headers and query strings.
/// No answer may be a 5xx or carry a stack trace, and an API's refusals keep its Auth0 error shape. The seed makes a
/// failure reproducible; the failures list names each request.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes them through IAsyncLifetime.DisposeAsync.")]
public sealed class EndpointFuzzTests : IAsyncLifetime
{
    private const int Seed = 20261205;
    private const int MutationsPerEndpoint = 14;

    private readonly TestTokenIssuer _issuer = new();
    private KestrelAppFactory _app = null!;
    private HttpClient _client = null!;
    private string _hookId = null!;

    private sealed record Target(string Method, string Path, bool Management, string? Body, string ContentType = "application/json");

    public async Task InitializeAsync()
    {
        _app = new KestrelAppFactory { ConfigureTestServices = s => s.Replace(ServiceDescriptor.Singleton<IManagementTokenTrust>(_issuer)) };
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(_app.Address) };
        var store = _app.Services.GetRequiredService<IHookStore>();
        var hook = await store.CreateAsync(new NewHook("Fuzz target", "credentials-exchange", "module.exports = function (c, s, a, x, cb) { cb(null, { scope: s }); };", Enabled: true));
        await store.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["API_KEY"] = "fuzz-secret" });
        _hookId = hook.Id;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        _issuer.Dispose();
    }

    private static List<Target> Targets() =>
    [
        new("POST", "/oauth/token", false, """{"grant_type":"client_credentials","client_id":"abc","client_secret":"def","audience":"https://api.example.com/","scope":"read:things"}"""),
        new("GET", "/.well-known/jwks.json", false, null),
        new("GET", "/.well-known/openid-configuration", false, null),
        new("POST", "/dbconnections/signup", false, """{"client_id":"abc","connection":"Username-Password-Authentication","email":"fuzz@example.com","password":"Aa1!aaaaaa","username":"fuzz","user_metadata":{"plan":"free"}}"""),
        new("OPTIONS", "/dbconnections/signup", false, null),
        new("POST", "/dbconnections/change_password", false, """{"client_id":"abc","email":"fuzz@example.com","connection":"Username-Password-Authentication"}"""),
        new("OPTIONS", "/dbconnections/change_password", false, null),
        new("GET", "/reset-password?ticket=abc", false, null),
        new("POST", "/reset-password", false, "ticket=abc&password=Aa1!aaaaaa&confirm=Aa1!aaaaaa&__RequestVerificationToken=x", "application/x-www-form-urlencoded"),
        new("GET", "/account/sign-in", false, null),
        new("POST", "/account/sign-in", false, "_handler=sign-in&Input.Email=a%40example.com&Input.Password=x&__RequestVerificationToken=x", "application/x-www-form-urlencoded"),
        new("POST", "/account/sign-out", false, "returnUrl=%2F", "application/x-www-form-urlencoded"),
        new("GET", "/api/v2/openapi.json", false, null),
        new("GET", "/api/v2/no-such-thing", false, null),
        new("GET", "/api/v2/hooks?page=0&per_page=10&include_totals=true&enabled=true&fields=id,name&triggerId=credentials-exchange", true, null),
        new("POST", "/api/v2/hooks", true, """{"name":"Fuzzed hook","script":"module.exports = function (c, s, a, x, cb) { cb(); };","triggerId":"credentials-exchange","enabled":false,"dependencies":{"lodash":"4.17.21"}}"""),
        new("GET", "/api/v2/hooks/{id}?fields=id,script", true, null),
        new("PATCH", "/api/v2/hooks/{id}", true, """{"name":"Fuzz target","enabled":true,"dependencies":{}}"""),
        new("GET", "/api/v2/hooks/{id}/secrets", true, null),
        new("POST", "/api/v2/hooks/{id}/secrets", true, """{"OTHER":"value"}"""),
        new("PATCH", "/api/v2/hooks/{id}/secrets", true, """{"API_KEY":"changed"}"""),
        new("DELETE", "/api/v2/hooks/{id}/secrets", true, """["OTHER"]"""),
        new("GET", "/api/v2/hooks/{id}/logs?per_page=5", true, null),
        new("GET", "/api/v2/hooks/{id}/versions?page=0&per_page=5&include_totals=true", true, null),
        new("GET", "/api/v2/hooks/{id}/versions/1", true, null),
        new("POST", "/api/v2/hooks/{id}/versions/1/restore", true, """{"message":"Fuzzed restore"}"""),
        new("GET", "/api/v2/users?q=email%3A%22fuzz%40example.com%22%20AND%20(app_metadata.plan%3Agold%20OR%20name%3Ajo*)&search_engine=v3&include_totals=true&sort=email%3A1&fields=user_id,email", true, null),
        new("POST", "/api/v2/users", true, """{"connection":"Username-Password-Authentication","email":"fuzz-api@example.com","password":"Aa1!aaaaaa","user_metadata":{"a":1},"app_metadata":{"plan":"gold"}}"""),
        new("PATCH", "/api/v2/users/auth0%7C000000000000000000000000", true, """{"app_metadata":{"plan":null},"blocked":true,"email":"fuzz2@example.com"}"""),
        new("POST", "/api/v2/clients", true, """{"name":"Fuzz app","app_type":"spa","callbacks":["https://a.example.com/cb"],"client_metadata":{"k":"v"}}"""),
        new("POST", "/api/v2/hooks/import/preview", true, """{"source":"fuzz","hooks":[{"name":"fuzz-import","triggerId":"post-change-password","script":"module.exports = function (u, c, cb) { cb(); };","enabled":true,"dependencies":{},"secrets":{"K":"_VALUE_NOT_SHOWN_"}}],"secrets":{"fuzz-import.K":"v"}}"""),
        new("GET", "/api/v2/hooks/export", true, null),
        // Last: it deletes the hook the others use (later mutations then meet 404s, also worth sending).
        new("DELETE", "/api/v2/hooks/{id}", true, null),
    ];

    [Fact]
    public async Task EveryEndpoint_FuzzedRequests_NeverAnswer5xxAndKeepTheirErrorShape()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        var sent = 0;
        foreach (var target in Targets())
        {
            for (var i = 0; i < MutationsPerEndpoint; i++)
            {
                var (request, description) = Mutate(target, random, i);
                using (request)
                {
                    sent++;
                    using var response = await _client.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    var status = (int)response.StatusCode;
                    var path = request.RequestUri!.AbsolutePath;
                    if (status >= 500)
                        failures.Add($"{status} for {description}: {Truncate(text)}");
                    else if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains(".cs:line", StringComparison.Ordinal))
                        failures.Add($"stack trace for {description}");
                    else if (status >= 400 && IsApi(path) && !HasShape(path, status, text))
                        failures.Add($"{status} without the API's error shape for {description}: {Truncate(text)}");
                }
            }
        }
        Assert.True(sent >= 300, $"only {sent} requests were sent");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} fuzzed requests failed:\n" + string.Join('\n', failures));
    }

    private (HttpRequestMessage Request, string Description) Mutate(Target target, Random random, int round)
    {
        var path = target.Path.Replace("{id}", _hookId, StringComparison.Ordinal);
        var notes = new List<string>();
        if (round > 0 && random.Next(4) == 0)
        {
            path = MutateQuery(path, random, out var note);
            notes.Add(note);
        }
        var request = new HttpRequestMessage(new HttpMethod(target.Method), new Uri(path, UriKind.Relative));

        // Round 0 is the unmutated request: it must work as well as fail gracefully.
        var body = target.Body is null ? null : Encoding.UTF8.GetBytes(target.Body);
        var contentType = target.Body is null ? null : target.ContentType;
        if (round > 0)
        {
            (body, contentType) = MutateBody(body ?? Encoding.UTF8.GetBytes("""{"a":"b"}"""), contentType, target, random, out var note);
            notes.Add(note);
        }
        if (body is not null)
        {
            // Sometimes without a length (chunked transfer encoding).
            request.Content = round > 0 && random.Next(6) == 0 ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
            if (request.Content is StreamContent)
                notes.Add("chunked");
            if (contentType is not null)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (target.Management && (round == 0 || random.Next(8) != 0))
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _issuer.AllScopes());
        if (round > 0)
            notes.Add(MutateHeaders(request, random));
        return (request, $"{target.Method} {path} [{string.Join(", ", notes.Where(n => n.Length > 0))}]");
    }

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16", "application/json; charset=nonsense",
        "text/plain", "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-7", "multipart/form-data",
        "multipart/form-data; boundary=", "multipart/form-data; boundary=\"unterminated", "application/merge-patch+json", ";;;=", "*/*",
    ];

    private static (byte[]? Body, string? ContentType) MutateBody(byte[] body, string? contentType, Target target, Random random, out string note)
    {
        var text = Encoding.UTF8.GetString(body);
        switch (random.Next(17))
        {
            case 0:
                note = "byte flip";
                var flipped = (byte[])body.Clone();
                for (var i = 0; i < 1 + random.Next(3); i++)
                    flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
                return (flipped, contentType);
            case 1:
                note = "invalid UTF-8 in a string";
                return (InsertIntoFirstString(body, random.Next(3) switch { 0 => [0xFF], 1 => [0xC3, 0x28], _ => [0xED, 0xA0, 0x80] }), contentType);
            case 2:
                note = "lone surrogate escapes";
                return (Encoding.UTF8.GetBytes(ReplaceFirstStringValue(text, random.Next(2) == 0 ? "\\udfff\\ud800" : "x\\ud800")), contentType);
            case 3:
                note = "duplicate property";
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                var comma = text.IndexOf(',', StringComparison.Ordinal);
                return (colon > 0 && comma > colon && text.StartsWith('{')
                    ? Encoding.UTF8.GetBytes(string.Concat("{", text.AsSpan(1, comma - 1), ",", text.AsSpan(1)))
                    : Encoding.UTF8.GetBytes("""{"a":"1","a":"2"}"""), contentType);
            case 4:
                note = "truncated";
                return (body[..random.Next(body.Length)], contentType);
            case 5:
                note = "deep nesting";
                return (Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)), contentType);
            case 6:
                note = "wrong types";
                return (Encoding.UTF8.GetBytes(ReplaceFirstStringValue(text, null, random.Next(5) switch
                {
                    0 => "12",
                    1 => "[\"x\",{}]",
                    2 => "{\"nested\":{\"deeper\":null}}",
                    3 => "null",
                    _ => "true",
                })), contentType);
            case 7:
                note = "extreme numbers";
                return (Encoding.UTF8.GetBytes(ReplaceFirstStringValue(text, null, random.Next(3) switch { 0 => "1e999999", 1 => "-0", _ => "123456789012345678901234567890" })), contentType);
            case 8:
                note = "empty body";
                return ([], contentType);
            case 9:
                note = "non-object root";
                return (Encoding.UTF8.GetBytes(random.Next(3) switch { 0 => "[1,2]", 1 => "\"text\"", _ => "null" }), contentType);
            case 10:
                note = "garbage";
                var garbage = new byte[1 + random.Next(200)];
                random.NextBytes(garbage);
                return (garbage, contentType);
            case 11:
                note = "broken form";
                return (Encoding.UTF8.GetBytes(random.Next(3) switch
                {
                    0 => "a=%zz&b=%ff%fe&=&&&c==d&email=%ED%A0%80",
                    1 => string.Join('&', Enumerable.Range(0, 1100).Select(i => $"k{i}=v")),
                    _ => "client_id=a&client_id=b&user_metadata=%7B%22x%22%3A%22%5Cud800%22%7D",
                }), "application/x-www-form-urlencoded");
            case 12:
                note = "broken multipart";
                var boundary = random.Next(3) == 0 ? new string('b', 300) : "fuzz";
                var part = $"--{boundary}\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nx@example.com\r\n";
                return (Encoding.UTF8.GetBytes(random.Next(3) switch
                {
                    0 => part,                               // no closing boundary
                    1 => part + $"--{boundary}--\r\n",        // announced with another boundary below
                    _ => part + $"--{boundary}\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--{boundary}--\r\n",
                }), random.Next(2) == 0 ? $"multipart/form-data; boundary={boundary}" : "multipart/form-data; boundary=other");
            case 13:
                note = "byte order mark";
                return ([0xEF, 0xBB, 0xBF, .. body], contentType);
            case 14:
                note = "NUL and control characters";
                return (Encoding.UTF8.GetBytes(ReplaceFirstStringValue(text, "\\u0000\\u0001\\n\\t")), contentType);
            case 15:
                note = "form as JSON field types";
                return (Encoding.UTF8.GetBytes(target.ContentType == "application/json" ? "client_id=abc&email=x%40example.com&user_metadata=not%20json" : target.Body ?? "x=y"),
                    "application/x-www-form-urlencoded");
            default:
                var type = ContentTypes[random.Next(ContentTypes.Length)];
                note = $"content type {type}";
                return (body, random.Next(5) == 0 ? null : type);
        }
    }

    private static string MutateQuery(string path, Random random, out string note)
    {
        var bad = random.Next(6) switch
        {
            0 => "page=-1&per_page=abc",
            1 => "fields=%ff%fe,%00",
            2 => "include_totals=maybe&include_totals=true",
            3 => "triggerId=%ED%A0%80&enabled=yes",
            4 => "per_page=99999999999999999999",
            _ => "ticket=%zz&x=" + new string('q', 2000),
        };
        note = "query " + bad[..Math.Min(bad.Length, 40)];
        return path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + bad;
    }

    private static string MutateHeaders(HttpRequestMessage request, Random random)
    {
        switch (random.Next(7))
        {
            case 0:
                request.Headers.Remove("Authorization");
                request.Headers.TryAddWithoutValidation("Authorization", random.Next(3) switch
                {
                    0 => "Basic !!!not-base64",
                    1 => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("no-colon")),
                    _ => "Bearer a.b.c",
                });
                return "bad Authorization";
            case 1:
                request.Headers.TryAddWithoutValidation("Accept-Language", "*;q=abc, en-US;q=2, ,;;");
                return "odd Accept-Language";
            case 2:
                request.Headers.TryAddWithoutValidation("Origin", random.Next(2) == 0 ? "null" : "http://[::1");
                return "odd Origin";
            case 3:
                request.Content?.Headers.TryAddWithoutValidation("Content-Encoding", "gzip");
                return "Content-Encoding gzip (not compressed)";
            case 4:
                request.Headers.TryAddWithoutValidation("Accept", "application/xml, text/*;q=oops");
                return "odd Accept";
            default:
                return "";
        }
    }

    private static byte[] InsertIntoFirstString(byte[] body, byte[] bad)
    {
        var quote = Array.IndexOf(body, (byte)'"', Array.IndexOf(body, (byte)':') + 1);
        var at = quote < 0 ? body.Length / 2 : quote + 1;
        return [.. body[..at], .. bad, .. body[at..]];
    }

    /// <summary>Replaces the first string value after a colon with <paramref name="escaped"/> (inside quotes) or <paramref name="raw"/> JSON.</summary>
    private static string ReplaceFirstStringValue(string text, string? escaped, string? raw = null)
    {
        var colon = text.IndexOf(":\"", StringComparison.Ordinal);
        if (colon < 0)
            return escaped is not null ? $"[\"{escaped}\"]" : $"{{\"a\":{raw}}}";
        var end = text.IndexOf('"', colon + 2);
        return string.Concat(text.AsSpan(0, colon + 1), escaped is not null ? $"\"{escaped}\"" : raw, text.AsSpan(end + 1));
    }

    private static bool IsApi(string path) =>
        path.StartsWith("/oauth", StringComparison.Ordinal) || path.StartsWith("/.well-known", StringComparison.Ordinal)
        || path.StartsWith("/dbconnections", StringComparison.Ordinal) || path.StartsWith("/api/v2", StringComparison.Ordinal);

    private static bool HasShape(string path, int status, string text)
    {
        try
        {
            ApiErrorShapes.AssertShape(path, status, text);
            return true;
        }
        catch (Xunit.Sdk.XunitException)
        {
            return false;
        }
    }

    private static string Truncate(string text) => text.Length > 200 ? text[..200] + "..." : text;
}
