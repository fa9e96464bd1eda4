using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Execution;

/// <summary>
/// Configuration section <c>Execution</c> (the same section as the limits): how many invocations run at once and
/// how many may wait for a slot.
/// </summary>
public sealed class HookSchedulerOptions
{
    /// <summary>Invocations that run at the same time, each on its own dedicated thread. Default: the core count, at least 2.</summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>Invocations that may wait for a free slot; one more is refused at once. Default: 100.</summary>
    public int QueueLimit { get; set; } = 100;

    /// <summary>How long an invocation may wait for a slot before it is refused, in milliseconds. Default: 5,000.</summary>
    public int QueueTimeoutMs { get; set; } = 5_000;

    /// <summary>The retry hint (seconds) given with a refusal: a slot usually frees within milliseconds.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>The slot count in force.</summary>
    public int EffectiveMaxConcurrency => MaxConcurrency ?? Math.Max(2, Environment.ProcessorCount);

    /// <summary>What is wrong with the settings, or null.</summary>
    public string? Validate() =>
        EffectiveMaxConcurrency < 1 ? "Execution:MaxConcurrency must be at least 1"
        : QueueLimit < 0 ? "Execution:QueueLimit cannot be negative"
        : QueueTimeoutMs < 0 ? "Execution:QueueTimeoutMs cannot be negative"
        : RetryAfterSeconds < 1 ? "Execution:RetryAfterSeconds must be at least 1"
        : null;
}

/// <summary>
/// Runs hook invocations on a fixed number of dedicated threads (never thread-pool threads) with a bounded wait
/// queue. A script that loops until its time limit occupies one of these threads, not one the web server needs:
/// requests that run no hook (the dashboard, the JWKS, the Management API) are served while every slot is busy.
/// When the slots and the queue are full, or an invocation waited <see cref="HookSchedulerOptions.QueueTimeoutMs"/>,
/// the invocation is not started and its result is of kind <see cref="ExecutionErrorKind.Overloaded"/>, which each
/// caller maps to its own "try again" answer.
/// </summary>
/// <remarks>
/// Each worker thread carries its own <see cref="SynchronizationContext"/>: an invocation that waits for a timer
/// continues on the same thread, so its later JavaScript also stays off the thread pool. A slot is held for the
/// whole invocation, timer waits included.
/// </remarks>
public sealed partial class HookScheduler : IDisposable
{
    /// <summary>The error name of a refused invocation.</summary>
    public const string OverloadedErrorName = "OverloadedError";

    /// <summary>The property of <see cref="ExecutionError.Details"/> holding the retry hint in seconds.</summary>
    public const string RetryAfterDetail = "retryAfterSeconds";

    private readonly object _gate = new();
    private readonly LinkedList<WorkItem> _queue = new();
    private readonly List<Thread> _threads = [];
    private readonly HookSchedulerOptions _options;
    private readonly ILogger<HookScheduler> _logger;
    private int _idle;
    private int _running;
    private bool _disposed;
    private long _refused;

    public HookScheduler(IOptions<HookSchedulerOptions> options, ILogger<HookScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        if (_options.Validate() is { } invalid)
            throw new OptionsValidationException(nameof(HookSchedulerOptions), typeof(HookSchedulerOptions), [invalid]);
        _logger = logger;
        MaxConcurrency = _options.EffectiveMaxConcurrency;
    }

    /// <summary>Slots: invocations that may run at once.</summary>
    public int MaxConcurrency { get; }

    /// <summary>Invocations running now.</summary>
    public int Running
    {
        get
        {
            lock (_gate)
                return _running;
        }
    }

    /// <summary>Invocations waiting for a slot now.</summary>
    public int Queued
    {
        get
        {
            lock (_gate)
                return _queue.Count;
        }
    }

    /// <summary>Invocations refused since start (queue full or waited too long).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>
    /// Runs <paramref name="work"/> on a worker thread when a slot is free; completes with an
    /// <see cref="ExecutionErrorKind.Overloaded"/> result when none frees in time, or a cancelled result when
    /// <paramref name="cancellationToken"/> fires while waiting. Never throws for what <paramref name="work"/> does.
    /// </summary>
    public Task<ExecutionResult> RunAsync(Func<CancellationToken, Task<ExecutionResult>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (cancellationToken.IsCancellationRequested)
            return Task.FromResult(ExecutionResult.Failure(ExecutionErrorKind.Timeout, "TimeoutError", "Execution was cancelled"));

        var item = new WorkItem(work, Stopwatch.GetTimestamp(), cancellationToken);
        int running, queued;
        lock (_gate)
        {
            if (_disposed)
                return Task.FromResult(ExecutionResult.Failure(ExecutionErrorKind.Timeout, "TimeoutError", "Execution was cancelled: the server is stopping"));
            running = _running;
            queued = _queue.Count;
            var free = MaxConcurrency - _running;
            if (_queue.Count >= free + _options.QueueLimit)
            {
                item = null;
            }
            else
            {
                item.Node = _queue.AddLast(item);
                if (_idle > 0)
                {
                    // The woken worker is spoken for: the next caller does not count on it too.
                    _idle--;
                    Monitor.Pulse(_gate);
                }
                else if (_threads.Count < MaxConcurrency)
                {
                    StartWorker();
                }
                else
                {
                    // Only an invocation that has to wait pays for a timer.
                    item.ArmWaitLimit(this, _options.QueueTimeoutMs);
                }
            }
        }

        return item is null
            ? Task.FromResult(Refuse($"Every hook execution slot is busy ({running} running, {queued} waiting): the hook was not started."))
            : item.Completion.Task;
    }

    private void StartWorker()
    {
        var thread = new Thread(WorkerLoop)
        {
            IsBackground = true,
            Name = $"hook-worker-{_threads.Count + 1}",
        };
        _threads.Add(thread);
        thread.Start();
    }

    private void WorkerLoop()
    {
        var context = new WorkerSynchronizationContext();
        SynchronizationContext.SetSynchronizationContext(context);
        while (true)
        {
            WorkItem item;
            lock (_gate)
            {
                while (_queue.Count == 0 && !_disposed)
                {
                    // Whoever pulses takes this worker off the idle count.
                    _idle++;
                    Monitor.Wait(_gate);
                }

                if (_queue.First is not { } first)
                    return;
                item = first.Value;
                _queue.RemoveFirst();
                item.Node = null;
                _running++;
            }

            item.DisarmWaitLimit();
            try
            {
                item.Completion.TrySetResult(context.Run(item));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The executor never throws for a script; this is a host fault, reported as the executor would.
                item.Completion.TrySetResult(ExecutionResult.Failure(ExecutionErrorKind.Exception, "InternalError", $"{ex.GetType().Name}: {ex.Message}"));
            }
            finally
            {
                lock (_gate)
                    _running--;
            }
        }
    }

    /// <summary>Takes a waiting invocation out of the queue (timeout or cancellation); false when a worker already took it.</summary>
    private bool TryAbandon(WorkItem item)
    {
        lock (_gate)
        {
            if (item.Node is null)
                return false;
            _queue.Remove(item.Node);
            item.Node = null;
            return true;
        }
    }

    private void OnWaitLimit(WorkItem item, bool cancelled)
    {
        if (!TryAbandon(item))
            return;
        var waitedMs = (long)Stopwatch.GetElapsedTime(item.Enqueued).TotalMilliseconds;
        item.Completion.TrySetResult(cancelled
            ? ExecutionResult.Failure(ExecutionErrorKind.Timeout, "TimeoutError", "Execution was cancelled while waiting for a free hook execution slot", waitedMs)
            : Refuse($"No hook execution slot became free within {_options.QueueTimeoutMs} ms: the hook was not started.", waitedMs));
    }

    private ExecutionResult Refuse(string message, double waitedMs = 0)
    {
        var refused = Interlocked.Increment(ref _refused);
        // One warning per power of two refusals: a flood does not flood the log.
        if ((refused & (refused - 1)) == 0)
            LogRefused(_logger, refused, MaxConcurrency, _options.QueueLimit, message);
        var result = ExecutionResult.Failure(ExecutionErrorKind.Overloaded, OverloadedErrorName, message, waitedMs);
        return result with
        {
            Error = result.Error! with { Details = new JsonObject { [RetryAfterDetail] = _options.RetryAfterSeconds } },
        };
    }

    /// <summary>The retry hint of an <see cref="ExecutionErrorKind.Overloaded"/> error, in seconds (at least 1).</summary>
    public static int RetryAfterSeconds(ExecutionError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Details?[RetryAfterDetail] is JsonValue value && value.TryGetValue<int>(out var seconds) && seconds > 0 ? seconds : 1;
    }

    /// <summary>The retry hint as an HTTP <c>Retry-After</c> value.</summary>
    public static string RetryAfterHeader(ExecutionError error) => RetryAfterSeconds(error).ToString(CultureInfo.InvariantCulture);

    /// <summary>Stops the workers once the queue is empty; invocations still waiting are refused.</summary>
    public void Dispose()
    {
        List<WorkItem> waiting;
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            waiting = [.. _queue];
            _queue.Clear();
            foreach (var item in waiting)
                item.Node = null;
            Monitor.PulseAll(_gate);
        }

        foreach (var item in waiting)
        {
            item.DisarmWaitLimit();
            item.Completion.TrySetResult(ExecutionResult.Failure(ExecutionErrorKind.Timeout, "TimeoutError", "Execution was cancelled: the server is stopping"));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hook invocations refused: {Refused} so far ({MaxConcurrency} slots, queue of {QueueLimit}). {Reason}")]
    private static partial void LogRefused(ILogger logger, long refused, int maxConcurrency, int queueLimit, string reason);

    private sealed class WorkItem(Func<CancellationToken, Task<ExecutionResult>> work, long enqueued, CancellationToken cancellationToken)
    {
        private readonly Lock _sync = new();
        private CancellationTokenSource? _waitLimit;
        private CancellationTokenRegistration _registration;

        public Func<CancellationToken, Task<ExecutionResult>> Work { get; } = work;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public long Enqueued { get; } = enqueued;

        // Continuations go to the thread pool, never inline on a worker thread (which would then do the caller's work).
        public TaskCompletionSource<ExecutionResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The item's place in the queue while it waits; guarded by the scheduler's lock.</summary>
        public LinkedListNode<WorkItem>? Node { get; set; }

        public void ArmWaitLimit(HookScheduler scheduler, int timeoutMs)
        {
            lock (_sync)
            {
                _waitLimit = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
                _registration = _waitLimit.Token.Register(static state =>
                {
                    var (s, item) = ((HookScheduler, WorkItem))state!;
                    s.OnWaitLimit(item, item.CancellationToken.IsCancellationRequested);
                }, (scheduler, this));
                _waitLimit.CancelAfter(timeoutMs);
            }
        }

        public void DisarmWaitLimit()
        {
            lock (_sync)
            {
                _registration.Dispose();
                _waitLimit?.Dispose();
                _waitLimit = null;
            }
        }
    }

    /// <summary>
    /// One worker thread's context: work posted to it (an invocation's continuation after a timer) runs on that
    /// thread, in order, while the thread drives the invocation.
    /// </summary>
    private sealed class WorkerSynchronizationContext : SynchronizationContext
    {
        private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _posted = [];

        public override void Post(SendOrPostCallback d, object? state) => _posted.Add((d, state));

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("Synchronous dispatch to a hook worker thread is not supported.");

        public override SynchronizationContext CreateCopy() => this;

        /// <summary>Starts the work on this thread and runs what it posts back until it completes.</summary>
        public ExecutionResult Run(WorkItem item)
        {
            var task = item.Work(item.CancellationToken);
            if (!task.IsCompleted)
            {
                // Wakes the loop when the task completes without posting here (a continuation that left the context).
                task.ContinueWith(static (_, posted) => ((BlockingCollection<(SendOrPostCallback, object?)>)posted!).Add((static _ => { }, null)),
                    _posted, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                while (!task.IsCompleted)
                {
                    var (callback, state) = _posted.Take();
                    callback(state);
                }
            }

            // Anything still posted belongs to the finished invocation.
            while (_posted.TryTake(out var leftover))
                leftover.Callback(leftover.State);
            return task.GetAwaiter().GetResult();
        }
    }
}

/// <summary>
/// The executor every caller gets: the Jint executor behind the <see cref="HookScheduler"/>, telling the
/// <see cref="MemoryReclaimer"/> what each invocation allocated.
/// </summary>
public sealed class ScheduledHookExecutor(JintHookExecutor inner, HookScheduler scheduler, MemoryReclaimer? reclaimer = null) : IHookExecutor
{
    /// <inheritdoc />
    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // A worker thread does not run in the caller's execution context: when invocations are traced, the caller's
        // span (the invocation's) is made current on the worker, so the hook's outbound HTTP spans become its children.
        if (System.Diagnostics.Activity.Current is { } parent && Telemetry.HooksTelemetry.Source.HasListeners())
            return scheduler.RunAsync(token => RunUnderAsync(parent, request, token), cancellationToken);
        return reclaimer is null
            ? scheduler.RunAsync(token => inner.ExecuteAsync(request, token), cancellationToken)
            : scheduler.RunAsync(token => RunMeasuredAsync(request, token), cancellationToken);
    }

    // An async method: the current activity it sets is undone for the worker when the invocation ends.
    private async Task<ExecutionResult> RunUnderAsync(System.Diagnostics.Activity parent, ExecutionRequest request, CancellationToken cancellationToken)
    {
        System.Diagnostics.Activity.Current = parent;
        return reclaimer is null
            ? await inner.ExecuteAsync(request, cancellationToken).ConfigureAwait(true)
            : await RunMeasuredAsync(request, cancellationToken).ConfigureAwait(true);
    }

    // The whole invocation runs on one worker thread (its timers come back to it), so the thread's allocation
    // counter measures exactly this invocation.
    private async Task<ExecutionResult> RunMeasuredAsync(ExecutionRequest request, CancellationToken cancellationToken)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = await inner.ExecuteAsync(request, cancellationToken).ConfigureAwait(true);
        reclaimer!.Observe(GC.GetAllocatedBytesForCurrentThread() - before);
        return result;
    }

    /// <inheritdoc />
    public IReadOnlyList<ScriptDiagnostic> CheckSyntax(string script) => inner.CheckSyntax(script);

    /// <inheritdoc />
    public Task<bool> WarmUpAsync(ExecutionRequest request, CancellationToken cancellationToken = default) =>
        inner.WarmUpAsync(request, cancellationToken);

    /// <inheritdoc />
    public void DiscardWarmEngines(string owner) => inner.DiscardWarmEngines(owner);
}
