using HooksDashboard.Storage;
using Npgsql;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// A fresh database on <see cref="ScratchPostgres"/> with the PostgreSQL schema of the stores of issue 14 (applications
/// to the execution log, <see cref="PostgresSchema"/>) applied in migration order, and a data source on it.
/// </summary>
public sealed class PostgresStoresDatabase : IAsyncDisposable
{
    private static readonly string[] Schema =
    [
        PostgresSchema.IdentityApplicationsApisGrants, PostgresSchema.ApplicationWebOrigins, PostgresSchema.ApplicationClientSettings,
        PostgresSchema.Users, PostgresSchema.HookEvents, PostgresSchema.UserProfile, PostgresSchema.ExecutionLogs, PostgresSchema.ExecutionLogRequests,
    ];

    private PostgresStoresDatabase(string connectionString, NpgsqlDataSource dataSource)
    {
        ConnectionString = connectionString;
        DataSource = dataSource;
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<PostgresStoresDatabase> CreateAsync()
    {
        DapperTypeHandlers.Register();
        var connectionString = await ScratchPostgres.CreateDatabaseAsync();
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            foreach (var sql in Schema)
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }
        }
        return new PostgresStoresDatabase(connectionString, dataSource);
    }

    /// <summary>Another data source on the same database (a second instance's).</summary>
    public NpgsqlDataSource NewDataSource() => NpgsqlDataSource.Create(ConnectionString);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
