namespace HooksDashboard.Storage;

/// <summary>
/// One numbered schema change. Applied at most once, in order, recorded in <c>schema_migrations</c>.
/// <paramref name="Sql"/> is SQLite's; <paramref name="PostgreSql"/> the same change for PostgreSQL (the same
/// text when it is portable). A migration without PostgreSQL SQL stops PostgreSQL start-up, naming it.
/// </summary>
internal sealed record Migration(int Version, string Name, string Sql, string? PostgreSql = null);

/// <summary>
/// The schema, as numbered migrations. Never edit a migration that has shipped: add the next number instead,
/// because databases that already applied it will not run it again.
/// </summary>
internal static partial class Migrations
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

    // The HTTP mocks a test-panel run used (the mock set's JSON), loaded back with its payload; NULL for none.
    private const string TestRunHttpMocks = """
        ALTER TABLE test_runs ADD COLUMN http_mocks TEXT NULL;
        """;

    // Every save of a hook's script or dependencies keeps an immutable version (see SqliteHookStore.Versions.cs);
    // hooks.version is the current one. Existing hooks get their current script as version 1, with the secret
    // names they have now. The trigger refuses any change to a stored version, whatever the code does.
    private const string HookVersions = """
        ALTER TABLE hooks ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

        CREATE TABLE hook_versions (
            hook_id       TEXT    NOT NULL REFERENCES hooks (id) ON DELETE CASCADE,
            number        INTEGER NOT NULL CHECK (number >= 1),
            script        TEXT    NOT NULL,
            dependencies  TEXT    NOT NULL DEFAULT '{}',
            -- JSON array of the hook's secret names at the time of the save; values are never kept here.
            secret_names  TEXT    NOT NULL DEFAULT '[]',
            message       TEXT    NULL,
            author_kind   TEXT    NOT NULL,
            author        TEXT    NOT NULL,
            restored_from INTEGER NULL,
            script_lines  INTEGER NOT NULL,
            created_at    TEXT    NOT NULL,
            PRIMARY KEY (hook_id, number)
        );

        CREATE TRIGGER tr_hook_versions_immutable BEFORE UPDATE ON hook_versions
        BEGIN
            SELECT RAISE(ABORT, 'hook versions are immutable');
        END;

        INSERT INTO hook_versions (hook_id, number, script, dependencies, secret_names, message, author_kind, author, restored_from, script_lines, created_at)
        SELECT h.id, 1, h.script, h.dependencies,
               (SELECT json_group_array(s.name) FROM (SELECT name FROM hook_secrets WHERE hook_id = h.id ORDER BY name) AS s),
               'The script when versions began', 'System', 'system', NULL,
               length(h.script) - length(replace(h.script, char(10), '')) + 1,
               h.updated_at
        FROM hooks AS h;
        """;

    // context.webtask.storage: one JSON document per hook (at most 500 KB, checked by the executor), versioned for
    // webtask's optimistic concurrency; it goes with its hook.
    private const string HookStorage = """
        CREATE TABLE hook_storage (
            hook_id    TEXT    NOT NULL PRIMARY KEY REFERENCES hooks (id) ON DELETE CASCADE,
            data       TEXT    NOT NULL,
            version    INTEGER NOT NULL,
            updated_at TEXT    NOT NULL
        ) WITHOUT ROWID;
        """;

    // Saved test cases of a hook (Hooks/TestCases): names unique per hook, gone with their hook. The payload, the mocks
    // and the expectation are JSON text; secret overrides are one Data Protection ciphertext of a JSON object (NULL for
    // none), never plain values. Portable SQL: no SQLite-only types or clauses.
    private const string HookTestCases = """
        CREATE TABLE hook_test_cases (
            id          TEXT NOT NULL PRIMARY KEY,
            hook_id     TEXT NOT NULL REFERENCES hooks (id) ON DELETE CASCADE,
            name        TEXT NOT NULL,
            payload     TEXT NULL,
            http_mocks  TEXT NULL,
            secrets     TEXT NULL,
            expectation TEXT NOT NULL,
            created_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL,
            CONSTRAINT ux_hook_test_cases_name UNIQUE (hook_id, name)
        );
        """;

    // Migration 6 on PostgreSQL: ids and names compared byte-wise as on SQLite.
    private const string PostgreSqlHookTestCases = """
        CREATE TABLE hook_test_cases (
            id          TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            hook_id     TEXT COLLATE "C" NOT NULL REFERENCES hooks (id) ON DELETE CASCADE,
            name        TEXT COLLATE "C" NOT NULL,
            payload     TEXT NULL,
            http_mocks  TEXT NULL,
            secrets     TEXT NULL,
            expectation TEXT NOT NULL,
            created_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL,
            CONSTRAINT ux_hook_test_cases_name UNIQUE (hook_id, name)
        );
        """;

    // 150-159: database connection, users, password-reset tickets, the durable hook event queue.
    private const string Users = """
        CREATE TABLE connections (
            id         TEXT NOT NULL PRIMARY KEY,
            name       TEXT NOT NULL,
            strategy   TEXT NOT NULL,
            created_at TEXT NOT NULL,
            CONSTRAINT ux_connections_name UNIQUE (name)
        );

        CREATE TABLE users (
            id                  TEXT    NOT NULL PRIMARY KEY,
            connection_id       TEXT    NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
            email               TEXT    NOT NULL,
            -- Lower-cased, trimmed email: uniqueness per connection is case-insensitive, as in Auth0.
            email_normalized    TEXT    NOT NULL,
            username            TEXT,
            username_normalized TEXT,
            password_hash       TEXT    NOT NULL,
            email_verified      INTEGER NOT NULL DEFAULT 0 CHECK (email_verified IN (0, 1)),
            user_metadata       TEXT    NOT NULL DEFAULT '{}',
            app_metadata        TEXT    NOT NULL DEFAULT '{}',
            created_at          TEXT    NOT NULL,
            updated_at          TEXT    NOT NULL,
            last_password_reset TEXT
        );

        CREATE UNIQUE INDEX ux_users_connection_email ON users (connection_id, email_normalized);
        CREATE UNIQUE INDEX ux_users_connection_username ON users (connection_id, username_normalized)
            WHERE username_normalized IS NOT NULL;
        CREATE INDEX ix_users_created ON users (created_at, id);

        CREATE TABLE password_reset_tickets (
            -- SHA-256 of the ticket token (hex): the token itself is never stored.
            token_hash TEXT NOT NULL PRIMARY KEY,
            user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at    TEXT
        ) WITHOUT ROWID;

        CREATE INDEX ix_password_reset_tickets_user ON password_reset_tickets (user_id);
        """;

    private const string HookEvents = """
        CREATE TABLE hook_events (
            id           TEXT    NOT NULL PRIMARY KEY,
            trigger_id   TEXT    NOT NULL,
            payload      TEXT    NOT NULL,
            request_id   TEXT,
            -- pending: waiting (or waiting for a retry); running: leased by a worker until lease_until;
            -- done / failed: finished.
            status       TEXT    NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
            attempts     INTEGER NOT NULL DEFAULT 0,
            available_at TEXT    NOT NULL,
            lease_until  TEXT,
            last_error   TEXT,
            result       TEXT,
            created_at   TEXT    NOT NULL,
            updated_at   TEXT    NOT NULL
        );

        CREATE INDEX ix_hook_events_due ON hook_events (status, available_at, id);
        CREATE INDEX ix_hook_events_created ON hook_events (created_at, id);
        """;

    // Auth0's profile fields the Management API reads and writes (PATCH /api/v2/users/{id}), and `blocked`.
    private const string UserProfile = """
        ALTER TABLE users ADD COLUMN blocked INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1));
        ALTER TABLE users ADD COLUMN name TEXT;
        ALTER TABLE users ADD COLUMN nickname TEXT;
        ALTER TABLE users ADD COLUMN given_name TEXT;
        ALTER TABLE users ADD COLUMN family_name TEXT;
        ALTER TABLE users ADD COLUMN picture TEXT;
        ALTER TABLE users ADD COLUMN phone_number TEXT;
        """;

    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "hooks", Hooks, PostgreSqlHooks),
        new(2, "test_runs", TestRuns, PostgreSqlTestRuns),
        new(3, "test_run_http_mocks", TestRunHttpMocks, TestRunHttpMocks),
        new(4, "hook_versions", HookVersions, PostgreSqlHookVersions),
        new(5, "hook_storage", HookStorage, PostgreSqlHookStorage),
        new(6, "hook_test_cases", HookTestCases, PostgreSqlHookTestCases),
        new(HookEgressSchema.Version, "hook_egress", HookEgressSchema.Sql, HookEgressSchema.PostgreSql),
        new(100, "identity_applications_apis_grants", IdentityApplicationsApisGrants, PostgreSqlIdentityApplicationsApisGrants),
        new(101, "application_web_origins", ApplicationWebOrigins, ApplicationWebOrigins),
        new(102, "application_client_settings", ApplicationClientSettings, ApplicationClientSettings),
        new(150, "users", Users, PostgreSqlUsers),
        new(151, "hook_events", HookEvents, PostgreSqlHookEvents),
        new(152, "user_profile", UserProfile, PostgreSqlUserProfile),
        new(200, "execution_logs", Logs.ExecutionLogSchema.V200ExecutionLogs, Logs.ExecutionLogSchema.PostgreSqlV200ExecutionLogs),
        new(201, "execution_log_requests", Logs.ExecutionLogSchema.V201Requests, Logs.ExecutionLogSchema.V201Requests),
        new(202, "execution_log_text_per_batch", Logs.ExecutionLogSchema.V202IndexTextPerBatch, Logs.ExecutionLogSchema.PostgreSqlV202IndexTextPerBatch),
        new(Admins.AdminSchema.Version, "admins", Admins.AdminSchema.Sql, Admins.AdminSchema.PostgreSql),
        new(Audit.AuditSchema.Version, "hook_audit", Audit.AuditSchema.Sql, Audit.AuditSchema.PostgreSql),
        new(Audit.IdentityAuditSchema.Version, "identity_audit", Audit.IdentityAuditSchema.Sql, Audit.IdentityAuditSchema.PostgreSql),
        new(400, "shared_keys", SharedKeys, PostgreSqlSharedKeys),
        new(401, "hook_change_notifications", HookChangeNotifications, PostgreSqlHookChangeNotifications),
        new(402, "hook_egress_change_notifications", HookEgressChangeNotifications, PostgreSqlHookEgressChangeNotifications),
    ];
}
