namespace HooksDashboard.Storage;

/// <summary>
/// The PostgreSQL SQL of the numbered migrations, one constant per SQLite one (same number, same tables and column
/// names). The differences, and why: booleans are BOOLEAN (SQLite has none; the stores pass bool parameters to both);
/// counters that C# reads as long are BIGINT; timestamps stay ISO-8601 UTC TEXT as on SQLite (they sort
/// chronologically and keep .NET's 100 ns precision, which timestamptz would round to 1 µs and break keyset cursors);
/// identifiers and names are <c>COLLATE "C"</c> so they sort byte-wise as SQLite's BINARY does whatever the database's
/// locale; immutability triggers are PL/pgSQL functions; no <c>WITHOUT ROWID</c>.
/// </summary>
internal static partial class Migrations
{
    private const string PostgreSqlHooks = """
        CREATE TABLE hooks (
            id           TEXT    COLLATE "C" NOT NULL PRIMARY KEY,
            name         TEXT    COLLATE "C" NOT NULL,
            trigger_id   TEXT    COLLATE "C" NOT NULL,
            script       TEXT    NOT NULL,
            dependencies TEXT    NOT NULL DEFAULT '{}',
            enabled      BOOLEAN NOT NULL DEFAULT FALSE,
            created_at   TEXT    NOT NULL,
            updated_at   TEXT    NOT NULL,
            CONSTRAINT ux_hooks_name UNIQUE (name)
        );

        -- One enabled hook per extensibility point, whatever the code above the database does, across instances.
        CREATE UNIQUE INDEX ux_hooks_enabled_trigger ON hooks (trigger_id) WHERE enabled;
        CREATE INDEX ix_hooks_created ON hooks (created_at, id);

        CREATE TABLE hook_secrets (
            hook_id    TEXT COLLATE "C" NOT NULL REFERENCES hooks (id) ON DELETE CASCADE,
            name       TEXT COLLATE "C" NOT NULL,
            -- Data Protection ciphertext, never the plain value.
            value      TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (hook_id, name)
        );
        """;

    private const string PostgreSqlTestRuns = """
        CREATE TABLE test_runs (
            id         TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            hook_id    TEXT COLLATE "C" NOT NULL REFERENCES hooks (id) ON DELETE CASCADE,
            payload    TEXT NOT NULL,
            result     TEXT NOT NULL,
            created_at TEXT NOT NULL
        );

        CREATE INDEX ix_test_runs_hook_created ON test_runs (hook_id, created_at, id);
        """;

    private const string PostgreSqlHookVersions = """
        ALTER TABLE hooks ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

        CREATE TABLE hook_versions (
            hook_id       TEXT    COLLATE "C" NOT NULL REFERENCES hooks (id) ON DELETE CASCADE,
            number        INTEGER NOT NULL CHECK (number >= 1),
            script        TEXT    NOT NULL,
            dependencies  TEXT    NOT NULL DEFAULT '{}',
            secret_names  TEXT    NOT NULL DEFAULT '[]',
            message       TEXT    NULL,
            author_kind   TEXT    NOT NULL,
            author        TEXT    NOT NULL,
            restored_from INTEGER NULL,
            script_lines  INTEGER NOT NULL,
            created_at    TEXT    NOT NULL,
            PRIMARY KEY (hook_id, number)
        );

        CREATE FUNCTION hook_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'hook versions are immutable';
        END;
        $$;

        CREATE TRIGGER tr_hook_versions_immutable BEFORE UPDATE ON hook_versions
            FOR EACH ROW EXECUTE FUNCTION hook_versions_immutable();

        INSERT INTO hook_versions (hook_id, number, script, dependencies, secret_names, message, author_kind, author, restored_from, script_lines, created_at)
        SELECT h.id, 1, h.script, h.dependencies,
               (SELECT coalesce(json_agg(s.name ORDER BY s.name), '[]')::text FROM hook_secrets AS s WHERE s.hook_id = h.id),
               'The script when versions began', 'System', 'system', NULL,
               length(h.script) - length(replace(h.script, chr(10), '')) + 1,
               h.updated_at
        FROM hooks AS h;
        """;

    private const string PostgreSqlHookStorage = """
        CREATE TABLE hook_storage (
            hook_id    TEXT   COLLATE "C" NOT NULL PRIMARY KEY REFERENCES hooks (id) ON DELETE CASCADE,
            data       TEXT   NOT NULL,
            version    BIGINT NOT NULL,
            updated_at TEXT   NOT NULL
        );
        """;

    private const string PostgreSqlIdentityApplicationsApisGrants = """
        CREATE TABLE applications (
            client_id       TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            name            TEXT NOT NULL,
            secret_hash     TEXT NOT NULL,
            client_metadata TEXT NOT NULL DEFAULT '{}',
            created_at      TEXT NOT NULL,
            updated_at      TEXT NOT NULL
        );

        CREATE INDEX ix_applications_created ON applications (created_at, client_id);

        CREATE TABLE apis (
            id             TEXT    COLLATE "C" NOT NULL PRIMARY KEY,
            identifier     TEXT    COLLATE "C" NOT NULL,
            name           TEXT    NOT NULL,
            scopes         TEXT    NOT NULL DEFAULT '[]',
            token_lifetime INTEGER NOT NULL DEFAULT 86400 CHECK (token_lifetime > 0),
            system_key     TEXT    NULL,
            created_at     TEXT    NOT NULL,
            updated_at     TEXT    NOT NULL,
            CONSTRAINT ux_apis_identifier UNIQUE (identifier),
            CONSTRAINT ux_apis_system_key UNIQUE (system_key)
        );

        CREATE TABLE client_grants (
            id         TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            client_id  TEXT COLLATE "C" NOT NULL REFERENCES applications (client_id) ON DELETE CASCADE,
            api_id     TEXT COLLATE "C" NOT NULL REFERENCES apis (id) ON DELETE CASCADE,
            scopes     TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CONSTRAINT ux_client_grants_client_api UNIQUE (client_id, api_id)
        );

        CREATE INDEX ix_client_grants_api ON client_grants (api_id);
        """;

    private const string PostgreSqlUsers = """
        CREATE TABLE connections (
            id         TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            name       TEXT COLLATE "C" NOT NULL,
            strategy   TEXT NOT NULL,
            created_at TEXT NOT NULL,
            CONSTRAINT ux_connections_name UNIQUE (name)
        );

        CREATE TABLE users (
            id                  TEXT    COLLATE "C" NOT NULL PRIMARY KEY,
            connection_id       TEXT    COLLATE "C" NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
            email               TEXT    NOT NULL,
            email_normalized    TEXT    COLLATE "C" NOT NULL,
            username            TEXT,
            username_normalized TEXT    COLLATE "C",
            password_hash       TEXT    NOT NULL,
            email_verified      BOOLEAN NOT NULL DEFAULT FALSE,
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
            token_hash TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            user_id    TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at    TEXT
        );

        CREATE INDEX ix_password_reset_tickets_user ON password_reset_tickets (user_id);
        """;

    private const string PostgreSqlHookEvents = """
        CREATE TABLE hook_events (
            id           TEXT    COLLATE "C" NOT NULL PRIMARY KEY,
            trigger_id   TEXT    COLLATE "C" NOT NULL,
            payload      TEXT    NOT NULL,
            request_id   TEXT,
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

    private const string PostgreSqlUserProfile = """
        ALTER TABLE users ADD COLUMN blocked BOOLEAN NOT NULL DEFAULT FALSE;
        ALTER TABLE users ADD COLUMN name TEXT;
        ALTER TABLE users ADD COLUMN nickname TEXT;
        ALTER TABLE users ADD COLUMN given_name TEXT;
        ALTER TABLE users ADD COLUMN family_name TEXT;
        ALTER TABLE users ADD COLUMN picture TEXT;
        ALTER TABLE users ADD COLUMN phone_number TEXT;
        """;

    // Migration 400: the cluster's shared keys. On PostgreSQL the Data Protection key ring (Storage/DatabaseXmlRepository)
    // and the token signing key (Identity/Tokens/SigningKeyStore) live here, so every instance decrypts the same cookies
    // and secrets and signs with the same key. On SQLite (one instance) they stay files in the data folder, as before;
    // the tables exist there too so both engines keep one numbered schema.
    private const string SharedKeys = """
        CREATE TABLE data_protection_keys (
            name       TEXT NOT NULL PRIMARY KEY,
            xml        TEXT NOT NULL,
            created_at TEXT NOT NULL
        );

        CREATE TABLE signing_keys (
            id         TEXT NOT NULL PRIMARY KEY,
            kid        TEXT NOT NULL,
            -- The same JSON as signing-key.json: the private key is Data Protection ciphertext.
            data       TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        """;

    // Migration 401: every committed change to hooks or their secrets notifies the channel hook_changes (once per
    // transaction: PostgreSQL folds equal notifications), so each instance's HookChangeListener drops its hook cache.
    // SQLite serves one instance per file: nothing to notify.
    private const string HookChangeNotifications = "SELECT 1;";

    private const string PostgreSqlHookChangeNotifications = """
        CREATE FUNCTION notify_hook_changes() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('hook_changes', '');
            RETURN NULL;
        END;
        $$;

        CREATE TRIGGER tr_hooks_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON hooks
            FOR EACH STATEMENT EXECUTE FUNCTION notify_hook_changes();
        CREATE TRIGGER tr_hook_secrets_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON hook_secrets
            FOR EACH STATEMENT EXECUTE FUNCTION notify_hook_changes();
        """;

    // Migration 402: egress policy changes notify hook_changes too, so every instance's cached policies
    // (SqliteHookEgressStore) are dropped when one instance narrows or widens a hook's egress. Nothing on SQLite.
    private const string HookEgressChangeNotifications = "SELECT 1;";

    private const string PostgreSqlHookEgressChangeNotifications = """
        CREATE TRIGGER tr_hook_egress_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON hook_egress
            FOR EACH STATEMENT EXECUTE FUNCTION notify_hook_changes();
        """;

    private const string PostgreSqlSharedKeys = """
        CREATE TABLE data_protection_keys (
            name       TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            xml        TEXT NOT NULL,
            created_at TEXT NOT NULL
        );

        CREATE TABLE signing_keys (
            id         TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            kid        TEXT NOT NULL,
            data       TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        """;
}
