using Microsoft.Extensions.Hosting;

namespace HooksDashboard.Storage;

/// <summary>
/// Brings the schema up to date while the host starts. Runs in <see cref="StartingAsync"/>, which the host
/// completes for every lifecycle service before any <c>StartAsync</c>, so the web server never serves a
/// request against an old schema.
/// </summary>
internal sealed class MigrationHostedService(IDatabase database, ILogger<MigrationHostedService> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var applied = await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (applied.Count > 0)
            logger.LogInformation("Applied database migrations {Versions} to {Database}", applied, database.Description);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
