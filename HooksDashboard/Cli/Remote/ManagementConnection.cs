using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Management;

namespace HooksDashboard.Cli.Remote;

/// <summary>Exit codes of the verbs that talk to a server.</summary>
public static class RemoteExitCodes
{
    public const int Ok = 0;

    /// <summary>The server answered no: not found, conflict, invalid input, missing scope.</summary>
    public const int Refused = 1;

    public const int Usage = 2;

    /// <summary>The server cannot be reached, or it refused the application's credentials.</summary>
    public const int Unreachable = 3;
}

/// <summary>A failure with the message to print and the exit code to return.</summary>
public sealed class CliRemoteException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>
/// An application's connection to a running server's Management API, like Auth0's CLI: the domain and the
/// application's credentials from flags or the environment (<c>HOOKS_DOMAIN</c>, <c>HOOKS_CLIENT_ID</c>,
/// <c>HOOKS_CLIENT_SECRET</c>); a token from <c>POST /oauth/token</c> (client credentials) for the server's
/// Management API audience, fetched once per command. Unless <c>--audience</c> names it, the audience is read from
/// the server's discovery document (<c>{issuer}api/v2/</c>): the issuer may name another host than the one the
/// command line reaches it by (<c>http://localhost:5062/</c> against <c>--domain http://127.0.0.1:5062</c>).
/// </summary>
public sealed class ManagementConnection : IDisposable
{
    public static readonly string[] Options = ["--domain", "--client-id", "--client-secret", "--audience", "--token"];

    private readonly HttpClient _http;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private string? _audience;
    private string? _token;

    private ManagementConnection(Uri baseAddress, string clientId, string clientSecret, string? audience, string? token)
    {
        // Redirects are not followed: a redirect (e.g. to the dashboard's sign-in page) means a wrong path or server.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _clientId = clientId;
        _clientSecret = clientSecret;
        _audience = audience;
        _token = token;
    }

    /// <summary>The server's address, e.g. <c>https://hooks.example.com/</c>.</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>Reads the connection settings from flags, then the environment; a missing one is a usage error.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="credentialsFromEnvironment">
    /// The application's credentials come only from <c>HOOKS_CLIENT_ID</c>/<c>HOOKS_CLIENT_SECRET</c> (or a token): the
    /// command gives <c>--client-id</c>/<c>--client-secret</c> another meaning (<c>hooks import --from-tenant</c>).
    /// </param>
    public static ManagementConnection FromArguments(CliArguments args, Func<string, string?> environment, bool credentialsFromEnvironment = false)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        string Setting(string flag, string variable) =>
            (credentialsFromEnvironment && flag is "--client-id" or "--client-secret" ? null : args.Optional(flag)) ?? NonEmpty(environment(variable))
            ?? throw new CliUsageException(credentialsFromEnvironment && flag is "--client-id" or "--client-secret"
                ? $"set {variable}: with --from-tenant, {flag} is the tenant's application, and this server's comes from the environment."
                : $"{flag} is required (or set {variable}).");

        var domain = Setting("--domain", "HOOKS_DOMAIN");
        // Like Auth0's CLI a bare domain means https; a full URL (e.g. http://127.0.0.1:5000) is taken as it is.
        var url = domain.Contains("://", StringComparison.Ordinal) ? domain : "https://" + domain;
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
            throw new CliUsageException($"--domain '{domain}' is not a host name or an http(s) URL.");
        // Null: asked of the server when the token is fetched.
        var audience = args.Optional("--audience") ?? NonEmpty(environment("HOOKS_AUDIENCE"));
        // An access token already at hand (e.g. from a CI secret) replaces the client credentials.
        if ((args.Optional("--token") ?? NonEmpty(environment("HOOKS_TOKEN"))) is { } token)
            return new ManagementConnection(baseAddress, "", "", audience, token);
        return new ManagementConnection(baseAddress, Setting("--client-id", "HOOKS_CLIENT_ID"), Setting("--client-secret", "HOOKS_CLIENT_SECRET"), audience, null);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>Calls <c>/api/v2{path}</c>; returns the JSON answer (null for 204). A refusal throws <see cref="CliRemoteException"/>.</summary>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        var token = _token ??= await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(method, new Uri(ManagementApi.BasePath.TrimStart('/') + path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await SendRawAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
            return text.Length == 0 ? null : ParseJson(text, response);

        var message = ErrorMessage(text) ?? $"{(int)response.StatusCode} {response.ReasonPhrase}";
        throw response.StatusCode == HttpStatusCode.Unauthorized
            ? new CliRemoteException(RemoteExitCodes.Unreachable, $"The server refused the access token: {message}")
            : new CliRemoteException(RemoteExitCodes.Refused, message);
    }

    private async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var audience = _audience ??= await DiscoverAudienceAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("oauth/token", UriKind.Relative))
        {
            Content = JsonContent.Create(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = _clientId,
                ["client_secret"] = _clientSecret,
                ["audience"] = audience,
            }),
        };
        using var response = await SendRawAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var reason = ErrorMessage(text) ?? $"{(int)response.StatusCode} {response.ReasonPhrase}";
            throw new CliRemoteException(RemoteExitCodes.Unreachable,
                $"Could not get an access token from {BaseAddress}oauth/token for client {_clientId} and audience {audience}: {reason}");
        }
        return ParseJson(text, response)?["access_token"]?.GetValue<string>()
            ?? throw new CliRemoteException(RemoteExitCodes.Unreachable, $"{BaseAddress}oauth/token answered without an access_token.");
    }

    /// <summary>
    /// The Management API's audience, <c>{issuer}api/v2/</c>, from the issuer the server's OpenID discovery document
    /// names; a server without one (or with a document that names no http(s) issuer) gets <c>{domain}/api/v2/</c>, as
    /// Auth0's CLI computes it.
    /// </summary>
    private async Task<string> DiscoverAudienceAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(".well-known/openid-configuration", UriKind.Relative));
        using var response = await SendRawAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (IssuerOf(text) is { } issuer)
                return ManagementApi.AudienceFor(issuer);
        }
        return ManagementApi.AudienceFor(BaseAddress.ToString());
    }

    private static string? IssuerOf(string discovery)
    {
        try
        {
            return JsonNode.Parse(discovery)?["issuer"] is JsonValue value && value.TryGetValue<string>(out var issuer)
                && Uri.TryCreate(issuer, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? issuer
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new CliRemoteException(RemoteExitCodes.Unreachable, $"Cannot reach the server at {BaseAddress}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliRemoteException(RemoteExitCodes.Unreachable, $"The server at {BaseAddress} did not answer within {_http.Timeout.TotalSeconds:0} s.");
        }
    }

    private JsonNode? ParseJson(string text, HttpResponseMessage response)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw new CliRemoteException(RemoteExitCodes.Unreachable,
                $"{BaseAddress} answered {(int)response.StatusCode} with something that is not JSON; is --domain the HooksDashboard server?");
        }
    }

    /// <summary>The message of Auth0's error body or of an OAuth error.</summary>
    private static string? ErrorMessage(string text)
    {
        try
        {
            var node = JsonNode.Parse(text);
            return (string?)node?["message"] ?? (string?)node?["error_description"] ?? (string?)node?["error"];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}
