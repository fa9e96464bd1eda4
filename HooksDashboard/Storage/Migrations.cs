namespace HooksDashboard.Storage;

/// <summary>One numbered schema change. Applied at most once, in order, recorded in <c>schema_migrations</c>.</summary>
internal sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// The schema, as numbered migrations. Never edit a migration that has shipped: add the next number instead,
/// because databases that already applied it will not run it again.
/// </summary>
internal static class Migrations
{
    private const string Hooks = """
        CREATE TABLE hooks (
            id           TEXT    NOT NULL PRIMARY KEY,
            name         TEXT    NOT NULL,
            trigger_id   TEXT    NOT NULL,
            script       TEXT    NOT NULL,
            dependencies TEXT    NOT NULL DEFAULT '{}',
            enabled      INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
            created_at   TEXT    NOT NULL,
            updated_at   TEXT    NOT NULL,
            CONSTRAINT ux_hooks_name UNIQUE (name)
        );

        -- One enabled hook per extensibility point, whatever the code above the database does.
        CREATE UNIQUE INDEX ux_hooks_enabled_trigger ON hooks (trigger_id) WHERE enabled = 1;
        CREATE INDEX ix_hooks_created ON hooks (created_at, id);

        CREATE TABLE hook_secrets (
            hook_id    TEXT NOT NULL REFERENCES hooks (id) ON DELETE CASCADE,
            name       TEXT NOT NULL,
            -- Data Protection ciphertext, never the plain value.
            value      TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (hook_id, name)
        ) WITHOUT ROWID;
        """;

    private const string TestRuns = """
        CREATE TABLE test_runs (
            id         TEXT NOT NULL PRIMARY KEY,
            hook_id    TEXT NOT NULL REFERENCES hooks (id) ON DELETE CASCADE,
            payload    TEXT NOT NULL,
            result     TEXT NOT NULL,
            created_at TEXT NOT NULL
        );

        CREATE INDEX ix_test_runs_hook_created ON test_runs (hook_id, created_at, id);
        """;

    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "hooks", Hooks),
        new(2, "test_runs", TestRuns),
        new(Admins.AdminSchema.Version, "admins", Admins.AdminSchema.Sql),
        new(Audit.AuditSchema.Version, "hook_audit", Audit.AuditSchema.Sql),
    ];
}
