using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace HooksDashboard.Web;

/// <summary>Cross-cutting HTTP hardening: start-up gate, last-resort errors, security headers, cookie flags.</summary>
public static class WebServiceCollectionExtensions
{
    /// <summary>Registers the last-resort exception handler and the antiforgery cookie's flags.</summary>
    public static IServiceCollection AddWebHardening(this IServiceCollection services)
    {
        services.AddExceptionHandler<ApiExceptionHandler>();
        // The framework's default sends the antiforgery cookie without Secure even over HTTPS.
        services.Configure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>
    /// The first middleware: security headers on everything, HSTS over HTTPS outside Development, 503 until start-up
    /// finished, and the last-resort exception handler (in every environment: no stack trace ever reaches a caller).
    /// </summary>
    public static WebApplication UseWebHardening(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<SecurityHeaders>();
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.UseMiddleware<StartupGate>();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            CreateScopeForErrors = true,
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        return app;
    }
}
