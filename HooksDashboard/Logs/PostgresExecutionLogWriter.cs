using System.Collections.Concurrent;
using System.Globalization;
using HooksDashboard.Cluster;
using HooksDashboard.Storage;
using Npgsql;
using NpgsqlTypes;

namespace HooksDashboard.Logs;

/// <summary>
/// Inserts execution records on PostgreSQL: one round trip per batch (<see cref="NpgsqlBatch"/>), each record with its
/// search words (<see cref="ExecutionLogSearchText"/>), into its day's partition, created first when this process has
/// not seen it yet. No ordering trick is needed here (SQLite's writer keeps write order equal to time order for its
/// full-text index's rowids); several instances write at once and paging is on (created_at, id) alone.
/// </summary>
internal sealed class PostgresExecutionLogWriter(PostgreSqlDatabase database)
{
    private const string InsertSql = """
        INSERT INTO execution_logs
            (id, created_at, hook_id, hook_name, trigger_id, source, outcome, duration_ms, request_id,
             error_kind, error_name, error_message, error, logs, logs_dropped, payload, requests, search)
        VALUES
            ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, CAST($18 AS tsvector));
        """;

    // check_violation: "no partition of relation found for row" (the day's partition was dropped meanwhile).
    private const string NoPartitionState = "23514";

    private readonly ConcurrentDictionary<DateOnly, byte> _knownDays = new();

    /// <summary>Inserts <paramref name="records"/> in the caller's transaction, creating missing day partitions first.</summary>
    public async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<ExecutionLogRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
            return;
        await EnsurePartitionsAsync(records.Select(r => PostgresExecutionLogPartitions.DayOf(r.CreatedAt)), cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var record in records)
        {
            var row = ExecutionLogRow.From(record);
            var command = new NpgsqlBatchCommand(InsertSql);
            var p = command.Parameters;
            p.Add(new NpgsqlParameter<string> { TypedValue = row.Id });
            p.Add(new NpgsqlParameter<string> { TypedValue = row.CreatedAt.UtcDateTime.ToString(DapperTypeHandlers.TimestampFormat, CultureInfo.InvariantCulture) });
            p.Add(Text(row.HookId));
            p.Add(Text(row.HookName));
            p.Add(new NpgsqlParameter<string> { TypedValue = row.TriggerId });
            p.Add(new NpgsqlParameter<string> { TypedValue = row.Source });
            p.Add(new NpgsqlParameter<string> { TypedValue = row.Outcome });
            p.Add(new NpgsqlParameter<double> { TypedValue = row.DurationMs });
            p.Add(Text(row.RequestId));
            p.Add(Text(row.ErrorKind));
            p.Add(Text(row.ErrorName));
            p.Add(Text(row.ErrorMessage));
            p.Add(Text(row.Error));
            p.Add(new NpgsqlParameter<string> { TypedValue = row.Logs });
            p.Add(new NpgsqlParameter<long> { TypedValue = row.LogsDropped });
            p.Add(Text(row.Payload));
            p.Add(Text(row.Requests));
            p.Add(new NpgsqlParameter<string> { TypedValue = ExecutionLogSearchText.Document(record) });
            batch.BatchCommands.Add(command);
        }
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == NoPartitionState)
        {
            // Another instance's retention dropped a day this process thought it had: look again next time.
            _knownDays.Clear();
            throw;
        }
    }

    /// <summary>Creates the partitions of the days not seen yet (on a connection of its own: DDL commits at once).</summary>
    public async Task EnsurePartitionsAsync(IEnumerable<DateOnly> days, CancellationToken cancellationToken)
    {
        var missing = days.Distinct().Where(d => !_knownDays.ContainsKey(d)).ToList();
        if (missing.Count == 0)
            return;
        await using (var connection = await database.OpenNpgsqlConnectionAsync(cancellationToken).ConfigureAwait(false))
            await PostgresExecutionLogPartitions.EnsureAsync(connection, missing, cancellationToken).ConfigureAwait(false);
        foreach (var day in missing)
            _knownDays[day] = 0;
    }

    /// <summary>Forgets the days seen (after retention dropped some).</summary>
    public void Forget() => _knownDays.Clear();

    private static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };
}
