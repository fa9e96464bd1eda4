using System.Data.Common;

namespace HooksDashboard.Storage;

/// <summary>
/// The database every store talks to, whatever the engine (<see cref="SqliteDatabase"/> or
/// <see cref="PostgreSqlDatabase"/>): connections per operation, write transactions, the schema's migrations.
/// A store keeps one class for both engines and picks an engine's SQL text only where the two must differ
/// (<see cref="Provider"/>); see "Storage engines" in docs/design.md.
/// </summary>
public interface IDatabase
{
    /// <summary>The engine, for the few SQL texts that differ.</summary>
    StorageProvider Provider { get; }

    /// <summary>Where the data lives, for logs and errors: the file path, or host and database (never a password).</summary>
    string Description { get; }

    /// <summary>Opens a new connection; the caller disposes it (<c>await using</c>) at the end of the operation.</summary>
    Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a transaction for a read-then-write sequence that must not interleave with another writer of the same
    /// <paramref name="scope"/> (e.g. <c>"hooks"</c>), in this process or another instance on the same database.
    /// SQLite takes its database-wide write lock up front (<c>BEGIN IMMEDIATE</c>) and ignores the scope;
    /// PostgreSQL takes a transaction-scoped advisory lock named by the scope.
    /// </summary>
    ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, string scope, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies the migrations not yet recorded in <c>schema_migrations</c>, all in one transaction. Safe to call any
    /// number of times, also from several processes (instances) at once: one of them migrates, the others wait and
    /// find the schema current.
    /// </summary>
    /// <returns>The versions applied by this call, in order; empty when the schema was current.</returns>
    Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default);
}
