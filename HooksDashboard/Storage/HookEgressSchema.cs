namespace HooksDashboard.Storage;

/// <summary>Migration of <c>hook_egress</c>: one row per hook that has its own egress policy (JSON, see HookEgressPolicy).</summary>
internal static class HookEgressSchema
{
    public const int Version = 11;

    // Plain types and a foreign key with ON DELETE CASCADE: the same statement works on PostgreSQL.
    public const string Sql = """
        CREATE TABLE hook_egress (
            hook_id    TEXT NOT NULL PRIMARY KEY REFERENCES hooks (id) ON DELETE CASCADE,
            policy     TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """;

    // On PostgreSQL the id is compared byte-wise, as the hooks table's.
    public const string PostgreSql = """
        CREATE TABLE hook_egress (
            hook_id    TEXT COLLATE "C" NOT NULL PRIMARY KEY REFERENCES hooks (id) ON DELETE CASCADE,
            policy     TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """;
}
