using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace HooksDashboard.Execution.Http;

/// <summary>
/// HTTP mocks for one invocation: outbound requests are answered by the first matching rule instead of the network.
/// Applied inside the transport, so the hook's code path (fetch, its errors, the recording) is the one it takes for
/// real. The JSON shape is the <c>run-hook --http-mock</c> file and what the test panel saves with the payload.
/// </summary>
public sealed record HttpMockSet
{
    /// <summary>Rules, tried in order; the first match answers.</summary>
    public IReadOnlyList<HttpMockRule> Rules { get; init; } = [];

    /// <summary>What an unmatched request does: fail with "no mock for ..." (false, the default) or go to the network.</summary>
    public bool PassThrough { get; init; }

    /// <summary>The first rule matching the request, or null.</summary>
    public HttpMockRule? Match(string method, string url)
    {
        foreach (var rule in Rules)
        {
            if (rule.Matches(method, url))
                return rule;
        }

        return null;
    }

    /// <summary>Most rules a set may hold.</summary>
    public const int MaxRules = 200;

    /// <summary>Reads and checks a mock set; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static HttpMockSet Parse(string json)
    {
        HttpMockSet? set;
        try
        {
            set = JsonSerializer.Deserialize<HttpMockSet>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The HTTP mocks are not valid: {ex.Message}", ex);
        }

        if (set is null)
            throw new FormatException("The HTTP mocks must be a JSON object: { \"rules\": [ ... ], \"passThrough\": false }");
        set.Validate();
        return set;
    }

    /// <summary>Throws <see cref="FormatException"/> when a rule cannot be used.</summary>
    public void Validate()
    {
        if (Rules is null)
            throw new FormatException("The HTTP mocks need a \"rules\" array");
        if (Rules.Count > MaxRules)
            throw new FormatException($"At most {MaxRules} HTTP mock rules are allowed; got {Rules.Count}");
        for (var i = 0; i < Rules.Count; i++)
        {
            if (Rules[i] is not { } rule)
                throw new FormatException($"HTTP mock rule {i + 1} is null");
            if (rule.Problem() is { } problem)
                throw new FormatException($"HTTP mock rule {i + 1} ({rule.Method ?? "*"} {rule.Url}): {problem}");
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>camelCase, case-insensitive on read, comments and trailing commas tolerated (it is a hand-written file).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}

/// <summary>One mock: which requests it answers and how.</summary>
public sealed record HttpMockRule
{
    /// <summary>The method matched (any case), or null / <c>*</c> for every method.</summary>
    public string? Method { get; init; }

    /// <summary>
    /// The URL matched: the whole URL, where <c>*</c> stands for any run of characters. A pattern without <c>?</c>
    /// ignores the request's query string. E.g. <c>https://hooks.slack.com/services/*</c>.
    /// </summary>
    public string Url { get; init; } = "";

    /// <summary>The answer's status code (default 200).</summary>
    public int Status { get; init; } = 200;

    /// <summary>The answer's headers.</summary>
    public Dictionary<string, string>? Headers { get; init; }

    /// <summary>The answer's body as text (UTF-8).</summary>
    public string? Body { get; init; }

    /// <summary>The answer's body as JSON (sent with <c>content-type: application/json</c> unless a header says otherwise); exclusive with <see cref="Body"/>.</summary>
    public JsonNode? Json { get; init; }

    /// <summary>Milliseconds before the answer comes (default 0); counts against the invocation's time like a real request.</summary>
    public int DelayMs { get; init; }

    private Regex? _pattern;

    internal bool Matches(string method, string url)
    {
        if (Method is { Length: > 0 } m && m != "*" && !string.Equals(m, method, StringComparison.OrdinalIgnoreCase))
            return false;
        if (!Url.Contains('?', StringComparison.Ordinal) && url.IndexOf('?', StringComparison.Ordinal) is var q and >= 0)
            url = url[..q];
        _pattern ??= new Regex("^" + string.Join(".*", Url.Split('*').Select(Regex.Escape)) + "$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromMilliseconds(100));
        try
        {
            return _pattern.IsMatch(url);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    internal string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Url))
            return "\"url\" is required (use * for any run of characters)";
        if (Url.Length > 2048)
            return "\"url\" is longer than 2,048 characters";
        if (Method is { } method && method != "*" && (method.Length is 0 or > 32 || !method.All(c => char.IsAsciiLetter(c) || c == '-')))
            return $"\"method\" '{method}' is not an HTTP method";
        if (Status is < 200 or > 599)
            return $"\"status\" {Status} must be between 200 and 599";
        if (DelayMs is < 0 or > 60_000)
            return $"\"delayMs\" {DelayMs} must be between 0 and 60,000";
        if (Body is not null && Json is not null)
            return "give either \"body\" or \"json\", not both";
        if (Body is { Length: > 1024 * 1024 })
            return "\"body\" is longer than 1 MB";
        foreach (var (name, value) in Headers ?? [])
        {
            if (name.Length == 0 || !name.All(c => c > ' ' && c < 127 && c != ':'))
                return $"header name '{name}' is not valid";
            if (value is null || value.Any(c => c is '\r' or '\n'))
                return $"header '{name}' has no value or a line break in it";
        }

        return null;
    }

    /// <summary>The body bytes and whether a JSON content type should be added.</summary>
    internal (byte[] Body, string? ContentType) Answer() =>
        Json is not null
            ? (Encoding.UTF8.GetBytes(Json.ToJsonString()), "application/json")
            : (Encoding.UTF8.GetBytes(Body ?? ""), Body is null ? null : "text/plain;charset=UTF-8");
}
