using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HooksDashboard.Storage;

/// <summary>Recognizes constraint violations the stores turn into their own errors, on either engine.</summary>
public static class DatabaseErrors
{
    /// <summary>
    /// A UNIQUE constraint or unique index was violated. SQLite names the columns in its message
    /// (<paramref name="sqliteColumns"/>, e.g. <c>"hooks.name"</c>); PostgreSQL names the constraint or index
    /// (<paramref name="postgreSqlConstraint"/>, e.g. <c>"ux_hooks_name"</c>).
    /// </summary>
    public static bool IsUniqueViolation(DbException exception, string sqliteColumns, string postgreSqlConstraint) => exception switch
    {
        // SQLITE_CONSTRAINT_UNIQUE ("UNIQUE constraint failed: hooks.name"), or SQLITE_CONSTRAINT_PRIMARYKEY for a
        // primary key that is not the rowid (e.g. applications.client_id).
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555 && sqlite.Message.Contains(sqliteColumns, StringComparison.Ordinal),
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation
            && string.Equals(postgres.ConstraintName, postgreSqlConstraint, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>A FOREIGN KEY constraint was violated (the parent row is gone).</summary>
    public static bool IsForeignKeyViolation(DbException exception) => exception switch
    {
        // SQLITE_CONSTRAINT_FOREIGNKEY.
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == 787,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.ForeignKeyViolation,
        _ => false,
    };
}
