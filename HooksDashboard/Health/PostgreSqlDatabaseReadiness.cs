using Dapper;
using HooksDashboard.Storage;
using Npgsql;

namespace HooksDashboard.Health;

/// <summary>
/// <see cref="IDatabaseReadiness"/> of the PostgreSQL database, through <see cref="PostgreSqlDatabase"/> (the connection
/// every store uses): reads <c>schema_migrations</c> and lists what <see cref="Migrations.All"/> has that it lacks.
/// </summary>
internal sealed class PostgreSqlDatabaseReadiness(PostgreSqlDatabase database) : IDatabaseReadiness
{
    // to_regclass first: a database without the table (never migrated) is "every migration pending", not an error.
    private const string HasMigrationsTableSql = "SELECT to_regclass('schema_migrations') IS NOT NULL;";
    private const string AppliedSql = "SELECT version FROM schema_migrations;";

    public async Task<DatabaseReadiness> CheckAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var hasTable = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(HasMigrationsTableSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var applied = hasTable
                ? (await connection.QueryAsync<long>(new CommandDefinition(AppliedSql, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToHashSet()
                : [];
            return new(true, null, SqliteDatabaseReadiness.Pending(applied));
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException)
        {
            return new(false, ex.Message, []);
        }
    }
}
