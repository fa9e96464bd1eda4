using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Storage;

/// <summary>
/// The SQLite database file under the data folder: opens one connection per operation and applies the schema.
/// Stateless apart from the connection string, so one instance serves every store. Stores written for both
/// engines see it as <see cref="IDatabase"/>; SQLite-only code keeps the typed <see cref="SqliteConnection"/>.
/// </summary>
public sealed class SqliteDatabase : IDatabase
{
    // Concurrent writers queue on SQLite's own busy handler (finer-grained than Microsoft.Data.Sqlite's
    // 150 ms retry loop, which stays as the outer bound through DefaultTimeout).
    private const string ConnectionSetupSql = "PRAGMA busy_timeout = 10000;";

    // journal_mode belongs to the database file and cannot change inside a transaction, so it is set here,
    // once, before migrating; WAL lets readers proceed while one writer commits.
    private const string EnableWalSql = "PRAGMA journal_mode = WAL;";

    private const string CreateMigrationsTableSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at TEXT    NOT NULL
        );
        """;

    private const string SelectAppliedSql = "SELECT version FROM schema_migrations;";

    private const string InsertAppliedSql =
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt);";

    private readonly string _connectionString;

    public SqliteDatabase(IOptions<StorageOptions> options)
    {
        DapperTypeHandlers.Register();
        var storage = options.Value;
        if (string.IsNullOrWhiteSpace(storage.DataDirectory))
            throw new InvalidOperationException("StorageOptions.DataDirectory is not set.");

        // No I/O here: resolving the store (e.g. for the command line's run-hook) must not create folders.
        // MigrateAsync, which runs before any other use, creates the data folder.
        DataDirectory = storage.DataDirectory;
        DatabasePath = storage.DatabasePath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Off by default in SQLite and set per connection: needed for ON DELETE CASCADE of secrets and runs.
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The data folder holding the database.</summary>
    public string DataDirectory { get; }

    /// <summary>Full path of <c>hooks.db</c>.</summary>
    public string DatabasePath { get; }

    public StorageProvider Provider => StorageProvider.Sqlite;

    public string Description => DatabasePath;

    async Task<DbConnection> IDatabase.OpenConnectionAsync(CancellationToken cancellationToken) =>
        await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <remarks>The scope is not needed: <c>BEGIN IMMEDIATE</c> takes the whole file's write lock.</remarks>
    ValueTask<DbTransaction> IDatabase.BeginWriteAsync(DbConnection connection, string scope, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(BeginWrite((SqliteConnection)connection));

    /// <summary>Opens a new connection; the caller disposes it (<c>await using</c>) at the end of the operation.</summary>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(ConnectionSetupSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Starts a write transaction with <c>BEGIN IMMEDIATE</c>: the write lock is taken up front, so a
    /// read-then-write sequence cannot fail half-way with SQLITE_BUSY when another writer got in between,
    /// and concurrent writers simply wait their turn.
    /// </summary>
    public static SqliteTransaction BeginWrite(SqliteConnection connection) =>
        connection.BeginTransaction(deferred: false);

    /// <summary>
    /// Switches the file to WAL and applies the migrations not yet recorded in <c>schema_migrations</c>,
    /// all in one transaction (a failure leaves the schema as it was). Safe to call any number of times,
    /// also from several processes at once.
    /// </summary>
    /// <returns>The versions applied by this call, in order; empty when the schema was current.</returns>
    public Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default) =>
        MigrateAsync(Migrations.All, cancellationToken);

    /// <summary>Applies the given migrations (tests: a database as an older release left it).</summary>
    internal async Task<IReadOnlyList<int>> MigrateAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(DataDirectory);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var mode = await connection.ExecuteScalarAsync<string>(new CommandDefinition(EnableWalSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"SQLite refused WAL mode for {DatabasePath} (journal mode is '{mode}').");

        await using var transaction = BeginWrite(connection);
        await connection.ExecuteAsync(new CommandDefinition(CreateMigrationsTableSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var applied = (await connection.QueryAsync<long>(new CommandDefinition(SelectAppliedSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToHashSet();

        var versions = new List<int>();
        foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)))
        {
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var record = new { migration.Version, migration.Name, AppliedAt = DateTimeOffset.UtcNow };
            await connection.ExecuteAsync(new CommandDefinition(InsertAppliedSql, record, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            versions.Add(migration.Version);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return versions;
    }
}
