using HooksDashboard.Admins;
using HooksDashboard.Audit;
using HooksDashboard.Catalog;
using HooksDashboard.Components;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Management;
using HooksDashboard.Storage;

namespace HooksDashboard;

/// <summary>All registrations and the request pipeline, grouped by area.</summary>
public static class HooksDashboardExtensions
{
    public static IServiceCollection AddHooksDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        // Catalog: the five extensibility points as data.
        services.AddCatalog();

        // Storage: SQLite under DataDirectory, migrations, hooks and secrets.
        services.AddStorage(configuration);

        // Execution: the Jint executor and its limits.
        services.AddExecution(configuration);

        // Hooks: the runner every invocation goes through.
        services.AddHookRunner();

        // Audit: every change to a hook, by whom; wraps the store registered above.
        services.AddAudit();

        // Admins: dashboard sign-in, lockout, first admin; every endpoint needs an admin unless it says otherwise.
        services.AddAdmins(configuration);

        // Management: /api/v2 for bearer tokens of the Management API's audience.
        services.AddManagementApi();

        // Dashboard: Blazor Server components.
        services.AddDashboard();

        return services;
    }

    public static WebApplication UseHooksDashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapAdminEndpoints();
        app.MapManagementApi();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();
        return app;
    }
}
