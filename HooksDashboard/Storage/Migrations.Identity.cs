namespace HooksDashboard.Storage;

/// <summary>Identity schema (versions 100-149): applications, APIs (resource servers) and client grants.</summary>
internal static partial class Migrations
{
    private const string IdentityApplicationsApisGrants = """
        CREATE TABLE applications (
            client_id       TEXT NOT NULL PRIMARY KEY,
            name            TEXT NOT NULL,
            -- 'v1.{salt}.{sha256(salt || secret)}' in base64url; never the secret itself.
            secret_hash     TEXT NOT NULL,
            client_metadata TEXT NOT NULL DEFAULT '{}',
            created_at      TEXT NOT NULL,
            updated_at      TEXT NOT NULL
        );

        CREATE INDEX ix_applications_created ON applications (created_at, client_id);

        CREATE TABLE apis (
            id             TEXT    NOT NULL PRIMARY KEY,
            identifier     TEXT    NOT NULL,
            name           TEXT    NOT NULL,
            -- JSON array of {"value","description"}.
            scopes         TEXT    NOT NULL DEFAULT '[]',
            token_lifetime INTEGER NOT NULL DEFAULT 86400 CHECK (token_lifetime > 0),
            -- 'management' for the built-in Management API, NULL for user-defined APIs.
            system_key     TEXT    NULL,
            created_at     TEXT    NOT NULL,
            updated_at     TEXT    NOT NULL,
            CONSTRAINT ux_apis_identifier UNIQUE (identifier),
            CONSTRAINT ux_apis_system_key UNIQUE (system_key)
        );

        CREATE TABLE client_grants (
            id         TEXT NOT NULL PRIMARY KEY,
            client_id  TEXT NOT NULL REFERENCES applications (client_id) ON DELETE CASCADE,
            api_id     TEXT NOT NULL REFERENCES apis (id) ON DELETE CASCADE,
            -- JSON array of scope values, each one defined on the API.
            scopes     TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CONSTRAINT ux_client_grants_client_api UNIQUE (client_id, api_id)
        );

        CREATE INDEX ix_client_grants_api ON client_grants (api_id);
        """;

    // Auth0's web_origins: a JSON array of normalized origins (Identity/Applications/WebOrigins) whose pages may
    // call /dbconnections/* from a browser (CORS).
    private const string ApplicationWebOrigins = """
        ALTER TABLE applications ADD COLUMN web_origins TEXT NOT NULL DEFAULT '[]';
        """;

    // Auth0's app_type, callbacks, allowed_origins and grant_types (Management API /api/v2/clients). Existing
    // applications are machine-to-machine: non_interactive with the client_credentials grant.
    private const string ApplicationClientSettings = """
        ALTER TABLE applications ADD COLUMN app_type TEXT NOT NULL DEFAULT 'non_interactive';
        ALTER TABLE applications ADD COLUMN callbacks TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE applications ADD COLUMN allowed_origins TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE applications ADD COLUMN grant_types TEXT NOT NULL DEFAULT '["client_credentials"]';
        """;
}
