using HooksDashboard.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HooksDashboard.Admins;

public static class AdminsServiceCollectionExtensions
{
    /// <summary>
    /// Registers dashboard admins: accounts with hashed passwords and lockout (options from the section
    /// <c>Admin</c>), the first-start admin, cookie sign-in, and a fallback policy so every endpoint that does
    /// not say otherwise (pages, the Blazor hub) needs a signed-in admin. Endpoints meant for anonymous
    /// callers (the Authentication API, static assets) must say <c>AllowAnonymous()</c>; the Management
    /// API names its own bearer policy.
    /// </summary>
    public static IServiceCollection AddAdmins(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new OneTimeConsole(Console.Out));
        services.AddSingleton<IPasswordHasher<AdminAccount>, PasswordHasher<AdminAccount>>();
        services.AddSingleton<IAdminAccounts, AdminAccounts>();
        services.AddHostedService<AdminBootstrap>();

        services.AddAuthentication(AdminAuthentication.Scheme)
            .AddCookie(AdminAuthentication.Scheme, AdminAuthentication.Configure);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(AdminAuthentication.Scheme).RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>Maps sign-out (a form POST with an antiforgery token); sign-in is the page <c>/account/sign-in</c>.</summary>
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // [FromForm] makes the endpoint validate the form's antiforgery token.
        endpoints.MapPost(AdminAuthentication.SignOutPath, async (HttpContext context, [FromForm] string? returnUrl) =>
        {
            await context.SignOutAsync(AdminAuthentication.Scheme).ConfigureAwait(false);
            return Results.LocalRedirect($"{AdminAuthentication.SignInPath}?returnUrl={Uri.EscapeDataString(AdminAuthentication.SafeReturnUrl(returnUrl))}");
        }).AllowAnonymous();
        return endpoints;
    }
}
