using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Authentication;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HooksDashboard.Transfer;

/// <summary>
/// Where a live tenant's Management API is and the machine-to-machine application that reads it. A bare domain
/// (<c>example.eu.auth0.com</c>) means https, as Auth0's tools take it; a full URL (<c>http://127.0.0.1:5062</c>, another
/// instance of this product) is accepted only when written with its scheme.
/// </summary>
/// <param name="Audience">The Management API's audience; Auth0's is <c>https://{domain}/api/v2/</c>.</param>
public sealed record TenantConnection(Uri BaseAddress, string ClientId, string ClientSecret, string Audience)
{
    /// <summary>The tenant as it is named in messages: its host (and port when not the default).</summary>
    public string Name => BaseAddress.IsDefaultPort ? BaseAddress.Host : $"{BaseAddress.Host}:{BaseAddress.Port}";

    /// <summary>Checks and normalizes the settings a user typed.</summary>
    /// <exception cref="ArgumentException">A setting is empty or the domain is neither a host name nor an http(s) URL; the message names it.</exception>
    public static TenantConnection Parse(string? domain, string? clientId, string? clientSecret, string? audience = null)
    {
        if (string.IsNullOrWhiteSpace(domain))
            throw new ArgumentException("The tenant's domain is required (e.g. example.eu.auth0.com).", nameof(domain));
        if (string.IsNullOrWhiteSpace(clientId))
            throw new ArgumentException("The client ID of an application granted read:hooks on the tenant's Management API is required.", nameof(clientId));
        if (string.IsNullOrEmpty(clientSecret))
            throw new ArgumentException("The application's client secret is required.", nameof(clientSecret));
        var text = domain.Trim();
        var url = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")
            || parsed.Host.Length == 0 || parsed.Query.Length > 0 || parsed.Fragment.Length > 0 || parsed.UserInfo.Length > 0
            || (!text.Contains("://", StringComparison.Ordinal) && parsed.AbsolutePath != "/"))
        {
            throw new ArgumentException(
                $"The domain '{text}' is neither a host name (example.eu.auth0.com, meaning https) nor an http(s) URL such as http://127.0.0.1:5062.", nameof(domain));
        }
        var baseAddress = new Uri(parsed.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        var resolvedAudience = string.IsNullOrWhiteSpace(audience) ? baseAddress + "api/v2/" : audience.Trim();
        return new TenantConnection(baseAddress, clientId.Trim(), clientSecret, resolvedAudience);
    }
}

/// <summary>
/// Reads hooks from a live tenant's Management API, as Auth0 serves it (and as this product serves it): a client
/// credentials token from <c>POST /oauth/token</c>, <c>GET /api/v2/hooks</c> page by page, <c>GET /api/v2/hooks/{id}</c>
/// when the list leaves out the script or the dependencies, and <c>GET /api/v2/hooks/{id}/secrets</c> (names; Auth0 masks
/// the values). Every failure is a <see cref="TenantException"/> whose message says what to do: the scope a 403 names,
/// bad credentials, a rate limit that outlasted the retries, a network or TLS failure, an answer that is not JSON.
/// </summary>
public sealed class TenantClient : IDisposable
{
    /// <summary>Hooks asked for per page (Auth0 accepts up to 100).</summary>
    public const int PerPage = 50;

    /// <summary>How many times a 429 is retried before giving up.</summary>
    public const int MaxRetries = 3;

    /// <summary>The longest wait a 429's <c>Retry-After</c> is honoured for; a longer one fails at once, saying when to try again.</summary>
    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(30);

    // A tenant holds few hooks (Auth0 limits them); this bounds a server that keeps answering full pages.
    private const int MaxPages = 200;

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeProvider _time;
    private string? _token;

    /// <param name="http">The client to send with; null for one of its own (no redirects followed, 30 s timeout).</param>
    public TenantClient(TenantConnection connection, HttpClient? http = null, TimeProvider? time = null)
    {
        Connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _ownsHttp = http is null;
        // Redirects are not followed: a redirect (to a sign-in page, another host) means a wrong domain, and following
        // one would send the client secret elsewhere.
        _http = http ?? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
        _time = time ?? TimeProvider.System;
    }

    public TenantConnection Connection { get; }

    /// <summary>Every hook of the tenant, in the order the API lists them, with script and dependencies.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListHooksAsync(CancellationToken cancellationToken = default)
    {
        var hooks = new List<JsonObject>();
        long? total = null;
        for (var page = 0; ; page++)
        {
            if (page >= MaxPages)
                throw new TenantException($"{Connection.Name} kept answering full pages of hooks after {MaxPages * PerPage:N0}; stopped.");
            var path = $"api/v2/hooks?page={page}&per_page={PerPage}&include_totals=true";
            var answer = await GetJsonAsync(path, "read:hooks", cancellationToken).ConfigureAwait(false);
            JsonArray items;
            switch (answer)
            {
                // include_totals=true: { start, limit, total, hooks }.
                case JsonObject paged when paged["hooks"] is JsonArray list:
                    items = list;
                    total = paged["total"] is JsonValue t && t.TryGetValue<long>(out var count) ? count : total;
                    break;
                // A server that ignores include_totals answers the bare array.
                case JsonArray list:
                    items = list;
                    break;
                default:
                    throw new TenantException($"GET {path} at {Connection.Name} answered JSON that is not a list of hooks (expected an array, or an object with a \"hooks\" array).");
            }
            foreach (var item in items)
            {
                if (item is not JsonObject hook)
                    throw new TenantException($"GET {path} at {Connection.Name} listed something that is not a hook object: {Shorten(item?.ToJsonString() ?? "null")}.");
                hooks.Add(hook);
            }
            if (items.Count < PerPage || (total is { } all && hooks.Count >= all))
                break;
        }

        // Auth0's list can leave out script and dependencies (fields, older tenants): ask for the hook itself then.
        for (var i = 0; i < hooks.Count; i++)
        {
            if (hooks[i]["script"] is null || hooks[i]["dependencies"] is null)
            {
                var id = IdOf(hooks[i]);
                if (id is not null)
                    hooks[i] = await GetHookAsync(id, cancellationToken).ConfigureAwait(false);
            }
        }
        return hooks;
    }

    /// <summary>One hook by id.</summary>
    public async Task<JsonObject> GetHookAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var path = $"api/v2/hooks/{Uri.EscapeDataString(id)}";
        return await GetJsonAsync(path, "read:hooks", cancellationToken).ConfigureAwait(false) as JsonObject
            ?? throw new TenantException($"GET {path} at {Connection.Name} answered JSON that is not a hook object.");
    }

    /// <summary>The names of a hook's secrets (the tenant masks the values; they are never asked for).</summary>
    public async Task<IReadOnlyList<string>> GetSecretNamesAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var path = $"api/v2/hooks/{Uri.EscapeDataString(id)}/secrets";
        return await GetJsonAsync(path, "read:hooks", cancellationToken).ConfigureAwait(false) is JsonObject secrets
            ? [.. secrets.Select(s => s.Key)]
            : throw new TenantException($"GET {path} at {Connection.Name} answered JSON that is not an object of secret names.");
    }

    /// <summary>The hook object's id, when it has a string one.</summary>
    public static string? IdOf(JsonObject hook) =>
        hook is not null && hook["id"] is JsonValue v && v.TryGetValue<string>(out var id) && id.Length > 0 ? id : null;

    private async Task<JsonNode?> GetJsonAsync(string path, string scope, CancellationToken cancellationToken)
    {
        var token = _token ??= await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Connection.BaseAddress, path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return request;
        }, $"GET /{path}", cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
            return Parse(text, response, $"GET /{path}");

        var message = ErrorMessage(text);
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new TenantException(
                $"{Connection.Name} refused the access token for GET /{path} (401{Suffix(message)}). The token was issued for the audience {Connection.Audience}; check that it is the tenant's Management API."),
            HttpStatusCode.Forbidden => new TenantException(
                $"{Connection.Name} refused GET /{path} (403{Suffix(message)}). The application {Connection.ClientId} needs the scope {MissingScope(message) ?? scope} on the tenant's Management API: add it to the application's grant (in Auth0: Applications > APIs > Auth0 Management API > Machine to Machine Applications)."),
            HttpStatusCode.NotFound => new TenantException(
                $"{Connection.Name} answered 404 for GET /{path}{Suffix(message, ": ")}. Is {Connection.BaseAddress} the tenant's domain (its Management API lives at /api/v2/)?"),
            _ => new TenantException($"{Connection.Name} answered {(int)response.StatusCode} {response.ReasonPhrase} for GET /{path}{Suffix(message, ": ")}."),
        };
    }

    private async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = Connection.ClientId,
            ["client_secret"] = Connection.ClientSecret,
            ["audience"] = Connection.Audience,
        };
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, new Uri(Connection.BaseAddress, "oauth/token"))
        {
            Content = JsonContent.Create(body),
        }, "POST /oauth/token", cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var message = ErrorMessage(text);
            throw response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest when message is not null => new TenantException(
                    $"{Connection.Name} refused the client credentials of {Connection.ClientId} ({(int)response.StatusCode}: {message}). Check the client ID and secret of a machine-to-machine application of that tenant."),
                HttpStatusCode.Forbidden => new TenantException(
                    $"{Connection.Name} would not issue a token for {Connection.Audience} to {Connection.ClientId} (403{Suffix(message)}). Authorize the application for the tenant's Management API with the scope read:hooks."),
                _ => new TenantException(
                    $"{Connection.Name} answered {(int)response.StatusCode} {response.ReasonPhrase} to POST /oauth/token{Suffix(message, ": ")}; no access token."),
            };
        }
        return Parse(text, response, "POST /oauth/token") is JsonObject token && token["access_token"] is JsonValue value
            && value.TryGetValue<string>(out var accessToken) && accessToken.Length > 0
            ? accessToken
            : throw new TenantException($"{Connection.Name} answered POST /oauth/token without an access_token.");
    }

    /// <summary>Sends, retrying a 429 after its <c>Retry-After</c> (bounded); turns network, TLS and timeout failures into messages.</summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, string what, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = build();
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (FindInner<AuthenticationException>(e) is { } tls)
            {
                throw new TenantException($"The TLS handshake with {Connection.Name} failed for {what}: {tls.Message} Is the certificate valid for that name?", e);
            }
            catch (HttpRequestException e)
            {
                throw new TenantException($"Cannot reach {Connection.Name} for {what}: {e.Message}", e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TenantException($"{Connection.Name} did not answer {what} within {_http.Timeout.TotalSeconds:0} s.", e);
            }

            if (response.StatusCode != HttpStatusCode.TooManyRequests)
                return response;
            var wait = RetryDelay(response, attempt);
            response.Dispose();
            if (attempt >= MaxRetries)
                throw new TenantException($"{Connection.Name} kept answering 429 Too Many Requests to {what} after {MaxRetries} retries; try again later.");
            if (wait > MaxRetryWait)
                throw new TenantException($"{Connection.Name} answered 429 Too Many Requests to {what} and asks to wait {wait.TotalSeconds:0} s (more than {MaxRetryWait.TotalSeconds:0}); try again then.");
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>Retry-After</c> (seconds or a date), else Auth0's <c>X-RateLimit-Reset</c> (Unix seconds), else 1, 2, 4 s.
    /// </summary>
    private TimeSpan RetryDelay(HttpResponseMessage response, int attempt)
    {
        var now = _time.GetUtcNow();
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            if (retryAfter.Date is { } date)
                return date > now ? date - now : TimeSpan.Zero;
        }
        if (response.Headers.TryGetValues("X-RateLimit-Reset", out var resets)
            && long.TryParse(resets.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            var at = DateTimeOffset.FromUnixTimeSeconds(Math.Min(reset, 253402300799));
            return at > now ? at - now : TimeSpan.Zero;
        }
        return TimeSpan.FromSeconds(1 << Math.Min(attempt, 5));
    }

    private JsonNode? Parse(string text, HttpResponseMessage response, string what)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            var type = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            throw new TenantException(
                $"{Connection.Name} answered {what} with {(int)response.StatusCode} and a body that is not JSON ({type}: {Shorten(text)}). Is {Connection.BaseAddress} the tenant's domain?");
        }
    }

    /// <summary>The message of Auth0's error body (<c>message</c>) or of an OAuth error (<c>error_description</c>, <c>error</c>).</summary>
    private static string? ErrorMessage(string text)
    {
        try
        {
            var node = JsonNode.Parse(text) as JsonObject;
            foreach (var name in new[] { "message", "error_description", "error" })
            {
                if (node?[name] is JsonValue value && value.TryGetValue<string>(out var message) && message.Length > 0)
                    return message;
            }
            return null;
        }
        catch (JsonException)
        {
            return text.Length == 0 ? null : Shorten(text);
        }
    }

    /// <summary>The scopes of Auth0's "Insufficient scope, expected any of: read:hooks".</summary>
    private static string? MissingScope(string? message)
    {
        const string Marker = "expected any of:";
        var at = message?.IndexOf(Marker, StringComparison.OrdinalIgnoreCase) ?? -1;
        return at < 0 ? null : message![(at + Marker.Length)..].Trim().TrimEnd('.');
    }

    private static string Suffix(string? message, string separator = ": ") => message is null ? "" : separator + message;

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 120 ? line : line[..120] + "…";
    }

    private static T? FindInner<T>(Exception e) where T : Exception
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is T found)
                return found;
        }
        return null;
    }

    public void Dispose()
    {
        if (_ownsHttp)
            _http.Dispose();
    }
}

/// <summary>A live tenant could not be read; the message says why and what to do.</summary>
public sealed class TenantException : Exception
{
    public TenantException(string message) : base(message) { }

    public TenantException(string message, Exception inner) : base(message, inner) { }
}
