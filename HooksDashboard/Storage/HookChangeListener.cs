using HooksDashboard.Hooks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HooksDashboard.Storage;

/// <summary>
/// On PostgreSQL, drops this instance's hook cache (<see cref="CachingHookStore"/>) and egress policy cache
/// (<see cref="SqliteHookEgressStore"/>) as soon as any instance commits a change to <c>hooks</c>, <c>hook_secrets</c>
/// or <c>hook_egress</c>: a trigger (migrations 401 and 402) sends <c>NOTIFY hook_changes</c>, delivered
/// at commit, and this service holds one connection in <c>LISTEN hook_changes</c>. Enabling a hook on one instance is
/// so seen by the others within a round trip instead of the cache's <see cref="CachingHookStore.MaxAge"/>. After a lost
/// connection it reconnects (backing off up to 30 s) and drops the cache, since notifications may have been missed;
/// <see cref="CachingHookStore.MaxAge"/> still bounds staleness meanwhile. Does nothing on SQLite (one instance per file).
/// </summary>
public sealed class HookChangeListener(
    IOptions<StorageOptions> options, IServiceProvider services, CachingHookStore cache, ILogger<HookChangeListener> logger) : BackgroundService
{
    /// <summary>The channel the migration 401 trigger notifies.</summary>
    public const string Channel = "hook_changes";

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first <c>LISTEN</c> is in place (at once on SQLite).</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Provider != StorageProvider.PostgreSQL)
        {
            _listening.TrySetResult();
            return;
        }

        var database = services.GetRequiredService<PostgreSqlDatabase>();
        var egress = services.GetRequiredService<SqliteHookEgressStore>();
        void InvalidateAll()
        {
            cache.Invalidate();
            egress.Invalidate();
        }

        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = (NpgsqlConnection)await database.OpenConnectionAsync(stoppingToken).ConfigureAwait(false);
                connection.Notification += (_, _) => InvalidateAll();
                await using (var listen = new NpgsqlCommand("LISTEN " + Channel + ";", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                // Changes made while no connection listened are unknown: read everything afresh.
                InvalidateAll();
                _listening.TrySetResult();
                delay = TimeSpan.FromSeconds(1);
                while (true)
                    await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or IOException)
            {
                logger.LogWarning(e, "Listening for hook changes on {Database} failed; retrying in {Delay}", database.Description, delay);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            }
        }
    }
}
