using Microsoft.Data.Sqlite;

namespace HooksDashboard.Storage;

/// <summary>
/// Lowers one connection's <c>synchronous</c> setting to NORMAL for its next transactions and puts it back to
/// SQLite's default (FULL) when disposed, before the connection returns to the pool. In WAL mode NORMAL stays
/// consistent and only skips the sync of every commit: a power cut may lose the last commits, never corrupt the
/// file. Meant for data that may lose its last moments, such as execution log records, never for hooks or users.
/// </summary>
public sealed class RelaxedDurability : IAsyncDisposable
{
    private readonly SqliteConnection _connection;

    private RelaxedDurability(SqliteConnection connection) => _connection = connection;

    public static async Task<RelaxedDurability> ApplyAsync(SqliteConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = NORMAL;";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return new RelaxedDurability(connection);
    }

    public async ValueTask DisposeAsync()
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = FULL;";
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
