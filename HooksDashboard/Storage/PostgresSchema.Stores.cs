namespace HooksDashboard.Storage;

/// <summary>
/// The PostgreSQL variants of the migrations for applications, APIs, grants, connections, users, the hook event
/// queue and the execution log (100-201): same numbers, names, tables and columns as the SQLite ones, so the stores'
/// SQL runs on both. Where the engines differ: timestamps stay fixed-width ISO text (the stores' Dapper handler) with
/// the "C" collation, so ordering and range bounds are byte order whatever the database's locale; flags are BOOLEAN
/// (a bool parameter binds to both engines); the execution log is partitioned by day and searched with a
/// <c>tsvector</c> column (see <c>Logs/PostgresExecutionLog*.cs</c>).
/// </summary>
internal static class PostgresSchema
{
    public const string IdentityApplicationsApisGrants = """
        CREATE TABLE applications (
            client_id       TEXT NOT NULL PRIMARY KEY,
            name            TEXT NOT NULL,
            secret_hash     TEXT NOT NULL,
            client_metadata TEXT NOT NULL DEFAULT '{}',
            created_at      TEXT COLLATE "C" NOT NULL,
            updated_at      TEXT COLLATE "C" NOT NULL
        );

        CREATE INDEX ix_applications_created ON applications (created_at, client_id);

        CREATE TABLE apis (
            id             TEXT    NOT NULL PRIMARY KEY,
            identifier     TEXT    NOT NULL,
            name           TEXT    NOT NULL,
            scopes         TEXT    NOT NULL DEFAULT '[]',
            token_lifetime INTEGER NOT NULL DEFAULT 86400 CHECK (token_lifetime > 0),
            system_key     TEXT    NULL,
            created_at     TEXT COLLATE "C" NOT NULL,
            updated_at     TEXT COLLATE "C" NOT NULL,
            CONSTRAINT ux_apis_identifier UNIQUE (identifier),
            CONSTRAINT ux_apis_system_key UNIQUE (system_key)
        );

        CREATE TABLE client_grants (
            id         TEXT NOT NULL PRIMARY KEY,
            client_id  TEXT NOT NULL REFERENCES applications (client_id) ON DELETE CASCADE,
            api_id     TEXT NOT NULL REFERENCES apis (id) ON DELETE CASCADE,
            scopes     TEXT NOT NULL DEFAULT '[]',
            created_at TEXT COLLATE "C" NOT NULL,
            updated_at TEXT COLLATE "C" NOT NULL,
            CONSTRAINT ux_client_grants_client_api UNIQUE (client_id, api_id)
        );

        CREATE INDEX ix_client_grants_api ON client_grants (api_id);
        """;

    public const string ApplicationWebOrigins = """
        ALTER TABLE applications ADD COLUMN web_origins TEXT NOT NULL DEFAULT '[]';
        """;

    public const string ApplicationClientSettings = """
        ALTER TABLE applications ADD COLUMN app_type TEXT NOT NULL DEFAULT 'non_interactive';
        ALTER TABLE applications ADD COLUMN callbacks TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE applications ADD COLUMN allowed_origins TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE applications ADD COLUMN grant_types TEXT NOT NULL DEFAULT '["client_credentials"]';
        """;

    public const string Users = """
        CREATE TABLE connections (
            id         TEXT NOT NULL PRIMARY KEY,
            name       TEXT NOT NULL,
            strategy   TEXT NOT NULL,
            created_at TEXT COLLATE "C" NOT NULL,
            CONSTRAINT ux_connections_name UNIQUE (name)
        );

        CREATE TABLE users (
            id                  TEXT    NOT NULL PRIMARY KEY,
            connection_id       TEXT    NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
            email               TEXT    NOT NULL,
            email_normalized    TEXT    NOT NULL,
            username            TEXT,
            username_normalized TEXT,
            password_hash       TEXT    NOT NULL,
            email_verified      BOOLEAN NOT NULL DEFAULT FALSE,
            user_metadata       TEXT    NOT NULL DEFAULT '{}',
            app_metadata        TEXT    NOT NULL DEFAULT '{}',
            created_at          TEXT COLLATE "C" NOT NULL,
            updated_at          TEXT COLLATE "C" NOT NULL,
            last_password_reset TEXT COLLATE "C"
        );

        CREATE UNIQUE INDEX ux_users_connection_email ON users (connection_id, email_normalized);
        CREATE UNIQUE INDEX ux_users_connection_username ON users (connection_id, username_normalized)
            WHERE username_normalized IS NOT NULL;
        CREATE INDEX ix_users_created ON users (created_at, id);

        CREATE TABLE password_reset_tickets (
            token_hash TEXT NOT NULL PRIMARY KEY,
            user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            created_at TEXT COLLATE "C" NOT NULL,
            expires_at TEXT COLLATE "C" NOT NULL,
            used_at    TEXT COLLATE "C"
        );

        CREATE INDEX ix_password_reset_tickets_user ON password_reset_tickets (user_id);
        """;

    // The claim (Events/PostgresHookEventStore) reads the due index with FOR UPDATE SKIP LOCKED: only unfinished
    // events are in it, so finished ones cost the claim nothing however many are kept.
    public const string HookEvents = """
        CREATE TABLE hook_events (
            id           TEXT    NOT NULL PRIMARY KEY,
            trigger_id   TEXT    NOT NULL,
            payload      TEXT    NOT NULL,
            request_id   TEXT,
            status       TEXT    NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
            attempts     INTEGER NOT NULL DEFAULT 0,
            available_at TEXT COLLATE "C" NOT NULL,
            lease_until  TEXT COLLATE "C",
            last_error   TEXT,
            result       TEXT,
            created_at   TEXT COLLATE "C" NOT NULL,
            updated_at   TEXT COLLATE "C" NOT NULL
        );

        CREATE INDEX ix_hook_events_due ON hook_events (available_at, id) WHERE status IN ('pending', 'running');
        CREATE INDEX ix_hook_events_created ON hook_events (created_at, id);
        """;

    public const string UserProfile = """
        ALTER TABLE users ADD COLUMN blocked BOOLEAN NOT NULL DEFAULT FALSE;
        ALTER TABLE users ADD COLUMN name TEXT;
        ALTER TABLE users ADD COLUMN nickname TEXT;
        ALTER TABLE users ADD COLUMN given_name TEXT;
        ALTER TABLE users ADD COLUMN family_name TEXT;
        ALTER TABLE users ADD COLUMN picture TEXT;
        ALTER TABLE users ADD COLUMN phone_number TEXT;
        """;

    /// <summary>
    /// Partitioned by day on <c>created_at</c> (text ranges in byte order: <c>'2026-12-06' &lt;= t &lt; '2026-12-07'</c>):
    /// retention drops whole days. Day partitions are created ahead by the writer
    /// (<c>Logs/PostgresExecutionLogPartitions</c>); there is no default partition, which would stop a day's partition
    /// from being created once it held rows of that day. The key (created_at, id) is the paging order. <c>search</c>
    /// holds the words the text search finds, built by <c>Logs/ExecutionLogSearchText</c>, under a GIN index.
    /// </summary>
    public const string ExecutionLogs = """
        CREATE TABLE execution_logs (
            id            TEXT    NOT NULL,
            created_at    TEXT COLLATE "C" NOT NULL,
            hook_id       TEXT    NULL,
            hook_name     TEXT    NULL,
            trigger_id    TEXT    NOT NULL,
            source        TEXT    NOT NULL CHECK (source IN ('runtime', 'test', 'cli')),
            outcome       TEXT    NOT NULL CHECK (outcome IN ('success', 'error')),
            duration_ms   DOUBLE PRECISION NOT NULL,
            request_id    TEXT    NULL,
            error_kind    TEXT    NULL,
            error_name    TEXT    NULL,
            error_message TEXT    NULL,
            error         TEXT    NULL,
            logs          TEXT    NOT NULL DEFAULT '[]',
            logs_dropped  INTEGER NOT NULL DEFAULT 0,
            payload       TEXT    NULL,
            search        TSVECTOR NOT NULL DEFAULT ''::tsvector,
            PRIMARY KEY (created_at, id)
        ) PARTITION BY RANGE (created_at);

        -- The record page and the live tail of other instances look records up by id alone.
        CREATE INDEX ix_execution_logs_id ON execution_logs (id);
        CREATE INDEX ix_execution_logs_created ON execution_logs (created_at, id) INCLUDE (trigger_id, outcome, source, duration_ms);
        CREATE INDEX ix_execution_logs_hook ON execution_logs (hook_id, created_at, id);
        CREATE INDEX ix_execution_logs_trigger ON execution_logs (trigger_id, created_at, id);
        CREATE INDEX ix_execution_logs_search ON execution_logs USING GIN (search);
        """;

    public const string ExecutionLogRequests = """
        ALTER TABLE execution_logs ADD COLUMN requests TEXT NULL;
        """;
}
