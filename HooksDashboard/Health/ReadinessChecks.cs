using HooksDashboard.Identity.Tokens;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HooksDashboard.Health;

/// <summary>The database is reachable and its schema is this build's (<see cref="IDatabaseReadiness"/>).</summary>
internal sealed class DatabaseHealthCheck(IDatabaseReadiness database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var found = await database.CheckAsync(cancellationToken).ConfigureAwait(false);
        if (!found.Reachable)
            return HealthCheckResult.Unhealthy($"The database is not reachable: {found.Problem}");
        if (found.PendingMigrations.Count > 0)
            return HealthCheckResult.Unhealthy($"{found.PendingMigrations.Count} migration(s) not applied: {string.Join(", ", found.PendingMigrations)}.");
        return HealthCheckResult.Healthy("Reachable; every migration applied.");
    }
}

/// <summary>The key that signs access tokens is loaded (loading it when it is not yet: the first check after start does).</summary>
internal sealed class SigningKeyHealthCheck(SigningKeyStore signingKeys) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var key = await signingKeys.GetAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Loaded (kid {key.Kid}).");
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            return HealthCheckResult.Unhealthy($"The token signing key is not loaded: {ex.Message}");
        }
    }
}

/// <summary>The host finished starting (every start-up task ran: Management API, bootstrap application).</summary>
internal sealed class StartedHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("The server is stopping.")
            : lifetime.ApplicationStarted.IsCancellationRequested
                ? HealthCheckResult.Healthy("Started.")
                : HealthCheckResult.Unhealthy("The server is starting."));
}
