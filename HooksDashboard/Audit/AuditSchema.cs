namespace HooksDashboard.Audit;

/// <summary>The hook audit table (migration 301). No foreign key: the history outlives a deleted hook.</summary>
internal static class AuditSchema
{
    public const int Version = 301;

    public const string Sql = """
        CREATE TABLE hook_audit (
            id         TEXT NOT NULL PRIMARY KEY,
            hook_id    TEXT NOT NULL,
            hook_name  TEXT NOT NULL,
            action     TEXT NOT NULL,
            details    TEXT NOT NULL,
            actor_kind TEXT NOT NULL,
            actor      TEXT NOT NULL,
            created_at TEXT NOT NULL
        );

        CREATE INDEX ix_hook_audit_hook ON hook_audit (hook_id, id);
        """;

    public const string PostgreSql = """
        CREATE TABLE hook_audit (
            id         TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            hook_id    TEXT COLLATE "C" NOT NULL,
            hook_name  TEXT NOT NULL,
            action     TEXT NOT NULL,
            details    TEXT NOT NULL,
            actor_kind TEXT NOT NULL,
            actor      TEXT NOT NULL,
            created_at TEXT NOT NULL
        );

        CREATE INDEX ix_hook_audit_hook ON hook_audit (hook_id, id);
        """;
}
