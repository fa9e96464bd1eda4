using HooksDashboard.Admins;
using HooksDashboard.Audit;
using HooksDashboard.Catalog;
using HooksDashboard.Components;
using HooksDashboard.Events;
using HooksDashboard.Execution;
using HooksDashboard.Health;
using HooksDashboard.Hooks;
using HooksDashboard.Identity;
using HooksDashboard.Identity.Users;
using HooksDashboard.Logs;
using HooksDashboard.Management;
using HooksDashboard.RateLimits;
using HooksDashboard.Runtime;
using HooksDashboard.Storage;
using HooksDashboard.Transfer;
using HooksDashboard.Telemetry;
using HooksDashboard.Web;

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

        // Web: hooks' requests to this server's own public host go to its own socket, marked as a hook's.
        services.AddOwnServerRoute();

        // Hooks: the runner every invocation goes through.
        services.AddHookRunner();

        // Hooks/packages: the npm installer (registry, package cache); every save installs the hook's dependencies.
        services.AddHookPackages(configuration);

        // Hooks/warm engines: saves discard a hook's warm engines; enabled hooks are warmed in the background.
        services.AddHookWarmUp();

        // Identity: applications, APIs, client grants, signing key and token issuer.
        services.AddTokens(configuration);

        // Events: the durable queue of non-blocking hook invocations and its worker.
        services.AddHookEvents(configuration);

        // Identity/Users: the database connection, its users, sign-up and password flows.
        services.AddUsers(configuration);

        // Logs: every invocation recorded in the background, live feed, queries, retention.
        services.AddExecutionLog(configuration);

        // Audit: every change to a hook, by whom; wraps the store registered above.
        services.AddAudit();

        // Transfer: auth0-deploy-cli import (one transaction) and export, through the store as decorated above.
        services.AddTransfer();

        // Admins: dashboard sign-in, lockout, first admin; every endpoint needs an admin unless it says otherwise.
        services.AddAdmins(configuration);

        // Management: /api/v2 for bearer tokens of the Management API's audience.
        services.AddManagementApi(configuration);

        // RateLimits: per-client and per-IP token buckets for /oauth/token, /dbconnections/* and /api/v2.
        services.AddRateLimits(configuration);

        // Dashboard: Blazor Server components.
        services.AddDashboard();

        // Web: last-resort errors in each API's shape, cookie flags, HSTS.
        services.AddWebHardening();
        // Web: Kestrel's socket transport settings (Server:Sockets).
        services.AddServerTransport(configuration);

        // Health: /healthz and /readyz. Telemetry: traces and metrics, exported only when configured.
        services.AddHealth();
        services.AddTelemetry(configuration);

        return services;
    }

    public static WebApplication UseHooksDashboard(this WebApplication app)
    {
        // Web: X-Forwarded-* from the configured proxies only (ReverseProxy), before anything reads the request.
        app.UseReverseProxy();
        // Web: security headers, 503 until start-up finished, no stack trace for any unhandled exception.
        app.UseWebHardening();
        // Web: a hook's request to its own server runs no hook (Hooks/HookRequestOrigin).
        app.UseOwnServerRequests();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization: the Management API's per-client bucket is the validated token's client.
        app.UseRateLimits();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();

        // Runtime: Auth0's Authentication API — token, discovery, database-connection endpoints, reset page (anonymous).
        app.MapTokenEndpoints();
        app.MapDbConnections();
        app.MapResetPassword();

        // Dashboard endpoints: admin sign-in/out and the logs download (admin cookie).
        app.MapAdminEndpoints();
        app.MapExecutionLogEndpoints();
        app.MapTransferEndpoints();

        // Health probes (anonymous) and the Prometheus scrape endpoint when enabled.
        app.MapHealth();
        app.MapTelemetry();

        // Management: /api/v2 (bearer tokens).
        app.MapManagementApi();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();
        return app;
    }
}
