using System.Text.Json;
using System.Text.Json.Nodes;

namespace HooksDashboard.Identity.Tokens;

/// <summary>What an access token says.</summary>
/// <param name="Subject"><c>sub</c>: <c>{client_id}@clients</c> for client credentials, a user id for users.</param>
/// <param name="Audience"><c>aud</c>: the API's identifier.</param>
/// <param name="Scopes">Space-joined into <c>scope</c>; no claim when empty.</param>
/// <param name="LifetimeSeconds">From <c>iat</c> to <c>exp</c>; the API's token lifetime.</param>
/// <param name="AuthorizedParty"><c>azp</c>: the client id the token was issued to.</param>
/// <param name="GrantType"><c>gty</c>, e.g. <c>client-credentials</c>; null for none.</param>
public sealed record AccessTokenRequest(
    string Subject,
    string Audience,
    IReadOnlyList<string> Scopes,
    int LifetimeSeconds,
    string AuthorizedParty,
    string? GrantType)
{
    /// <summary>Extra claims (e.g. from a hook). Registered claims (<see cref="AccessTokenIssuer.RegisteredClaims"/>) in it are ignored.</summary>
    public JsonObject? ExtraClaims { get; init; }
}

/// <summary>A signed access token and what the token endpoint answers about it.</summary>
/// <param name="Scope">Space-separated granted scopes; empty when none.</param>
public sealed record IssuedAccessToken(string AccessToken, int ExpiresIn, string Scope);

/// <summary>The outcome of checking an access token.</summary>
/// <param name="Claims">The token's payload when valid.</param>
/// <param name="Error">Why it is not valid, for logs (never tell the caller more than "invalid token").</param>
public sealed record AccessTokenValidation(JsonObject? Claims, string? Error)
{
    public bool IsValid => Claims is not null;
}

/// <summary>
/// Issues RS256 access tokens like Auth0's (<c>iss</c>, <c>sub</c>, <c>aud</c>, <c>iat</c>, <c>exp</c>, <c>scope</c>,
/// <c>gty</c>, <c>azp</c>) and validates them, e.g. for the Management API.
/// </summary>
public interface IAccessTokenIssuer
{
    Task<IssuedAccessToken> IssueAsync(AccessTokenRequest request, CancellationToken cancellationToken = default);

    /// <summary>Checks signature, <c>iss</c> (this issuer), <c>aud</c> (contains <paramref name="audience"/>) and <c>exp</c>.</summary>
    Task<AccessTokenValidation> ValidateAsync(string token, string audience, CancellationToken cancellationToken = default);
}

/// <summary><see cref="IAccessTokenIssuer"/> with <see cref="IJwtSigner"/> and <see cref="IIssuer"/>.</summary>
public sealed class AccessTokenIssuer(IJwtSigner signer, IIssuer issuer, TimeProvider time) : IAccessTokenIssuer
{
    /// <summary>Claims only the issuer sets: a hook or any other extra claim can never replace them.</summary>
    public static readonly IReadOnlySet<string> RegisteredClaims = new HashSet<string>(StringComparer.Ordinal)
    {
        "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "scope", "gty", "azp", "permissions", "org_id",
    };

    public async Task<IssuedAccessToken> IssueAsync(AccessTokenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.LifetimeSeconds);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var scope = string.Join(' ', request.Scopes);

        var payload = new JsonObject
        {
            ["iss"] = issuer.Url,
            ["sub"] = request.Subject,
            ["aud"] = request.Audience,
            ["iat"] = now,
            ["exp"] = now + request.LifetimeSeconds,
        };
        if (scope.Length > 0)
            payload["scope"] = scope;
        if (request.GrantType is not null)
            payload["gty"] = request.GrantType;
        payload["azp"] = request.AuthorizedParty;
        foreach (var (name, value) in request.ExtraClaims ?? [])
        {
            if (!RegisteredClaims.Contains(name))
                payload[name] = value?.DeepClone();
        }

        var token = await signer.SignAsync(payload, cancellationToken).ConfigureAwait(false);
        return new IssuedAccessToken(token, request.LifetimeSeconds, scope);
    }

    public async Task<AccessTokenValidation> ValidateAsync(string token, string audience, CancellationToken cancellationToken = default)
    {
        var claims = await signer.VerifyAsync(token, cancellationToken).ConfigureAwait(false);
        if (claims is null)
            return new AccessTokenValidation(null, "The token is malformed or its signature does not match the signing key.");
        if (String(claims["iss"]) != issuer.Url)
            return new AccessTokenValidation(null, $"The token's issuer is not {issuer.Url}.");
        var aud = claims["aud"];
        var audienceMatches = aud is JsonArray list ? list.Any(a => String(a) == audience) : String(aud) == audience;
        if (!audienceMatches)
            return new AccessTokenValidation(null, $"The token's audience is not {audience}.");
        if (claims["exp"] is not JsonValue exp || !exp.TryGetValue<long>(out var expires) || expires <= time.GetUtcNow().ToUnixTimeSeconds())
            return new AccessTokenValidation(null, "The token has expired.");
        return new AccessTokenValidation(claims, null);
    }

    private static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
