using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Apis;
using HooksDashboard.Identity.Grants;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Identity.Tokens;

/// <summary>A <c>client_credentials</c> request once the HTTP layer has read it; any field may be missing.</summary>
/// <param name="Scope">Optional space-separated subset of the granted scopes.</param>
public sealed record ClientCredentialsRequest(string? ClientId, string? ClientSecret, string? Audience, string? Scope);

/// <summary>An OAuth 2.0 error answer: <c>{"error","error_description"}</c> with its HTTP status.</summary>
public sealed record OAuthError(int StatusCode, string Error, string Description)
{
    /// <summary>For a 429: seconds the caller should wait before retrying (the <c>Retry-After</c> header).</summary>
    public int? RetryAfterSeconds { get; init; }

    public static OAuthError InvalidRequest(string description) => new(StatusCodes.Status400BadRequest, "invalid_request", description);

    public static OAuthError AccessDenied(string description) => new(StatusCodes.Status403Forbidden, "access_denied", description);
}

/// <summary>Either a token or an OAuth error.</summary>
public sealed record TokenResult(IssuedAccessToken? Token, OAuthError? Error)
{
    public static TokenResult Success(IssuedAccessToken token) => new(token, null);

    public static TokenResult Failure(OAuthError error) => new(null, error);
}

/// <summary>The client-credentials exchange of <c>POST /oauth/token</c>, without HTTP.</summary>
public interface IClientCredentialsExchange
{
    /// <summary>
    /// Authenticates the application, checks its grant for the audience, narrows to the requested scopes, runs the
    /// enabled credentials-exchange hook (if any) and issues the token the hook's result describes. Tokens for this
    /// server's own Management API never run the hook (a failing hook must not lock out the API that fixes it).
    /// </summary>
    /// <param name="requestId">The HTTP request, for the hook's logs.</param>
    Task<TokenResult> ExchangeAsync(ClientCredentialsRequest request, string? requestId, CancellationToken cancellationToken = default);
}

/// <summary><see cref="IClientCredentialsExchange"/> with Auth0's error answers and hook rules.</summary>
public sealed partial class ClientCredentialsExchange(
    IApplicationStore applications,
    IResourceServerStore apis,
    IClientGrantStore grants,
    IHookRunner runner,
    IAccessTokenIssuer issuer,
    IOptions<TenantOptions> tenant,
    ILogger<ClientCredentialsExchange> logger) : IClientCredentialsExchange
{
    public const string GrantType = "client-credentials";

    /// <summary>What a caller sees when the hook failed in a way that is not its own answer (timeout, crash, limit).</summary>
    public const string HookFailedDescription = "The credentials-exchange hook failed to run; the details are in the server's logs.";

    /// <summary>What a caller sees when the hook could not start because every hook slot was busy.</summary>
    public const string OverloadedDescription = "Too many requests are running hooks right now; retry after the number of seconds in the Retry-After header.";

    // The error classes Auth0 put in scope of a credentials-exchange hook, and what the token endpoint answered for each.
    private static readonly Dictionary<string, (int Status, string Error)> HookErrors = new(StringComparer.Ordinal)
    {
        ["InvalidScopeError"] = (StatusCodes.Status400BadRequest, "invalid_scope"),
        ["InvalidRequestError"] = (StatusCodes.Status400BadRequest, "invalid_request"),
        ["ServerError"] = (StatusCodes.Status500InternalServerError, "server_error"),
    };

    public async Task<TokenResult> ExchangeAsync(ClientCredentialsRequest request, string? requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.ClientId))
            return TokenResult.Failure(OAuthError.InvalidRequest("Missing required parameter: client_id"));
        if (string.IsNullOrEmpty(request.ClientSecret))
            return TokenResult.Failure(OAuthError.InvalidRequest("Missing required parameter: client_secret"));
        if (string.IsNullOrEmpty(request.Audience))
            return TokenResult.Failure(OAuthError.InvalidRequest("Missing required parameter: audience"));

        var application = await applications.AuthenticateAsync(request.ClientId, request.ClientSecret, cancellationToken).ConfigureAwait(false);
        if (application is null)
            return TokenResult.Failure(new OAuthError(StatusCodes.Status401Unauthorized, "invalid_client", "Unauthorized"));
        // The application's grant_types (Management API /api/v2/clients) must allow this grant, as Auth0's do.
        if (!application.Settings.GrantTypes.Contains(Applications.ApplicationRules.ClientCredentialsGrant, StringComparer.Ordinal))
            return TokenResult.Failure(new OAuthError(StatusCodes.Status403Forbidden, "unauthorized_client", "Grant type 'client_credentials' not allowed for the client."));

        var api = await apis.FindByIdentifierAsync(request.Audience, cancellationToken).ConfigureAwait(false);
        if (api is null)
            return TokenResult.Failure(OAuthError.AccessDenied($"Service not enabled within domain: {request.Audience}"));

        var grant = await grants.FindAsync(application.ClientId, api.Identifier, cancellationToken).ConfigureAwait(false);
        if (grant is null)
            return TokenResult.Failure(OAuthError.AccessDenied(
                $"Client is not authorized to access \"{api.Identifier}\". You need to create a \"client-grant\" associated to this API."));

        IReadOnlyList<string> scopes = grant.Scopes;
        if (!string.IsNullOrWhiteSpace(request.Scope))
        {
            var requested = request.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
            var notGranted = requested.Where(s => !grant.Scopes.Contains(s, StringComparer.Ordinal)).ToList();
            if (notGranted.Count > 0)
                return TokenResult.Failure(OAuthError.AccessDenied($"Client has not been granted scopes: {string.Join(", ", notGranted)}"));
            scopes = requested;
        }

        JsonObject? claims = null;
        // Tokens for this server's own Management API skip the hook: that API is how hooks are repaired (the command
        // line's `hooks disable` gets its token here), so a broken or denying hook must not be able to lock it out.
        var hookResult = api.IsManagementApi
            ? null
            : await runner.RunEnabledAsync(CredentialsExchangePoint.TriggerId, () => HookPayload(application, scopes, api.Identifier), requestId, cancellationToken)
                .ConfigureAwait(false);
        if (hookResult is not null)
        {
            if (!hookResult.IsSuccess)
                return TokenResult.Failure(MapHookError(hookResult, requestId));
            (scopes, claims) = Applied(hookResult.Applied);
        }

        var token = await issuer.IssueAsync(
            new AccessTokenRequest($"{application.ClientId}@clients", api.Identifier, scopes, api.TokenLifetime, application.ClientId, GrantType)
            {
                ExtraClaims = claims,
            },
            cancellationToken).ConfigureAwait(false);
        return TokenResult.Success(token);
    }

    /// <summary>The point's payload: <c>{ client: { id, name, tenant, metadata }, scope, audience, context: {} }</c>.</summary>
    private JsonObject HookPayload(Application application, IReadOnlyList<string> scopes, string audience)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in application.Metadata)
            metadata[key] = value;
        return new JsonObject
        {
            ["client"] = new JsonObject
            {
                ["id"] = application.ClientId,
                ["name"] = application.Name,
                ["tenant"] = tenant.Value.Tenant,
                ["metadata"] = metadata,
            },
            ["scope"] = new JsonArray([.. scopes.Select(s => (JsonNode)s)]),
            ["audience"] = audience,
            ["context"] = new JsonObject(),
        };
    }

    /// <summary>The catalog's application of the result: <c>scope</c> replaces the token's scopes, <c>claims</c> are added.</summary>
    private static (IReadOnlyList<string> Scopes, JsonObject? Claims) Applied(JsonObject? applied)
    {
        var scopes = new List<string>();
        if (applied?["scope"] is JsonArray list)
        {
            scopes.Capacity = list.Count;
            foreach (var s in list)
            {
                if (s?.GetValueKind() == JsonValueKind.String)
                    scopes.Add(s.GetValue<string>());
            }
        }

        return (scopes, applied?["claims"] as JsonObject);
    }

    /// <remarks>
    /// The caller gets the hook's own message as the hook wrote it (Auth0's behaviour: it is the hook's answer); the
    /// server log gets it with the hook's secret values redacted.
    /// </remarks>
    private OAuthError MapHookError(ExecutionResult hookResult, string? requestId)
    {
        var error = hookResult.Error!;
        var logged = hookResult.Redactor.Redact(error);
        // Every hook slot was busy: the hook never ran. A retry can succeed, so the answer says when to retry.
        if (error.Kind == ExecutionErrorKind.Overloaded)
        {
            LogHookOverloaded(requestId, error.Message);
            return new OAuthError(StatusCodes.Status429TooManyRequests, "too_many_requests", OverloadedDescription)
            {
                RetryAfterSeconds = HookScheduler.RetryAfterSeconds(error),
            };
        }

        // The hook's own answer, through cb(err) or a rejected promise of an async hook, with one of Auth0's classes.
        if (error.Kind is ExecutionErrorKind.Hook or ExecutionErrorKind.Exception && HookErrors.TryGetValue(error.Name, out var mapped))
        {
            LogHookDenied(requestId, logged.Name, logged.Message);
            return new OAuthError(mapped.Status, mapped.Error, error.Message);
        }
        // Any other error the hook passed to cb is, per Auth0, a server_error carrying its message.
        if (error.Kind == ExecutionErrorKind.Hook)
        {
            LogHookDenied(requestId, logged.Name, logged.Message);
            return new OAuthError(StatusCodes.Status500InternalServerError, "server_error", error.Message);
        }
        // Timeouts, limits, crashes and syntax errors: the caller learns nothing of the hook's internals.
        LogHookFailed(requestId, error.Kind, logged.Name, logged.Message);
        return new OAuthError(StatusCodes.Status500InternalServerError, "server_error", HookFailedDescription);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId}: the credentials-exchange hook denied the token with {ErrorName}: {ErrorMessage}")]
    private partial void LogHookDenied(string? requestId, string errorName, string errorMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: the credentials-exchange hook was not started: {ErrorMessage}")]
    private partial void LogHookOverloaded(string? requestId, string errorMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: the credentials-exchange hook failed ({Kind}, {ErrorName}): {ErrorMessage}")]
    private partial void LogHookFailed(string? requestId, ExecutionErrorKind kind, string errorName, string errorMessage);
}
