using System.Data.Common;
using System.Globalization;
using Dapper;
using HooksDashboard.Storage;
using Microsoft.Data.Sqlite;

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

    /// <summary>Stores records with the caller's change in one fully durable transaction: both or neither.</summary>
    Task<T> WriteWithAsync<T>(List<ExecutionLogRecord> records, Func<DbConnection, DbTransaction, CancellationToken, Task<T>> change, CancellationToken cancellationToken);
}

/// <summary><see cref="IExecutionLogStorage"/> on SQLite.</summary>
public sealed class SqliteExecutionLogStorage(SqliteDatabase database) : IExecutionLogStorage
{
    private const string InsertSql = """
        INSERT INTO execution_logs
            (id, created_at, hook_id, hook_name, trigger_id, source, outcome, duration_ms, request_id,
             error_kind, error_name, error_message, error, logs, logs_dropped, payload, requests)
        VALUES
            (@Id, @CreatedAt, @HookId, @HookName, @TriggerId, @Source, @Outcome, @DurationMs, @RequestId,
             @ErrorKind, @ErrorName, @ErrorMessage, @Error, @Logs, @LogsDropped, @Payload, @Requests);
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
    internal static async Task InsertInOrderAsync(SqliteConnection connection, SqliteTransaction transaction, List<ExecutionLogRecord> records, CancellationToken cancellationToken)
    {
        var lastWritten = await connection.QuerySingleOrDefaultAsync<LastWritten>(new CommandDefinition(LastWrittenSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var last = lastWritten is null ? DateTimeOffset.MinValue : ParseTimestamp(lastWritten.CreatedAt);
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].CreatedAt <= last)
                records[i] = records[i] with { CreatedAt = last.AddTicks(1) };
            last = records[i].CreatedAt;
        }
        await InsertAsync(connection, transaction, [.. records.Select(ExecutionLogRow.From)], cancellationToken).ConfigureAwait(false);
        // Under the write lock a new row's seq is above every existing one (INTEGER PRIMARY KEY takes max + 1).
        await connection.ExecuteAsync(new CommandDefinition(ExecutionLogSchema.IndexTextSql, new { AfterSeq = lastWritten?.Seq ?? 0 },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private sealed record LastWritten(long Seq, string CreatedAt);

    /// <summary>The INSERT's parameters and each one's value in a row (null is stored as NULL).</summary>
    private static readonly (string Name, Func<ExecutionLogRow, object?> Value)[] InsertParameters =
    [
        ("@Id", r => r.Id),
        // The stores' fixed-width UTC text (see DapperTypeHandlers), which the queries compare and sort by.
        ("@CreatedAt", r => r.CreatedAt.UtcDateTime.ToString(DapperTypeHandlers.TimestampFormat, CultureInfo.InvariantCulture)),
        ("@HookId", r => r.HookId),
        ("@HookName", r => r.HookName),
        ("@TriggerId", r => r.TriggerId),
        ("@Source", r => r.Source),
        ("@Outcome", r => r.Outcome),
        ("@DurationMs", r => r.DurationMs),
        ("@RequestId", r => r.RequestId),
        ("@ErrorKind", r => r.ErrorKind),
        ("@ErrorName", r => r.ErrorName),
        ("@ErrorMessage", r => r.ErrorMessage),
        ("@Error", r => r.Error),
        ("@Logs", r => r.Logs),
        ("@LogsDropped", r => r.LogsDropped),
        ("@Payload", r => r.Payload),
        ("@Requests", r => r.Requests),
    ];

    /// <summary>
    /// One prepared statement for the whole batch, its parameters created once and given each row's values: SQLite
    /// compiles the INSERT once, and no per-row reflection or parameter objects are needed.
    /// </summary>
    private static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, List<ExecutionLogRow> rows, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertSql;
        var parameters = new SqliteParameter[InsertParameters.Length];
        for (var i = 0; i < parameters.Length; i++)
            parameters[i] = command.Parameters.Add(new SqliteParameter { ParameterName = InsertParameters[i].Name });
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
                parameters[i].Value = InsertParameters[i].Value(row) ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
