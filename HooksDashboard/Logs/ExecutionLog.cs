using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HookInvocation = HooksDashboard.Hooks.HookInvocation;
using HooksDashboard.Storage;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Logs;

/// <summary>
/// <see cref="IExecutionLog"/>: a bounded in-process queue drained in batches into <see cref="IExecutionLogStorage"/>. The drain runs in
/// <see cref="ExecutionLogWriterService"/> on a server and in <see cref="FlushAsync"/> on the command line;
/// a gate makes them take turns, so a flush returns only after any batch in flight is committed too.
/// </summary>
public sealed partial class ExecutionLog : IExecutionLog, IDisposable
{
    private readonly IExecutionLogStorage _storage;
    private readonly ExecutionLogFeed _feed;
    private readonly TimeProvider _time;
    private readonly ILogger<ExecutionLog> _logger;
    private readonly ExecutionLogOptions _options;
    private readonly Channel<ExecutionLogEntry> _queue;
    private readonly SemaphoreSlim _drainGate = new(1, 1);
    private long _dropped;
    private long _droppedUnreported;
    private bool _disposed;

    public ExecutionLog(IExecutionLogStorage storage, ExecutionLogFeed feed, TimeProvider time, IOptions<ExecutionLogOptions> options, ILogger<ExecutionLog> logger)
    {
        _storage = storage;
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
        ExecutionLogEntry entry, Func<DbConnection, DbTransaction, CancellationToken, Task<T>> change, CancellationToken cancellationToken = default)
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
            // Full durability: the transaction carries the caller's change.
            outcome = await _storage.WriteWithAsync(written, change, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Writes queued records, a batch per transaction, until the queue is empty or <paramref name="limit"/> records
    /// were taken. The caller holds the drain gate.
    /// </summary>
    private async Task DrainAsync(CancellationToken cancellationToken, int limit = int.MaxValue)
    {
        var batch = new List<ExecutionLogEntry>(Math.Min(_options.WriteBatchSize, Math.Max(limit, 1)));
        var left = limit;
        while (left > 0)
        {
            batch.Clear();
            while (batch.Count < _options.WriteBatchSize && batch.Count < left && _queue.Reader.TryRead(out var pending))
                batch.Add(pending);
            if (batch.Count == 0)
                break;
            left -= batch.Count;
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

            await WriteQueuedAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One round of the background writer: writes the records queued when it starts, in batches, and no more.
    /// Records that arrive while those are written wait for the next round's group commit: draining until the queue
    /// is empty chased them in ever smaller batches (at 3,000 records/s, 40 a batch instead of 150, and the
    /// writer's CPU per record doubled: docs/benchmarks.md, "log writer at a sustained 3,000 records/s").
    /// </summary>
    internal async Task WriteQueuedAsync()
    {
        if (Volatile.Read(ref _disposed))
            return;
        await _drainGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await DrainAsync(CancellationToken.None, _queue.Reader.Count).ConfigureAwait(false);
        }
        finally
        {
            _drainGate.Release();
        }
        ReportDropped();
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
            await _storage.WriteBatchAsync(records, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A log write failure must never take down the runner or the writer: the batch is lost, loudly.
            LogBatchLost(_logger, e, batch.Count);
            return;
        }
        _feed.Publish(records);
    }

    private ExecutionLogRecord ToRecord(ExecutionLogEntry pending)
    {
        // From the invocation, not the result's redactor: a caller may record a result the runner did not build.
        var secrets = SecretRedactor.For(pending.Secrets);
        var (logs, dropped) = PayloadRedactor.BoundConsole(pending.Logs, _options.MaxConsoleLines, _options.MaxConsoleBytes, secrets);
        return new ExecutionLogRecord
        {
            Id = pending.Id,
            CreatedAt = pending.CreatedAt,
            HookId = pending.HookId,
            HookName = pending.HookName,
            TriggerId = pending.TriggerId,
            Source = pending.Source,
            Outcome = pending.Status,
            DurationMs = pending.DurationMs,
            RequestId = pending.RequestId,
            Error = secrets.Redact(pending.Error),
            Logs = logs,
            LogsDropped = dropped,
            Payload = PayloadRedactor.RedactPayload(pending.PayloadJson, redactSensitiveNames: pending.Source != InvocationSource.Test, secrets),
            Requests = [.. pending.Requests.Select(r => r.Redact(secrets))],
        };
    }

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
    // Only what the record is made of, not the invocation and the result themselves: an entry waits in the queue
    // for the writer's group commit (Logs:WriteDelay), and the hook's payload and result trees it would otherwise
    // hold survive the young-generation collections meanwhile. At a few thousand records a second that survival
    // made the GC grow its young-generation budget several-fold, and the runtime touched fresh (page-faulting)
    // memory on every token (docs/benchmarks.md, "the execution log's queue and the GC's budget").
    internal ExecutionLogEntry(string id, DateTimeOffset createdAt, HookInvocation invocation, string? payloadJson, ExecutionResult result)
    {
        Id = id;
        CreatedAt = createdAt;
        HookId = invocation.HookId;
        HookName = invocation.HookName;
        TriggerId = invocation.TriggerId;
        Source = invocation.Source;
        RequestId = invocation.RequestId;
        Secrets = invocation.Secrets;
        PayloadJson = payloadJson;
        Status = result.Status;
        DurationMs = result.DurationMs;
        Error = result.Error;
        Logs = result.Logs;
        Requests = result.Requests;
    }

    /// <summary>The record's id (a ULID), the one it will have once stored.</summary>
    public string Id { get; }

    public DateTimeOffset CreatedAt { get; }

    internal string? HookId { get; }

    internal string? HookName { get; }

    internal string TriggerId { get; }

    internal InvocationSource Source { get; }

    internal string? RequestId { get; }

    /// <summary>The invocation's secrets, for redaction when the record is written.</summary>
    internal IReadOnlyDictionary<string, string> Secrets { get; }

    internal string? PayloadJson { get; }

    internal ExecutionStatus Status { get; }

    internal double DurationMs { get; }

    internal ExecutionError? Error { get; }

    internal IReadOnlyList<ConsoleLine> Logs { get; }

    internal IReadOnlyList<Execution.Http.HttpRequestRecord> Requests { get; }
}
