using System.Security.Cryptography;
using System.Text;
using HooksDashboard.Storage;
using Npgsql;

namespace HooksDashboard.Cluster;

/// <summary>
/// Which instance runs a cluster-wide chore (execution log retention): exactly one at a time. On SQLite the one
/// process always leads (<see cref="LocalLeadership"/>); on PostgreSQL leadership is a session advisory lock
/// (<see cref="PostgresLeadership"/>), held as long as the leader's connection lives, so a killed leader's chores pass
/// to the next instance that asks.
/// </summary>
public interface IClusterLeadership
{
    /// <summary>True when this instance leads <paramref name="job"/> (and keeps leading it until it stops).</summary>
    Task<bool> TryLeadAsync(string job, CancellationToken cancellationToken = default);
}

/// <summary>One instance: it leads everything.</summary>
public sealed class LocalLeadership : IClusterLeadership
{
    public Task<bool> TryLeadAsync(string job, CancellationToken cancellationToken = default) => Task.FromResult(true);
}

/// <summary>
/// <see cref="IClusterLeadership"/> by <c>pg_try_advisory_lock</c> on a connection kept open per job: the lock is the
/// session's, so it ends with the process (PostgreSQL releases it when the connection drops). Each call checks that
/// the held connection still works; if not, the lock was lost and is asked for again.
/// </summary>
public sealed class PostgresLeadership(PostgreSqlDatabase database) : IClusterLeadership, IAsyncDisposable
{
    private const string TryLockSql = "SELECT pg_try_advisory_lock(@Key);";
    private const string UnlockSql = "SELECT pg_advisory_unlock(@Key);";

    private readonly Dictionary<string, NpgsqlConnection> _held = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    /// <summary>The advisory lock key of a job: stable across instances and releases (SHA-256 of the name).</summary>
    public static long KeyOf(string job) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("HooksDashboard.Cluster:" + job)), 0);

    public async Task<bool> TryLeadAsync(string job, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(job);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_held.TryGetValue(job, out var held))
            {
                try
                {
                    await using var ping = new NpgsqlCommand("SELECT 1;", held);
                    await ping.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                    return true;
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
                {
                    // The session ended, and its lock with it: another instance may lead now.
                    _held.Remove(job);
                    await held.DisposeAsync().ConfigureAwait(false);
                }
            }

            var connection = await database.OpenNpgsqlConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await using var command = new NpgsqlCommand(TryLockSql, connection);
                command.Parameters.AddWithValue("Key", KeyOf(job));
                if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
                {
                    _held[job] = connection;
                    return true;
                }
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
            await connection.DisposeAsync().ConfigureAwait(false);
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            // Unlocked explicitly: a pooled connection keeps its session (and its locks) until it is next used.
            foreach (var (job, connection) in _held)
            {
                try
                {
                    await using var unlock = new NpgsqlCommand(UnlockSql, connection);
                    unlock.Parameters.AddWithValue("Key", KeyOf(job));
                    await unlock.ExecuteScalarAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
                {
                    // The session is gone already, and its lock with it.
                }
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            _held.Clear();
        }
        finally
        {
            _gate.Release();
        }
    }
}
