using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;

namespace HooksDashboard.Admins;

/// <summary>The dashboard's cookie sign-in: scheme, paths and the claims an admin's cookie carries.</summary>
public static class AdminAuthentication
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CookieName = ".HooksDashboard.Admin";
    public const string SignInPath = "/account/sign-in";
    public const string SignOutPath = "/account/sign-out";

    /// <summary>The Blazor circuit's hub: refused with 401 rather than redirected, since no person reads its responses.</summary>
    public const string BlazorHubPath = "/_blazor";

    /// <summary>The principal of a signed-in admin: id and email.</summary>
    public static ClaimsPrincipal CreatePrincipal(AdminAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, account.Id), new Claim(ClaimTypes.Name, account.Email), new Claim(ClaimTypes.Email, account.Email)],
            Scheme);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The admin id of a signed-in principal, or null.</summary>
    public static string? AdminId(ClaimsPrincipal? user) =>
        user?.Identity is { IsAuthenticated: true } ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    /// <summary>Only paths inside this site are followed after sign-in (no open redirect).</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            ? returnUrl
            : "/";

    internal static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.LoginPath = SignInPath;
        options.LogoutPath = SignOutPath;
        options.AccessDeniedPath = SignInPath;
        options.ReturnUrlParameter = "returnUrl";
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.Events.OnRedirectToLogin = context => RefuseOrRedirect(context, StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = context => RefuseOrRedirect(context, StatusCodes.Status403Forbidden);
    }

    private static Task RefuseOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments(BlazorHubPath, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            // The status-code page would re-execute a page for this refusal; the hub's clients want the bare code.
            if (context.HttpContext.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
                statusCodePages.Enabled = false;
        }
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
