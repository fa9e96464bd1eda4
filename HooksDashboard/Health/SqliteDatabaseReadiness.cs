using Dapper;
using HooksDashboard.Storage;
using Microsoft.Data.Sqlite;

namespace HooksDashboard.Health;

/// <summary>
/// <see cref="IDatabaseReadiness"/> of the SQLite file, through <see cref="SqliteDatabase"/> (the connection every
/// store uses): reads <c>schema_migrations</c> and lists what <see cref="Migrations.All"/> has that it lacks.
/// A missing file is reported as such instead of being created by the probe.
/// </summary>
internal sealed class SqliteDatabaseReadiness(SqliteDatabase database) : IDatabaseReadiness
{
    // sqlite_master first: a database without the table (never migrated) is "every migration pending", not an error.
    private const string HasMigrationsTableSql = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations';";

    private const string AppliedSql = "SELECT version FROM schema_migrations;";

    public async Task<DatabaseReadiness> CheckAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(database.DatabasePath))
            return new(false, $"The database file {database.DatabasePath} does not exist.", []);
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var hasTable = await connection.ExecuteScalarAsync<long>(new CommandDefinition(HasMigrationsTableSql, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
            var applied = hasTable
                ? (await connection.QueryAsync<long>(new CommandDefinition(AppliedSql, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToHashSet()
                : [];
            return new(true, null, Pending(applied));
        }
        catch (SqliteException ex)
        {
            return new(false, ex.Message, []);
        }
    }

    internal static IReadOnlyList<string> Pending(IReadOnlySet<long> applied) =>
        Migrations.All.Where(m => !applied.Contains(m.Version)).Select(m => $"{m.Version} {m.Name}").ToList();
}
