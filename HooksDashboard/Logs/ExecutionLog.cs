using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HookInvocation = HooksDashboard.Hooks.HookInvocation;
using HooksDashboard.Storage;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Logs;

/// <summary>
/// <see cref="IExecutionLog"/>: a bounded in-process queue (<see cref="ExecutionLogSpool"/>: no object per queued record
/// survives the request) drained in batches into <see cref="IExecutionLogStorage"/>. The drain runs in
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
    private readonly Lock _queueLock = new();
    // Producers add to _queued under _queueLock; a drain swaps it with _writing (under the drain gate too) and writes
    // _writing's entries outside the lock, so recording never waits for the storage.
    private ExecutionLogSpool _queued = new();
    private ExecutionLogSpool _writing = new();
    // The first of _writing's entries not yet handed to the storage. A drain cancelled between two batches (a flush
    // given up at shutdown) leaves the rest there, and the next drain writes them before anything queued since.
    private int _writingNext;
    // Released when the queue gets its first record since the writer last looked (at most one release pending).
    private readonly SemaphoreSlim _available = new(0);
    private bool _availableSignalled;
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
    }

    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Records waiting for the background writer (a metric: <c>hooks.log.backlog</c>).</summary>
    public int Backlog
    {
        get
        {
            lock (_queueLock)
                return _queued.Count;
        }
    }

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
        bool signal;
        lock (_queueLock)
        {
            if (_queued.Count >= _options.QueueCapacity)
            {
                Interlocked.Increment(ref _dropped);
                Interlocked.Increment(ref _droppedUnreported);
                return;
            }
            _queued.Add(entry);
            signal = !_availableSignalled;
            _availableSignalled = true;
        }
        if (signal)
            _available.Release();
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
    /// Writes queued records, a batch per transaction: any left by a cancelled drain, else every record queued when it
    /// starts; then (unless <paramref name="once"/>) what came meanwhile, until the queue is empty. The caller holds the
    /// drain gate. A batch handed to the storage is not retried (its failure is logged as lost, as before); a
    /// cancellation keeps the batches after it.
    /// </summary>
    private async Task DrainAsync(CancellationToken cancellationToken, bool once = false)
    {
        // Leftovers of a cancelled drain do not count as the round's one take: the records queued meanwhile were
        // signalled to the writer already and would otherwise wait for the next record to wake it.
        var took = false;
        do
        {
            if (_writing.Count == 0)
            {
                lock (_queueLock)
                {
                    if (_queued.Count == 0)
                        return;
                    (_queued, _writing) = (_writing, _queued);
                }
                took = true;
            }
            while (_writingNext < _writing.Count)
            {
                var start = _writingNext;
                var count = Math.Min(_options.WriteBatchSize, _writing.Count - start);
                _writingNext = start + count;
                await WriteBatchAsync(_writing, start, count, cancellationToken).ConfigureAwait(false);
            }
            _writing.Clear();
            _writingNext = 0;
        }
        while (!once || !took);
    }

    /// <summary>
    /// The background writer's loop: drains whenever something is queued, until stopped. Only the wait is
    /// cancelled by the stop: a batch once taken from the queue is always written.
    /// </summary>
    internal async Task RunWriterAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            await _available.WaitAsync(stoppingToken).ConfigureAwait(false);
            lock (_queueLock)
                _availableSignalled = false;
            // Group commit: let the records of the next moments join this one's transaction. A commit costs far
            // more than a row, so under load this is most of the writer's work saved; the live tail is late by
            // at most the delay. A stop during the delay still writes what is queued. Real time, not the clock
            // records are stamped with: this is about the machine's work, not about what the records say.
            if (_options.WriteDelay > TimeSpan.Zero && Backlog < _options.WriteBatchSize)
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
            await DrainAsync(CancellationToken.None, once: true).ConfigureAwait(false);
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

    /// <summary>
    /// Writes entries <paramref name="start"/> to start + count - 1 of <paramref name="spool"/> in one transaction, each
    /// made into its record only when the storage inserts it (see <see cref="IExecutionLogStorage.WriteBatchAsync(int, Func{int, ExecutionLogRecord}, Action{ExecutionLogRecord}?, CancellationToken)"/>),
    /// and publishes them once committed.
    /// </summary>
    private async Task WriteBatchAsync(ExecutionLogSpool spool, int start, int count, CancellationToken cancellationToken)
    {
        // The records are kept for the feed only while someone watches it.
        var published = _feed.SubscriberCount > 0 ? new List<ExecutionLogRecord>(count) : null;
        try
        {
            await _storage.WriteBatchAsync(count, i => ToRecord(spool.Get(start + i)), published is null ? null : published.Add, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A log write failure (or a record that cannot be built) must never take down the runner or the writer:
            // the batch is lost, loudly.
            LogBatchLost(_logger, e, count);
            return;
        }
        if (published is null && _feed.SubscriberCount > 0)
        {
            // Someone started watching during the write: their view gets this batch too, made again from the queue
            // (as stored, but for a time the store moved forward after a clock went back).
            published = new List<ExecutionLogRecord>(count);
            for (var i = 0; i < count; i++)
                published.Add(ToRecord(spool.Get(start + i)));
        }
        if (published is not null)
            _feed.Publish(published);
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
    // Only what the record is made of, not the invocation and the result themselves (the hook's payload and result
    // trees): a caller may hold an entry until its change commits (IExecutionLog.WriteAsync), and the queue copies
    // queued entries into its spool (ExecutionLogSpool), which must not keep those trees alive either.
    internal ExecutionLogEntry(string id, DateTimeOffset createdAt, HookInvocation invocation, string? payloadJson, ExecutionResult result)
        : this(id, createdAt, invocation.HookId, invocation.HookName, invocation.TriggerId, invocation.Source, invocation.RequestId,
            invocation.Secrets, payloadJson, result.Status, result.DurationMs, result.Error, result.Logs, result.Requests)
    {
    }

    internal ExecutionLogEntry(
        string id, DateTimeOffset createdAt, string? hookId, string? hookName, string triggerId, InvocationSource source, string? requestId,
        IReadOnlyDictionary<string, string> secrets, string? payloadJson, ExecutionStatus status, double durationMs, ExecutionError? error,
        IReadOnlyList<ConsoleLine> logs, IReadOnlyList<Execution.Http.HttpRequestRecord> requests)
    {
        Id = id;
        CreatedAt = createdAt;
        HookId = hookId;
        HookName = hookName;
        TriggerId = triggerId;
        Source = source;
        RequestId = requestId;
        Secrets = secrets;
        PayloadJson = payloadJson;
        Status = status;
        DurationMs = durationMs;
        Error = error;
        Logs = logs;
        Requests = requests;
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
