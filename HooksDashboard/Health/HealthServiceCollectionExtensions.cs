using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HooksDashboard.Health;

/// <summary>
/// <c>/healthz</c> (liveness: the process answers, nothing else is checked) and <c>/readyz</c> (readiness: started,
/// database reachable with every migration applied, token signing key loaded), anonymous, answered even while the
/// server starts (<see cref="Web.StartupGate"/> lets them through), outside the rate limits and the execution log.
/// </summary>
public static class HealthServiceCollectionExtensions
{
    public const string LivenessPath = "/healthz";

    public const string ReadinessPath = "/readyz";

    private const string ReadyTag = "ready";

    // A hung database must not hang the probe: the orchestrator's own timeout is usually a few seconds.
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    /// <summary>Whether <paramref name="path"/> is one of the two probes (the start-up gate lets them through).</summary>
    public static bool IsProbe(PathString path) =>
        path.Equals(LivenessPath, StringComparison.OrdinalIgnoreCase) || path.Equals(ReadinessPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Registers the readiness checks; the database check is the configured engine's (<c>Storage:Provider</c>) unless
    /// something registered its own <see cref="IDatabaseReadiness"/> first.
    /// </summary>
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.TryAddSingleton<SqliteDatabaseReadiness>();
        services.TryAddSingleton<PostgreSqlDatabaseReadiness>();
        services.TryAddSingleton<IDatabaseReadiness>(sp =>
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Storage.StorageOptions>>().Value.Provider == Storage.StorageProvider.PostgreSQL
                ? sp.GetRequiredService<PostgreSqlDatabaseReadiness>()
                : sp.GetRequiredService<SqliteDatabaseReadiness>());
        services.AddHealthChecks()
            .AddCheck<StartedHealthCheck>("startup", HealthStatus.Unhealthy, [ReadyTag], CheckTimeout)
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [ReadyTag], CheckTimeout)
            .AddCheck<SigningKeyHealthCheck>("signing-key", HealthStatus.Unhealthy, [ReadyTag], CheckTimeout);
        return services;
    }

    /// <summary>Maps the two probes, anonymous; both answer JSON, 200 when healthy and 503 otherwise, never cached.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = static _ => false, ResponseWriter = WriteAsync })
            .AllowAnonymous()
            .DisableAntiforgery();
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions { Predicate = static c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .AllowAnonymous()
            .DisableAntiforgery();
        return app;
    }

    /// <summary><c>{"status":"Unhealthy","checks":{"database":{"status":"Unhealthy","description":"..."}}}</c>.</summary>
    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body, WriterOptions);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description ?? entry.Exception?.Message);
            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
