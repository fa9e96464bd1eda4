using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HooksDashboard.Management;

public static class ManagementServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Management API's bearer-token authentication (scheme <see cref="ManagementApi.Scheme"/>,
    /// trusting the issuer given by <see cref="IManagementTokenTrust"/>), one policy per scope, Auth0-shaped
    /// 401/403 bodies, the OpenAPI document, and the first-start management application (<c>Bootstrap:ClientId</c>,
    /// <c>Bootstrap:ClientSecret</c>). Needs the token issuer (<c>AddTokens</c>, registered before so its start-up runs first).
    /// </summary>
    public static IServiceCollection AddManagementApi(this IServiceCollection services, IConfiguration configuration)
    {
        // Trust this server's own token issuer; the first start ensures a management application exists.
        services.AddSingleton<IManagementTokenTrust, IdentityTokenTrust>();
        services.AddOptions<BootstrapOptions>().Bind(configuration.GetSection(BootstrapOptions.SectionName));
        services.TryAddSingleton(new Security.OneTimeConsole(Console.Out));
        services.AddHostedService<ManagementBootstrap>();

        services.AddAuthentication().AddJwtBearer(ManagementApi.Scheme, _ => { });
        services.AddOptions<Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions>(ManagementApi.Scheme)
            .Configure<IServiceProvider>(ManagementAuthorization.ConfigureBearer);
        services.AddAuthorization(ManagementAuthorization.AddPolicies);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ManagementAuthorizationResultHandler>();
        services.AddOpenApi(ManagementOpenApi.DocumentName, ManagementOpenApi.Configure);
        return services;
    }

    /// <summary>Maps <c>/api/v2/...</c>; unknown paths under it answer Auth0's 404 body instead of the dashboard's sign-in.</summary>
    public static IEndpointRouteBuilder MapManagementApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHookEndpoints();
        endpoints.MapHookVersionEndpoints();
        endpoints.MapHookTestCaseEndpoints();
        endpoints.MapHookTransferEndpoints();
        endpoints.MapHookEgressEndpoints();
        endpoints.MapUserEndpoints();
        endpoints.MapClientEndpoints();
        endpoints.MapResourceServerEndpoints();
        endpoints.MapClientGrantEndpoints();
        // The document named "openapi" at /api/v2/openapi.json.
        endpoints.MapOpenApi(ManagementApi.BasePath + "/{documentName}.json").AllowAnonymous();
        endpoints.Map(ManagementApi.BasePath + "/{**path}", () => ManagementErrors.Result(StatusCodes.Status404NotFound, "Not Found", null))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }
}
