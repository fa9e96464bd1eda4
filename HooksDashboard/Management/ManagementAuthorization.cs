using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.IdentityModel.Tokens;

namespace HooksDashboard.Management;

/// <summary>A token's space-separated <c>scope</c> claim must hold any of <see cref="Scopes"/> (Auth0's "expected any of").</summary>
public sealed class ScopeRequirement(params string[] anyOf) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public IReadOnlyList<string> Scopes { get; } = anyOf;

    /// <summary>The first scope, for the single-scope policies of the hooks endpoints.</summary>
    public string Scope => Scopes[0];

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (HasAny(context.User, requirement.Scopes))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }

    /// <summary>Whether the principal's <c>scope</c> claim holds any of <paramref name="scopes"/>.</summary>
    public static bool HasAny(System.Security.Claims.ClaimsPrincipal user, IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(user);
        var granted = user.FindAll("scope").SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        return scopes.Any(granted.Contains);
    }
}

/// <summary>
/// Bearer tokens for the Management API: signature by the trusted issuer's keys, <c>iss</c>, <c>aud</c>
/// (<c>{Issuer}api/v2/</c>) and lifetime; refusals answered in Auth0's error body.
/// </summary>
internal static class ManagementAuthorization
{
    public static void ConfigureBearer(JwtBearerOptions options, IServiceProvider services)
    {
        // Keep the token's claim names (scope, azp, sub) instead of mapping them to long URIs.
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            // The trust is asked at validation time: the issuer's keys rotate while the app runs.
            IssuerValidator = (issuer, _, _) =>
                Trust(services) is { } trust && string.Equals(issuer, trust.Issuer, StringComparison.Ordinal)
                    ? issuer
                    : throw new SecurityTokenInvalidIssuerException($"Bad issuer: {issuer}") { InvalidIssuer = issuer },
            AudienceValidator = (audiences, _, _) =>
                Trust(services) is { } trust && audiences.Contains(ManagementApi.AudienceFor(trust.Issuer), StringComparer.Ordinal),
            IssuerSigningKeyResolver = (_, _, _, _) => Trust(services)?.GetSigningKeys() ?? [],
        };
        options.Events = new JwtBearerEvents { OnChallenge = ChallengeAsync };
    }

    public static void AddPolicies(AuthorizationOptions options)
    {
        foreach (var scope in ManagementApi.HookScopes)
        {
            options.AddPolicy(ManagementApi.PolicyFor(scope), policy => policy
                .AddAuthenticationSchemes(ManagementApi.Scheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new ScopeRequirement(scope)));
        }
    }

    /// <summary>
    /// The endpoint needs a Management API token holding any of <paramref name="anyOf"/>; a token without one gets
    /// 403 "Insufficient scope, expected any of: ..." listing them.
    /// </summary>
    public static TBuilder RequireScopes<TBuilder>(this TBuilder builder, params string[] anyOf) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(ManagementApi.Scheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new ScopeRequirement(anyOf)));

    private static IManagementTokenTrust? Trust(IServiceProvider services) => services.GetService<IManagementTokenTrust>();

    /// <summary>401 with the reason: no token, or which check the token failed.</summary>
    private static async Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var message = context.AuthenticateFailure switch
        {
            null => context.Request.Headers.Authorization.Count == 0 ? "Missing authentication" : "Bad HTTP authentication header format",
            SecurityTokenExpiredException => "Expired token received for JSON Web Token validation",
            SecurityTokenInvalidAudienceException => "Bad audience",
            SecurityTokenInvalidIssuerException => "Bad issuer",
            SecurityTokenNotYetValidException => "Token is not yet valid",
            _ => "Invalid token",
        };
        context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        await ManagementErrors.WriteAsync(context.Response, StatusCodes.Status401Unauthorized, message, ManagementErrors.InvalidToken).ConfigureAwait(false);
    }
}

/// <summary>403 in Auth0's body naming the missing scope; other endpoints keep the default handling.</summary>
internal sealed class ManagementAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && policy.AuthenticationSchemes.Contains(ManagementApi.Scheme))
        {
            var scopes = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().SelectMany(r => r.Scopes) ?? [];
            await ManagementErrors.WriteAsync(context.Response, StatusCodes.Status403Forbidden,
                $"Insufficient scope, expected any of: {string.Join(",", scopes)}", ManagementErrors.InsufficientScope).ConfigureAwait(false);
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}
