using System.Data.Common;
using System.Globalization;
using Dapper;
using HooksDashboard.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace HooksDashboard.Logs;

/// <summary>
/// Where <see cref="ExecutionLog"/> stores its batches: SQLite (<see cref="SqliteExecutionLogStorage"/>) or PostgreSQL
/// (<see cref="PostgresExecutionLogStorage"/>). The records of a batch may be changed by the store (SQLite moves a time
/// forward to keep write order = time order): what is in the list after the call is what was stored.
/// </summary>
public interface IExecutionLogStorage
{
    /// <summary>Stores a queued batch in one transaction, with relaxed durability (the last moments may be lost).</summary>
    Task WriteBatchAsync(List<ExecutionLogRecord> records, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a queued batch of <paramref name="count"/> records like <see cref="WriteBatchAsync(List{ExecutionLogRecord}, CancellationToken)"/>,
    /// asking <paramref name="recordAt"/> for each record (0 to count - 1, once each, in order) only when it is about to
    /// be stored, and handing each record as stored to <paramref name="stored"/> when given. A store that overrides
    /// this keeps no more than the record in hand alive: a batch waits through its inserts, text index and commit,
    /// and a whole batch of records held that long outlived the runtime's young-generation collections
    /// (docs/benchmarks.md, "the execution log's queue and the GC"). This default makes the list first.
    /// </summary>
    async Task WriteBatchAsync(int count, Func<int, ExecutionLogRecord> recordAt, Action<ExecutionLogRecord>? stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recordAt);
        var records = new List<ExecutionLogRecord>(count);
        for (var i = 0; i < count; i++)
            records.Add(recordAt(i));
        await WriteBatchAsync(records, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            foreach (var record in records)
                stored(record);
        }
    }

    /// <summary>Stores records with the caller's change in one fully durable transaction: both or neither.</summary>
    Task<T> WriteWithAsync<T>(List<ExecutionLogRecord> records, Func<DbConnection, DbTransaction, CancellationToken, Task<T>> change, CancellationToken cancellationToken);
}

/// <summary><see cref="IExecutionLogStorage"/> on SQLite.</summary>
public sealed class SqliteExecutionLogStorage(SqliteDatabase database) : IExecutionLogStorage
{
    // Numbered parameters, bound by position (see Insert).
    private const string InsertSql = """
        INSERT INTO execution_logs
            (id, created_at, hook_id, hook_name, trigger_id, source, outcome, duration_ms, request_id,
             error_kind, error_name, error_message, error, logs, logs_dropped, payload, requests)
        VALUES
            (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17);
        """;

    // The newest record by write order: new records are kept after it in time (see WriteBatchAsync), and the text of
    // those after its seq is indexed once they are in.
    private const string LastWrittenSql = "SELECT seq AS Seq, created_at AS CreatedAt FROM execution_logs ORDER BY seq DESC LIMIT 1;";

    public async Task WriteBatchAsync(List<ExecutionLogRecord> records, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var relaxed = await RelaxedDurability.ApplyAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var transaction = SqliteDatabase.BeginWrite(connection);
        await InsertInOrderAsync(connection, transaction, records, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteBatchAsync(int count, Func<int, ExecutionLogRecord> recordAt, Action<ExecutionLogRecord>? stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recordAt);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var relaxed = await RelaxedDurability.ApplyAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var transaction = SqliteDatabase.BeginWrite(connection);
        await InsertInOrderAsync(connection, transaction, count, recordAt, stored is null ? null : (_, record) => stored(record), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> WriteWithAsync<T>(List<ExecutionLogRecord> records, Func<DbConnection, DbTransaction, CancellationToken, Task<T>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Full durability (no RelaxedDurability here): the transaction carries the caller's change.
        await using var transaction = SqliteDatabase.BeginWrite(connection);
        await InsertInOrderAsync(connection, transaction, records, cancellationToken).ConfigureAwait(false);
        var outcome = await change(connection, transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>
    /// Inserts the records inside the caller's write transaction, keeping the invariant the text search relies on:
    /// seq order (write order) is (created_at, id) order. Under the write lock, a record is never older than the last
    /// one written, by any process; a clock that went back, or a slower process, moves the time forward by the ticks
    /// needed (the list's records are updated, so what is published is what is stored).
    /// </summary>
    internal static Task InsertInOrderAsync(SqliteConnection connection, SqliteTransaction transaction, List<ExecutionLogRecord> records, CancellationToken cancellationToken) =>
        InsertInOrderAsync(connection, transaction, records.Count, i => records[i], (i, record) => records[i] = record, cancellationToken);

    /// <summary>
    /// <see cref="InsertInOrderAsync(SqliteConnection, SqliteTransaction, List{ExecutionLogRecord}, CancellationToken)"/> with
    /// each record asked for when it is inserted and handed, as stored, to <paramref name="stored"/> with its index.
    /// </summary>
    private static async Task InsertInOrderAsync(
        SqliteConnection connection, SqliteTransaction transaction, int count, Func<int, ExecutionLogRecord> recordAt, Action<int, ExecutionLogRecord>? stored,
        CancellationToken cancellationToken)
    {
        var lastWritten = await connection.QuerySingleOrDefaultAsync<LastWritten>(new CommandDefinition(LastWrittenSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var last = lastWritten is null ? DateTimeOffset.MinValue : ParseTimestamp(lastWritten.CreatedAt);
        Insert(connection, count, i =>
        {
            var record = recordAt(i);
            if (record.CreatedAt <= last)
                record = record with { CreatedAt = last.AddTicks(1) };
            last = record.CreatedAt;
            stored?.Invoke(i, record);
            return record;
        });
        // Under the write lock a new row's seq is above every existing one (INTEGER PRIMARY KEY takes max + 1).
        await connection.ExecuteAsync(new CommandDefinition(ExecutionLogSchema.IndexTextSql, new { AfterSeq = lastWritten?.Seq ?? 0 },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private sealed record LastWritten(long Seq, string CreatedAt);

    /// <summary>
    /// One statement for the whole batch, prepared on the connection's own SQLite handle and given each row's values by
    /// position: Microsoft.Data.Sqlite's command looks every named parameter up in the statement (a string compare per
    /// name) and transcodes every text to UTF-8 in managed code on every execution, which cost a few microseconds a row
    /// (docs/benchmarks.md, "the log writer under 40 µs"). Texts are bound as UTF-16 spans, which SQLite copies and
    /// converts itself. The statement runs in the caller's transaction (a connection's transaction is SQLite's, not
    /// the command's) and is finalized before the commit.
    /// </summary>
    private static void Insert(SqliteConnection connection, int count, Func<int, ExecutionLogRecord> recordAt)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The execution log's connection is not open.");
        Check(raw.sqlite3_prepare_v2(db, InsertSql, out var statement), db);
        using (statement)
        {
            Span<char> time = stackalloc char[DapperTypeHandlers.TimestampFormat.Length];
            for (var i = 0; i < count; i++)
            {
                var row = ExecutionLogRow.From(recordAt(i));
                BindText(statement, 1, row.Id);
                // The stores' fixed-width UTC text (see DapperTypeHandlers), which the queries compare and sort by.
                if (!row.CreatedAt.UtcDateTime.TryFormat(time, out var timeLength, DapperTypeHandlers.TimestampFormat, CultureInfo.InvariantCulture))
                    throw new InvalidOperationException("An execution log time did not fit its fixed-width text.");
                Check(raw.sqlite3_bind_text16(statement, 2, time[..timeLength]), db);
                BindText(statement, 3, row.HookId);
                BindText(statement, 4, row.HookName);
                BindText(statement, 5, row.TriggerId);
                BindText(statement, 6, row.Source);
                BindText(statement, 7, row.Outcome);
                Check(raw.sqlite3_bind_double(statement, 8, row.DurationMs), db);
                BindText(statement, 9, row.RequestId);
                BindText(statement, 10, row.ErrorKind);
                BindText(statement, 11, row.ErrorName);
                BindText(statement, 12, row.ErrorMessage);
                BindText(statement, 13, row.Error);
                BindText(statement, 14, row.Logs);
                Check(raw.sqlite3_bind_int64(statement, 15, row.LogsDropped), db);
                BindText(statement, 16, row.Payload);
                BindText(statement, 17, row.Requests);
                var done = raw.sqlite3_step(statement);
                // Reset whatever the step returned, so the statement is ready for the next row (or finalized cleanly).
                raw.sqlite3_reset(statement);
                if (done != raw.SQLITE_DONE)
                    SqliteException.ThrowExceptionForRC(done, db);
            }
        }

        void BindText(sqlite3_stmt statement, int index, string? value) => Check(value switch
        {
            null => raw.sqlite3_bind_null(statement, index),
            // SQLite binds a NULL text pointer as NULL, and an empty span may pin to one: empty text goes through the
            // string overload, whose pointer is never NULL (the test of empty texts passed with and without this branch).
            "" => raw.sqlite3_bind_text(statement, index, ""),
            _ => raw.sqlite3_bind_text16(statement, index, value.AsSpan()),
        }, db);
    }

    private static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(rc, db);
    }

    private static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
