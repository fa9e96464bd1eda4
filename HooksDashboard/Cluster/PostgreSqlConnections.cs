using HooksDashboard.Storage;
using Npgsql;

namespace HooksDashboard.Cluster;

/// <summary>Typed connections for the code that uses Npgsql's own API (LISTEN/NOTIFY, batches).</summary>
internal static class PostgreSqlConnections
{
    /// <summary>A new pooled connection of <paramref name="database"/>; the caller disposes it.</summary>
    public static async Task<NpgsqlConnection> OpenNpgsqlConnectionAsync(this PostgreSqlDatabase database, CancellationToken cancellationToken = default) =>
        (NpgsqlConnection)await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
}
