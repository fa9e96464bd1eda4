using System.Data.Common;
using HooksDashboard.Storage;

namespace HooksDashboard.Events;

/// <summary>The durable hook event queue on SQLite, whose write lock makes a claim exclusive.</summary>
public sealed class SqliteHookEventStore(SqliteDatabase database, TimeProvider time) : HookEventStoreBase(time)
{
    // One statement under the write lock: the row is chosen and leased atomically, so two workers never take the
    // same event.
    private const string SqliteClaimSql = """
        UPDATE hook_events
        SET status = 'running', attempts = attempts + 1, lease_until = @LeaseUntil, updated_at = @Now
        WHERE id = (
            SELECT id FROM hook_events
            WHERE (status = 'pending' AND available_at <= @Now)
               OR (status = 'running' AND lease_until <= @Now AND attempts < @MaxAttempts)
            ORDER BY available_at, id
            LIMIT 1)
        RETURNING
        """ + " " + Columns + ";";

    protected override string ClaimSql => SqliteClaimSql;

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(SqliteDatabase.BeginWrite((Microsoft.Data.Sqlite.SqliteConnection)connection));
}
