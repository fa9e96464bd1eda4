using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Identity;
using HooksDashboard.Identity.Tokens;
using HooksDashboard.RateLimits;
using MediaTypeHeaderValue = Microsoft.Net.Http.Headers.MediaTypeHeaderValue;

namespace HooksDashboard.Runtime;

/// <summary>
/// Auth0's Authentication API token endpoints: <c>POST /oauth/token</c> (client credentials), the JWKS and the
/// OpenID discovery document. Anonymous by design: clients authenticate with their credentials, not a cookie.
/// </summary>
public static class TokenEndpoints
{
    private const string ClientCredentials = "client_credentials";

    /// <summary>Maps the endpoints on their own anonymous group (admin sign-in must never apply to them).</summary>
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("")
            .AllowAnonymous()
            // Machine clients post forms without antiforgery tokens; the endpoint reads the form itself.
            .DisableAntiforgery()
            .WithTags("Authentication API");

        group.MapPost("/oauth/token", TokenAsync).RequireRateLimits(RateLimitScope.Token);
        group.MapGet("/.well-known/jwks.json", JwksAsync);
        group.MapGet("/.well-known/openid-configuration", OpenIdConfiguration);
        return endpoints;
    }

    private static async Task<IResult> TokenAsync(HttpContext context, IClientCredentialsExchange exchange)
    {
        var result = await ReadAndExchangeAsync(context, exchange).ConfigureAwait(false);
        // RFC 6749 section 5.1: token responses, errors included, must not be cached.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        if (result.Error is { } error)
        {
            if (error.StatusCode == StatusCodes.Status401Unauthorized && context.Request.Headers.Authorization.Count > 0)
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"oauth\"";
            if (error.RetryAfterSeconds is { } retryAfter)
                context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return new TokenJsonResult(error.StatusCode, writer =>
            {
                writer.WriteString("error", error.Error);
                writer.WriteString("error_description", error.Description);
            });
        }

        var token = result.Token!;
        return new TokenJsonResult(StatusCodes.Status200OK, writer =>
        {
            writer.WriteString("access_token", token.AccessToken);
            writer.WriteString("token_type", "Bearer");
            writer.WriteNumber("expires_in", token.ExpiresIn);
            if (token.Scope.Length > 0)
                writer.WriteString("scope", token.Scope);
        });
    }

    /// <summary>
    /// A token endpoint answer: one small JSON object written straight to bytes and sent with its
    /// <c>Content-Length</c> in one write. The same bytes as <c>Results.Json</c> of the same object (default encoder,
    /// no indentation) without its per-request logger, serializer state machine and chunked framing.
    /// </summary>
    private sealed class TokenJsonResult(int statusCode, Action<Utf8JsonWriter> writeProperties) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var buffer = new ArrayBufferWriter<byte>(512);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writeProperties(writer);
                writer.WriteEndObject();
            }
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = buffer.WrittenCount;
            return response.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted).AsTask();
        }
    }

    private static async Task<TokenResult> ReadAndExchangeAsync(HttpContext context, IClientCredentialsExchange exchange)
    {
        var (parameters, bodyError) = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (parameters is null)
            return TokenResult.Failure(bodyError!);

        var grantType = parameters.GetValueOrDefault("grant_type");
        if (string.IsNullOrEmpty(grantType))
            return TokenResult.Failure(OAuthError.InvalidRequest("Missing required parameter: grant_type"));
        if (grantType != ClientCredentials)
            return TokenResult.Failure(new OAuthError(StatusCodes.Status403Forbidden, "unsupported_grant_type", $"Unsupported grant type: {grantType}"));

        var clientId = parameters.GetValueOrDefault("client_id");
        var clientSecret = parameters.GetValueOrDefault("client_secret");
        if (context.Request.Headers.Authorization.Count > 0)
        {
            if (clientSecret is not null)
                return TokenResult.Failure(OAuthError.InvalidRequest("Use one client authentication method: HTTP Basic or client_secret in the body, not both."));
            var basic = ReadBasic(context.Request.Headers.Authorization.ToString());
            if (basic is null)
                return TokenResult.Failure(OAuthError.InvalidRequest("The Authorization header must be HTTP Basic with base64(client_id:client_secret)."));
            if (clientId is not null && clientId != basic.Value.ClientId)
                return TokenResult.Failure(OAuthError.InvalidRequest("client_id in the body differs from the one in the Authorization header."));
            (clientId, clientSecret) = basic.Value;
        }

        var request = new ClientCredentialsRequest(clientId, clientSecret, parameters.GetValueOrDefault("audience"), parameters.GetValueOrDefault("scope"));
        return await exchange.ExchangeAsync(request, context.TraceIdentifier, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// The body's parameters from a JSON object or a URL-encoded form, read by <see cref="RuntimeRequestBody"/>; strings
    /// only. Returns the status and message of <c>invalid_request</c> for anything else.
    /// </summary>
    private static async Task<(Dictionary<string, string>? Parameters, OAuthError? Error)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
            return (null, OAuthError.InvalidRequest("The body must be application/json or application/x-www-form-urlencoded; the Content-Type header is missing or invalid."));
        var mediaType = contentType.MediaType;
        if (!mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            && !mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && !mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
            return (null, OAuthError.InvalidRequest($"Unsupported Content-Type {mediaType}; use application/json or application/x-www-form-urlencoded."));

        var body = await RuntimeRequestBody.ReadAsync(request, [], cancellationToken).ConfigureAwait(false);
        if (body.Value is null)
            return (null, new OAuthError(body.StatusCode, "invalid_request", body.Problem!));
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in body.Value)
        {
            if (value is null)
                continue;
            if (value.GetValueKind() != JsonValueKind.String)
                return (null, OAuthError.InvalidRequest($"Parameter {name} must be a string."));
            parameters[name] = value.GetValue<string>();
        }
        return (parameters, null);
    }

    /// <summary>RFC 6749 section 2.3.1: <c>Basic base64(urlencode(client_id):urlencode(client_secret))</c>.</summary>
    private static (string ClientId, string ClientSecret)? ReadBasic(string header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !value.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || value.Parameter is null)
            return null;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
        }
        catch (FormatException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
            return null;
        return (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
    }

    private static async Task<IResult> JwksAsync(HttpContext context, IJwtSigner signer)
    {
        var jwks = await signer.GetJwksAsync(context.RequestAborted).ConfigureAwait(false);
        // Resource servers fetch this often; a short public cache spares the server without delaying a key change long.
        context.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Json(jwks);
    }

    private static IResult OpenIdConfiguration(IIssuer issuer) => Results.Json(new JsonObject
    {
        ["issuer"] = issuer.Url,
        ["jwks_uri"] = issuer.Url + ".well-known/jwks.json",
        ["token_endpoint"] = issuer.Url + "oauth/token",
        ["grant_types_supported"] = new JsonArray("client_credentials"),
        ["response_types_supported"] = new JsonArray("token"),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_basic", "client_secret_post"),
        ["token_endpoint_auth_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["claims_supported"] = new JsonArray("iss", "sub", "aud", "iat", "exp", "scope", "gty", "azp"),
    });
}
