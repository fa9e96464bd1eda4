using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Apis;
using HooksDashboard.Identity.Grants;
using HooksDashboard.Identity.Tokens;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HooksDashboard.Identity;

public static class TokensServiceCollectionExtensions
{
    /// <summary>
    /// Registers applications, APIs, client grants, the signing key, the token issuer and the client-credentials
    /// exchange, with the tenant settings (configuration keys <c>Issuer</c> and <c>Tenant</c>). Needs storage and
    /// the hook runner.
    /// </summary>
    public static IServiceCollection AddTokens(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TenantOptions>()
            .Bind(configuration)
            .Validate(o => string.IsNullOrWhiteSpace(o.Issuer) || Issuer.Normalize(o.Issuer) is not null, "Configuration key Issuer must be an absolute http or https URL without query or fragment, e.g. https://auth.example.com/.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Tenant), "Configuration key Tenant cannot be empty.")
            .ValidateOnStart();

        services.AddSingleton<IIssuer, Issuer>();
        // The token endpoint's three reads come from memory (IdentityReadCache); writes through any store drop it.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IdentityReadCache>();
        services.AddSingleton<SqliteApplicationStore>();
        services.AddSingleton<SqliteResourceServerStore>();
        services.AddSingleton<SqliteClientGrantStore>();
        services.AddSingleton<IApplicationStore>(sp => new CachingApplicationStore(sp.GetRequiredService<SqliteApplicationStore>(), sp.GetRequiredService<IdentityReadCache>()));
        services.AddSingleton<IResourceServerStore>(sp => new CachingResourceServerStore(sp.GetRequiredService<SqliteResourceServerStore>(), sp.GetRequiredService<IdentityReadCache>()));
        services.AddSingleton<IClientGrantStore>(sp => new CachingClientGrantStore(sp.GetRequiredService<SqliteClientGrantStore>(), sp.GetRequiredService<IdentityReadCache>()));
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<IJwtSigner, JwtSigner>();
        services.AddSingleton<IAccessTokenIssuer, AccessTokenIssuer>();
        services.AddSingleton<IClientCredentialsExchange, ClientCredentialsExchange>();
        services.AddHostedService<IdentityStartup>();
        return services;
    }
}
