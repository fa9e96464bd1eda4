using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Dapper;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HookInvocation = HooksDashboard.Hooks.HookInvocation;
using HooksDashboard.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Logs;

/// <summary>
/// <see cref="IExecutionLog"/> on SQLite: a bounded in-process queue drained in batches. The drain runs in
/// <see cref="ExecutionLogWriterService"/> on a server and in <see cref="FlushAsync"/> on the command line;
/// a gate makes them take turns, so a flush returns only after any batch in flight is committed too.
/// </summary>
public sealed partial class ExecutionLog : IExecutionLog, IDisposable
{
    private const string InsertSql = """
        INSERT INTO execution_logs
            (id, created_at, hook_id, hook_name, trigger_id, source, outcome, duration_ms, request_id,
             error_kind, error_name, error_message, error, logs, logs_dropped, payload, requests)
        VALUES
            (@Id, @CreatedAt, @HookId, @HookName, @TriggerId, @Source, @Outcome, @DurationMs, @RequestId,
             @ErrorKind, @ErrorName, @ErrorMessage, @Error, @Logs, @LogsDropped, @Payload, @Requests);
        """;

    // The newest record by write order: new records are kept after it in time (see WriteBatchAsync).
    private const string LastCreatedSql = "SELECT created_at FROM execution_logs ORDER BY seq DESC LIMIT 1;";

    private readonly SqliteDatabase _database;
    private readonly ExecutionLogFeed _feed;
    private readonly TimeProvider _time;
    private readonly ILogger<ExecutionLog> _logger;
    private readonly ExecutionLogOptions _options;
    private readonly Channel<ExecutionLogEntry> _queue;
    private readonly SemaphoreSlim _drainGate = new(1, 1);
    private long _dropped;
    private long _droppedUnreported;
    private bool _disposed;

    public ExecutionLog(SqliteDatabase database, ExecutionLogFeed feed, TimeProvider time, IOptions<ExecutionLogOptions> options, ILogger<ExecutionLog> logger)
    {
        _database = database;
        _feed = feed;
        _time = time;
        _logger = logger;
        _options = options.Value;
        // Wait mode with TryWrite: a full queue makes TryWrite return false at once (DropWrite would report success).
        _queue = Channel.CreateBounded<ExecutionLogEntry>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = false,
            SingleReader = false,
        });
    }

    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Records waiting for the background writer (a metric: <c>hooks.log.backlog</c>).</summary>
    public int Backlog => _queue.Reader.Count;

    public void Record(HookInvocation invocation, JsonNode? payload, ExecutionResult result) => Enqueue(Prepare(invocation, payload, result));

    public ExecutionLogEntry Prepare(HookInvocation invocation, JsonNode? payload, ExecutionResult result)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(result);
        var now = _time.GetUtcNow();
        // Serialized now: the caller owns the payload node and may change it after the call returns.
        return new ExecutionLogEntry(Ulid.NewId(now), now, invocation, payload?.ToJsonString(), result);
    }

    public void Enqueue(ExecutionLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!_queue.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
            Interlocked.Increment(ref _droppedUnreported);
        }
    }

    public async Task<T> WriteAsync<T>(
        ExecutionLogEntry entry, Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(change);
        // Built before any lock: a record that cannot be built fails the caller's change too, so nothing is stored half.
        var record = ToRecord(entry);
        T outcome;
        await _drainGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Records queued before this one go first, in their own batch as usual: write order stays time order,
            // and the caller's transaction holds only its own record and change.
            await DrainAsync(cancellationToken).ConfigureAwait(false);

            List<ExecutionLogRecord> written = [record];
            await using (var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            {
                // Full durability (no RelaxedDurability here): the transaction carries the caller's change.
                await using var transaction = SqliteDatabase.BeginWrite(connection);
                await InsertInOrderAsync(connection, transaction, written, cancellationToken).ConfigureAwait(false);
                outcome = await change(connection, transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            // Published under the gate, after the commit: subscribers see records in write order, and only stored ones.
            _feed.Publish(written);
        }
        finally
        {
            _drainGate.Release();
        }
        ReportDropped();
        return outcome;
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        // A host may stop its services after disposing them (WebApplicationFactory does): nothing can be written then.
        if (Volatile.Read(ref _disposed))
            return;
        await _drainGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _drainGate.Release();
        }
        ReportDropped();
    }

    /// <summary>Writes every queued record, a batch per transaction. The caller holds the drain gate.</summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var batch = new List<ExecutionLogEntry>(_options.WriteBatchSize);
        while (true)
        {
            batch.Clear();
            while (batch.Count < _options.WriteBatchSize && _queue.Reader.TryRead(out var pending))
                batch.Add(pending);
            if (batch.Count == 0)
                break;
            await WriteBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The background writer's loop: drains whenever something is queued, until stopped. Only the wait is
    /// cancelled by the stop: a batch once taken from the queue is always written.
    /// </summary>
    internal async Task RunWriterAsync(CancellationToken stoppingToken)
    {
        while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            // Group commit: let the records of the next moments join this one's transaction. A commit costs far
            // more than a row, so under load this is most of the writer's work saved; the live tail is late by
            // at most the delay. A stop during the delay still writes what is queued. Real time, not the clock
            // records are stamped with: this is about the machine's work, not about what the records say.
            if (_options.WriteDelay > TimeSpan.Zero && _queue.Reader.Count < _options.WriteBatchSize)
            {
                try
                {
                    await Task.Delay(_options.WriteDelay, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: fall through and write what is queued.
                }
            }

            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <remarks>
    /// The drain gate is deliberately not disposed: a host may dispose this service while a flush it started during
    /// shutdown is still running, and that flush's release of a disposed gate would throw out of the host's stop.
    /// A SemaphoreSlim whose wait handle is never read holds no unmanaged resource.
    /// </remarks>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2213:Disposable fields should be disposed", Justification = "See remarks: a flush may still hold the gate.")]
    public void Dispose() => Volatile.Write(ref _disposed, true);

    private async Task WriteBatchAsync(List<ExecutionLogEntry> batch, CancellationToken cancellationToken)
    {
        List<ExecutionLogRecord> records;
        try
        {
            records = [.. batch.Select(ToRecord)];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            LogBatchLost(_logger, e, batch.Count);
            return;
        }

        try
        {
            await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var relaxed = await RelaxedDurability.ApplyAsync(connection, cancellationToken).ConfigureAwait(false);
            await using var transaction = SqliteDatabase.BeginWrite(connection);
            await InsertInOrderAsync(connection, transaction, records, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A log write failure must never take down the runner or the writer: the batch is lost, loudly.
            LogBatchLost(_logger, e, batch.Count);
            return;
        }
        _feed.Publish(records);
    }

    /// <summary>
    /// Inserts the records inside the caller's write transaction, keeping the invariant the text search relies on:
    /// seq order (write order) is (created_at, id) order. Under the write lock, a record is never older than the last
    /// one written, by any process; a clock that went back, or a slower process, moves the time forward by the ticks
    /// needed (the list's records are updated, so what is published is what is stored).
    /// </summary>
    private static async Task InsertInOrderAsync(SqliteConnection connection, SqliteTransaction transaction, List<ExecutionLogRecord> records, CancellationToken cancellationToken)
    {
        var lastText = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(LastCreatedSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var last = lastText is null ? DateTimeOffset.MinValue : ParseTimestamp(lastText);
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].CreatedAt <= last)
                records[i] = records[i] with { CreatedAt = last.AddTicks(1) };
            last = records[i].CreatedAt;
        }
        await InsertAsync(connection, transaction, [.. records.Select(ExecutionLogRow.From)], cancellationToken).ConfigureAwait(false);
    }

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

    private ExecutionLogRecord ToRecord(ExecutionLogEntry pending)
    {
        var invocation = pending.Invocation;
        // From the invocation, not the result's redactor: a caller may record a result the runner did not build.
        var secrets = SecretRedactor.For(invocation.Secrets);
        var (logs, dropped) = PayloadRedactor.BoundConsole(pending.Result.Logs, _options.MaxConsoleLines, _options.MaxConsoleBytes, secrets);
        return new ExecutionLogRecord
        {
            Id = pending.Id,
            CreatedAt = pending.CreatedAt,
            HookId = invocation.HookId,
            HookName = invocation.HookName,
            TriggerId = invocation.TriggerId,
            Source = invocation.Source,
            Outcome = pending.Result.Status,
            DurationMs = pending.Result.DurationMs,
            RequestId = invocation.RequestId,
            Error = secrets.Redact(pending.Result.Error),
            Logs = logs,
            LogsDropped = dropped,
            Payload = PayloadRedactor.RedactPayload(pending.PayloadJson, redactSensitiveNames: invocation.Source != InvocationSource.Test, secrets),
            Requests = [.. pending.Result.Requests.Select(r => r.Redact(secrets))],
        };
    }

    private static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);

    private void ReportDropped()
    {
        var dropped = Interlocked.Exchange(ref _droppedUnreported, 0);
        if (dropped > 0)
            LogDropped(_logger, dropped, _options.QueueCapacity, DroppedCount);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Execution log queue full: dropped {Dropped} records (capacity {Capacity}, {Total} dropped since start)")]
    private static partial void LogDropped(ILogger logger, long dropped, int capacity, long total);

    [LoggerMessage(Level = LogLevel.Error, Message = "Execution log: a batch of {Count} records could not be written and is lost")]
    private static partial void LogBatchLost(ILogger logger, Exception exception, int count);
}

/// <summary>
/// One invocation's execution record before it is stored: stamped (id, time) and its payload serialized when the run
/// ended; redacted and written by <see cref="IExecutionLog"/> (queued with <see cref="IExecutionLog.Enqueue"/>, or
/// stored at once with a change of the caller's through <see cref="IExecutionLog.WriteAsync{T}"/>).
/// </summary>
public sealed class ExecutionLogEntry
{
    internal ExecutionLogEntry(string id, DateTimeOffset createdAt, HookInvocation invocation, string? payloadJson, ExecutionResult result)
    {
        Id = id;
        CreatedAt = createdAt;
        Invocation = invocation;
        PayloadJson = payloadJson;
        Result = result;
    }

    /// <summary>The record's id (a ULID), the one it will have once stored.</summary>
    public string Id { get; }

    public DateTimeOffset CreatedAt { get; }

    internal HookInvocation Invocation { get; }

    internal string? PayloadJson { get; }

    internal ExecutionResult Result { get; }
}
