using System.Data.Common;
using System.Net.Sockets;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HooksDashboard.Storage;

/// <summary>
/// A shared PostgreSQL database (<c>Storage:Provider = PostgreSQL</c>, <c>ConnectionStrings:HooksDashboard</c>):
/// one pooled <see cref="NpgsqlDataSource"/> per process; any number of instances may use the same database.
/// Migrations run under an advisory lock, so instances starting together migrate once.
/// </summary>
public sealed class PostgreSqlDatabase : IDatabase, IAsyncDisposable, IDisposable
{
    private const string LockSql = "SELECT pg_advisory_xact_lock(@Key);";

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

    /// <summary>The advisory lock of the migration runner (any scope name hashes elsewhere).</summary>
    internal static readonly long MigrationLockKey = LockKey("schema_migrations");

    private readonly NpgsqlDataSource _dataSource;

    public PostgreSqlDatabase(IOptions<StorageOptions> options)
    {
        DapperTypeHandlers.Register();
        var connectionString = options.Value.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                $"{StorageOptions.ProviderKey} is PostgreSQL but the connection string ConnectionStrings:{StorageOptions.ConnectionStringName} is not set " +
                "(e.g. the environment variable ConnectionStrings__HooksDashboard=\"Host=db;Database=hooks;Username=hooks;Password=...\").");
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // The message names the bad keyword, never the value (which may be the password).
            throw new InvalidOperationException($"ConnectionStrings:{StorageOptions.ConnectionStringName} is not a valid PostgreSQL connection string: {e.Message}", e);
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
            throw new InvalidOperationException($"ConnectionStrings:{StorageOptions.ConnectionStringName} names no Host (a server name, an address, or a Unix socket folder).");

        Description = $"PostgreSQL database '{builder.Database ?? builder.Username}' on {builder.Host}:{builder.Port}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public StorageProvider Provider => StorageProvider.PostgreSQL;

    public string Description { get; }

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Opens a connection synchronously (for synchronous callers such as Data Protection's key repository).</summary>
    public NpgsqlConnection OpenConnection() => _dataSource.OpenConnection();

    /// <remarks>
    /// READ COMMITTED plus <c>pg_advisory_xact_lock</c> on the scope's key: writers of one scope queue as on
    /// SQLite, readers never wait, and the lock goes with the transaction (commit, rollback or a dropped connection).
    /// </remarks>
    public async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, string scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(scope);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(LockSql, new { Key = LockKey(scope) }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default) =>
        MigrateAsync(Migrations.All, cancellationToken);

    /// <summary>Applies the given migrations' PostgreSQL SQL (tests: a database as an older release left it).</summary>
    /// <exception cref="InvalidOperationException">The server cannot be reached, or a migration has no PostgreSQL SQL.</exception>
    internal async Task<IReadOnlyList<int>> MigrateAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken = default)
    {
        var missing = migrations.Where(m => m.PostgreSql is null).Select(m => $"{m.Version} ({m.Name})").ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"Migrations {string.Join(", ", missing)} have no PostgreSQL SQL: this build cannot run on PostgreSQL.");

        NpgsqlConnection connection;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"Cannot connect to the {Description} (ConnectionStrings:{StorageOptions.ConnectionStringName}): {e.Message}", e);
        }

        await using (connection.ConfigureAwait(false))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // Instances starting together queue here; the ones after the first find every migration applied.
            await connection.ExecuteAsync(new CommandDefinition(LockSql, new { Key = MigrationLockKey }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(CreateMigrationsTableSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var applied = (await connection.QueryAsync<int>(new CommandDefinition(SelectAppliedSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToHashSet();

            var versions = new List<int>();
            foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)))
            {
                await connection.ExecuteAsync(new CommandDefinition(migration.PostgreSql!, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                var record = new { migration.Version, migration.Name, AppliedAt = DateTimeOffset.UtcNow };
                await connection.ExecuteAsync(new CommandDefinition(InsertAppliedSql, record, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                versions.Add(migration.Version);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return versions;
        }
    }

    /// <summary>The advisory lock key of a scope: 64-bit FNV-1a of its UTF-8 name, the same in every process.</summary>
    internal static long LockKey(string scope)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes("HooksDashboard:" + scope))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return unchecked((long)hash);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
