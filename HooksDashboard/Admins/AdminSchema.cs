namespace HooksDashboard.Admins;

/// <summary>The admins table (migration 300).</summary>
internal static class AdminSchema
{
    public const int Version = 300;

    public const string Sql = """
        CREATE TABLE admins (
            id              TEXT    NOT NULL PRIMARY KEY,
            email           TEXT    NOT NULL COLLATE NOCASE,
            -- PasswordHasher<T> output (PBKDF2, salted, versioned); never the password.
            password_hash   TEXT    NOT NULL,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until    TEXT    NULL,
            created_at      TEXT    NOT NULL,
            CONSTRAINT ux_admins_email UNIQUE (email)
        );
        """;

    // SQLite's NOCASE as an ICU collation that ignores case (level 2), so `email = @Email` and the UNIQUE constraint
    // stay case-insensitive with the same SQL text.
    public const string PostgreSql = """
        CREATE COLLATION IF NOT EXISTS hd_nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

        CREATE TABLE admins (
            id              TEXT    COLLATE "C" NOT NULL PRIMARY KEY,
            email           TEXT    COLLATE hd_nocase NOT NULL,
            password_hash   TEXT    NOT NULL,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until    TEXT    NULL,
            created_at      TEXT    NOT NULL,
            CONSTRAINT ux_admins_email UNIQUE (email)
        );
        """;
}
