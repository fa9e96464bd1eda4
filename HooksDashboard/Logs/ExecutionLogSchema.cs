namespace HooksDashboard.Logs;

/// <summary>The execution log's tables (migration 200, see <c>Storage/Migrations.cs</c>).</summary>
internal static class ExecutionLogSchema
{
    /// <summary>
    /// <c>seq</c> is an explicit INTEGER PRIMARY KEY so the full-text index's rowids survive VACUUM (an implicit
    /// rowid may be renumbered). No foreign key to <c>hooks</c>: records outlive the hook they ran.
    /// Paging is keyset on (created_at, id) descending; the hook and point filters have indexes ending in
    /// (created_at, id), so a page is an index range read whatever the table's size.
    /// The full-text table is contentless (the text lives in the record) with delete support, fed by triggers.
    /// </summary>
    public const string V200ExecutionLogs = """
        CREATE TABLE execution_logs (
            seq           INTEGER NOT NULL PRIMARY KEY,
            id            TEXT    NOT NULL,
            created_at    TEXT    NOT NULL,
            hook_id       TEXT    NULL,
            hook_name     TEXT    NULL,
            trigger_id    TEXT    NOT NULL,
            source        TEXT    NOT NULL CHECK (source IN ('runtime', 'test', 'cli')),
            outcome       TEXT    NOT NULL CHECK (outcome IN ('success', 'error')),
            duration_ms   REAL    NOT NULL,
            request_id    TEXT    NULL,
            error_kind    TEXT    NULL,
            error_name    TEXT    NULL,
            error_message TEXT    NULL,
            -- The whole error (friendly message, line, column, details) as the shared result JSON.
            error         TEXT    NULL,
            -- Console lines as a JSON array of {level, message}.
            logs          TEXT    NOT NULL DEFAULT '[]',
            logs_dropped  INTEGER NOT NULL DEFAULT 0,
            payload       TEXT    NULL
        );

        CREATE UNIQUE INDEX ux_execution_logs_id ON execution_logs (id);
        -- Also carries the columns of the overview's statistics and of the outcome and source filters, so those
        -- read only the index: cheaper for every insert than an index per filter (measured: two more indexes
        -- cost about 20% of an insert, for pages that stay a few milliseconds without them).
        CREATE INDEX ix_execution_logs_created ON execution_logs (created_at, id, trigger_id, outcome, source, duration_ms);
        CREATE INDEX ix_execution_logs_hook ON execution_logs (hook_id, created_at, id);
        CREATE INDEX ix_execution_logs_trigger ON execution_logs (trigger_id, created_at, id);

        CREATE VIRTUAL TABLE execution_logs_fts USING fts5 (body, content = '', contentless_delete = 1);

        CREATE TRIGGER execution_logs_fts_insert AFTER INSERT ON execution_logs BEGIN
            INSERT INTO execution_logs_fts (rowid, body) VALUES (
                new.seq,
                coalesce(new.error_name, '') || char(10) || coalesce(new.error_message, '') || char(10)
                || coalesce(new.request_id, '') || char(10)
                || coalesce((SELECT group_concat(json_extract(value, '$.message'), char(10)) FROM json_each(new.logs)), ''));
        END;

        CREATE TRIGGER execution_logs_fts_delete AFTER DELETE ON execution_logs BEGIN
            DELETE FROM execution_logs_fts WHERE rowid = old.seq;
        END;
        """;

    /// <summary>
    /// The invocation's outbound HTTP requests as a JSON array of the result's <c>requests</c> (URL, status, sizes,
    /// bounded bodies, all redacted); NULL when it made none, so most rows pay nothing.
    /// </summary>
    public const string V201Requests = """
        ALTER TABLE execution_logs ADD COLUMN requests TEXT NULL;
        """;

    /// <summary>
    /// The full-text index is fed by the writer, one statement per batch (<see cref="IndexTextSql"/>, in the batch's
    /// transaction), instead of a trigger per row: SQLite's FTS5 takes a row inserted by a per-row trigger at about
    /// four times the cost of the same rows inserted by one INSERT ... SELECT (measured: 34 µs against 3 µs a row, the
    /// bulk of an insert). What is indexed, and when it becomes searchable (at the commit), is unchanged. The delete
    /// trigger stays: retention deletes in batches already.
    /// </summary>
    public const string V202IndexTextPerBatch = """
        DROP TRIGGER execution_logs_fts_insert;
        """;

    /// <summary>
    /// Migration 202 on PostgreSQL: nothing to do — the PostgreSQL log has no per-row index trigger; its writer fills
    /// the search column itself (see the PostgreSQL execution log storage).
    /// </summary>
    public const string PostgreSqlV202IndexTextPerBatch = "SELECT 1;";

    /// <summary>
    /// Indexes the text of every record written after <c>@AfterSeq</c> (the newest <c>seq</c> before the batch, 0 for
    /// none): error name and message, request id and console messages, one line each — what the former insert trigger
    /// indexed. Run inside the batch's write transaction, so the index never lags the table.
    /// </summary>
    public const string IndexTextSql = """
        INSERT INTO execution_logs_fts (rowid, body)
        SELECT seq,
               coalesce(error_name, '') || char(10) || coalesce(error_message, '') || char(10)
               || coalesce(request_id, '') || char(10)
               || CASE WHEN logs = '[]' THEN ''
                       ELSE coalesce((SELECT group_concat(json_extract(value, '$.message'), char(10)) FROM json_each(logs)), '') END
        FROM execution_logs WHERE seq > @AfterSeq ORDER BY seq;
        """;

    /// <summary>
    /// Migration 200 on PostgreSQL: partitioned by day on <c>created_at</c> (text ranges in byte order,
    /// <c>'2026-12-06' &lt;= t &lt; '2026-12-07'</c>), so retention drops whole days
    /// (<see cref="PostgresExecutionLogRetention"/>). Day partitions are created by the writer before a day's first record
    /// (<see cref="PostgresExecutionLogPartitions"/>); there is no default partition, which would stop a day's partition
    /// from being created once it held rows of that day. The key (created_at, id) is the paging order (no <c>seq</c>:
    /// several instances write at once, and nothing relies on write order here). <c>search</c> holds the words the text
    /// search finds (<see cref="ExecutionLogSearchText"/>) under a GIN index: PostgreSQL's own full-text search.
    /// </summary>
    public const string PostgreSqlV200ExecutionLogs = """
        CREATE TABLE execution_logs (
            id            TEXT    COLLATE "C" NOT NULL,
            created_at    TEXT    COLLATE "C" NOT NULL,
            hook_id       TEXT    COLLATE "C" NULL,
            hook_name     TEXT    NULL,
            trigger_id    TEXT    COLLATE "C" NOT NULL,
            source        TEXT    NOT NULL CHECK (source IN ('runtime', 'test', 'cli')),
            outcome       TEXT    NOT NULL CHECK (outcome IN ('success', 'error')),
            duration_ms   DOUBLE PRECISION NOT NULL,
            request_id    TEXT    NULL,
            error_kind    TEXT    NULL,
            error_name    TEXT    NULL,
            error_message TEXT    NULL,
            error         TEXT    NULL,
            logs          TEXT    NOT NULL DEFAULT '[]',
            logs_dropped  BIGINT  NOT NULL DEFAULT 0,
            payload       TEXT    NULL,
            search        TSVECTOR NOT NULL DEFAULT ''::tsvector,
            PRIMARY KEY (created_at, id)
        ) PARTITION BY RANGE (created_at);

        -- The record page and the live tail of other instances' records look records up by id alone.
        CREATE INDEX ix_execution_logs_id ON execution_logs (id);
        CREATE INDEX ix_execution_logs_created ON execution_logs (created_at, id) INCLUDE (trigger_id, outcome, source, duration_ms);
        CREATE INDEX ix_execution_logs_hook ON execution_logs (hook_id, created_at, id);
        CREATE INDEX ix_execution_logs_trigger ON execution_logs (trigger_id, created_at, id);
        CREATE INDEX ix_execution_logs_search ON execution_logs USING GIN (search);
        """;
}
