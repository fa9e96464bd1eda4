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

    /// <summary>
    /// Invocations that may wait for outbound HTTP or a timer without holding a slot (their engines stay in memory
    /// meanwhile); beyond that, a waiting invocation keeps its slot as before. Default: 256; 0 turns the release off.
    /// </summary>
    public int MaxSuspended { get; set; } = 256;

    /// <summary>
    /// Whether an invocation whose caller has no synchronization context (a request of the runtime endpoints, the event
    /// worker, the command line) starts on the caller's thread when a slot is free and no invocation is waiting, instead
    /// of being handed to a worker thread. So at most <see cref="MaxConcurrency"/> pool threads run hooks at a time, and
    /// the thread pool's minimum is raised by that many so that they never starve it. Default: true: in six alternating
    /// long runs on a quiet machine (docs/benchmarks.md, 2026-12-06 morning) it gave the better with/without-hook
    /// throughput ratio at every concurrency (1, 4, 8, 16), by 3-8 points; letting every free slot (not only the first)
    /// start on its caller raised the ratio at c=4 and c=16 by another 3-6 points in two alternated pairs
    /// (docs/benchmarks.md, "Caller-thread runs in every free slot").
    /// </summary>
    public bool RunOnCallerThread { get; set; } = true;

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
        : MaxSuspended < 0 ? "Execution:MaxSuspended cannot be negative"
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
/// <para>
/// With <see cref="HookSchedulerOptions.RunOnCallerThread"/> (on by default), when a slot is free, no invocation waits
/// and the caller has no <see cref="SynchronizationContext"/> (a request thread of the runtime endpoints), the
/// invocation starts on the caller's thread: no hand-off to a worker and none
/// back, which is most of what a hook cost at concurrency 1. Its slot is held as any other; a hook that loops runs on
/// that pool thread until its time limit (at most one per slot), which is why the thread pool's minimum is raised by the
/// number of slots. If the
/// invocation has to wait (a timer, HTTP), the caller's thread is let go at once: the wait either gives the slot back
/// (below) or the invocation, with its slot, is handed to a worker thread. Blazor circuits and tests (which have a
/// context) always go through the workers.
/// </para>
/// <para>
/// Each invocation carries its own <see cref="SynchronizationContext"/>: whatever it awaits continues on a worker
/// thread, one continuation at a time, so its JavaScript stays off the thread pool and its engine never runs on two
/// threads at once. While it waits for outbound HTTP or a timer (the work calls <see cref="ReleaseSlotWhileWaiting"/>
/// before awaiting) the slot is given back: the worker thread runs other invocations, and the continuation is queued
/// for the next free worker, ahead of invocations not yet started (at most <see cref="HookSchedulerOptions.MaxSuspended"/>
/// invocations wait that way; beyond it they keep their slot). So 100 hooks waiting on a slow API, or sleeping in a
/// retry back-off, do not keep the token endpoint's hooks from running.
/// </para>
/// </remarks>
public sealed partial class HookScheduler : IDisposable
{
    /// <summary>The error name of a refused invocation.</summary>
    public const string OverloadedErrorName = "OverloadedError";

    /// <summary>The property of <see cref="ExecutionError.Details"/> holding the retry hint in seconds.</summary>
    public const string RetryAfterDetail = "retryAfterSeconds";

    private readonly object _gate = new();
    private readonly LinkedList<WorkItem> _queue = new();
    // Suspended invocations whose awaited I/O completed: resumed before new invocations start.
    private readonly Queue<InvocationContext> _ready = new();
    // Invocations started on their caller's thread that must wait while keeping their slot: a worker adopts them.
    private readonly Queue<InvocationContext> _handoff = new();
    private int _suspended;
    private long _ranOnCaller;
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
        if (_options.RunOnCallerThread)
            ReserveThreadPoolThreads(MaxConcurrency);
    }

    private static int _poolReserved;

    /// <summary>
    /// Raises the thread pool's minimum by the number of slots, once per process: a hook started on a caller's pool
    /// thread (at most one per slot) may hold it until its time limit, and the pool then still has its usual threads at
    /// hand without its slow growth.
    /// </summary>
    private static void ReserveThreadPoolThreads(int slots)
    {
        if (Interlocked.Exchange(ref _poolReserved, 1) == 1)
            return;
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(workers + slots, io);
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

    /// <summary>Invocations started on their caller's thread since start.</summary>
    public long RanOnCallerThread => Interlocked.Read(ref _ranOnCaller);

    /// <summary>Invocations waiting for outbound HTTP or a timer without holding a slot now.</summary>
    public int Suspended
    {
        get
        {
            lock (_gate)
                return _suspended;
        }
    }

    /// <summary>
    /// Called by running work just before it awaits outbound HTTP or a timer: if nothing else is queued for the
    /// invocation when the await yields, its thread and slot are given to other invocations until the await's
    /// continuation comes back. Does nothing outside a scheduled invocation.
    /// </summary>
    public static void ReleaseSlotWhileWaiting()
    {
        if (SynchronizationContext.Current is InvocationContext context)
            context.ReleaseRequested = true;
    }

    /// <summary>Invocations refused since start (queue full or waited too long).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>
    /// Runs <paramref name="work"/> on a worker thread when a slot is free; completes with an
    /// <see cref="ExecutionErrorKind.Overloaded"/> result when none frees in time, or a cancelled result when
    /// <paramref name="cancellationToken"/> fires while waiting. Never throws for what <paramref name="work"/> does.
    /// </summary>
    public Task<ExecutionResult> RunAsync(Func<CancellationToken, Task<ExecutionResult>> work, CancellationToken cancellationToken = default) =>
        RunAsync(work, null, cancellationToken);

    /// <inheritdoc cref="RunAsync(Func{CancellationToken, Task{ExecutionResult}}, CancellationToken)"/>
    /// <param name="allocated">Told, when the work completes, how many bytes its worker threads allocated while running it
    /// (every segment, whichever worker ran it).</param>
    public Task<ExecutionResult> RunAsync(Func<CancellationToken, Task<ExecutionResult>> work, Action<long>? allocated, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (cancellationToken.IsCancellationRequested)
            return Task.FromResult(ExecutionResult.Failure(ExecutionErrorKind.Timeout, "TimeoutError", "Execution was cancelled"));

        var item = new WorkItem(work, Stopwatch.GetTimestamp(), cancellationToken) { Allocated = allocated };
        int running, queued;
        var onCaller = false;
        lock (_gate)
        {
            if (_disposed)
                return Task.FromResult(ExecutionResult.Failure(ExecutionErrorKind.Timeout, "TimeoutError", "Execution was cancelled: the server is stopping"));
            running = _running;
            queued = _queue.Count;
            var free = MaxConcurrency - _running;
            if (free > 0 && _queue.Count == 0 && _ready.Count == 0 && _options.RunOnCallerThread && SynchronizationContext.Current is null)
            {
                // A free slot and nobody waiting for one: this thread runs it (a queued invocation or a resumed
                // continuation would otherwise be overtaken). Handing it to a worker instead costs a wake-up and a hop back.
                _running++;
                onCaller = true;
            }
            else if (_queue.Count >= free + _options.QueueLimit)
            {
                item = null;
            }
            else
            {
                item.Node = _queue.AddLast(item);
                if (free > 0 && (_idle > 0 || _threads.Count < MaxConcurrency))
                {
                    WakeWorkerLocked();
                }
                else
                {
                    // Only an invocation that has to wait pays for a timer.
                    item.ArmWaitLimit(this, _options.QueueTimeoutMs);
                }
            }
        }

        if (onCaller)
        {
            Interlocked.Increment(ref _ranOnCaller);
            RunOnCaller(item!);
            return item!.Completion.Task;
        }

        return item is null
            ? Task.FromResult(Refuse($"Every hook execution slot is busy ({running} running, {queued} waiting): the hook was not started."))
            : item.Completion.Task;
    }

    /// <summary>Runs the invocation on this thread until it completes or has to wait; its slot is already counted.</summary>
    private void RunOnCaller(WorkItem item)
    {
        var outcome = DriveOutcome.Completed;
        var context = new InvocationContext(this, item);
        try
        {
            outcome = context.StartOnCaller();
        }
        finally
        {
            lock (_gate)
            {
                if (outcome == DriveOutcome.HandedOff)
                {
                    // The slot goes with the invocation to the worker that adopts it.
                    _handoff.Enqueue(context);
                    WakeWorkerLocked();
                }
                else
                {
                    // Completed, or suspended without its slot (counted by TrySuspend).
                    _running--;
                    if (_ready.Count > 0 || _queue.Count > 0)
                        WakeWorkerLocked();
                    else if (_disposed && _running == 0)
                        WakeAllLocked();
                }
            }
        }
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

    /// <summary>Wakes an idle worker, or starts one while there are fewer than the slots; under the lock.</summary>
    private void WakeWorkerLocked()
    {
        if (_idle > 0)
        {
            _idle--;
            Monitor.Pulse(_gate);
        }
        else if (_threads.Count < MaxConcurrency)
        {
            StartWorker();
        }
    }

    /// <summary>Wakes every waiting worker (they re-count themselves as idle if they wait again); under the lock.</summary>
    private void WakeAllLocked()
    {
        _idle = 0;
        Monitor.PulseAll(_gate);
    }

    private void WorkerLoop()
    {
        while (true)
        {
            WorkItem? item = null;
            InvocationContext? resumed = null;
            lock (_gate)
            {
                while (true)
                {
                    // An adopted invocation brings its slot; the others need a free one.
                    if (_handoff.TryDequeue(out resumed))
                        break;
                    if (_running < MaxConcurrency)
                    {
                        if (_ready.TryDequeue(out resumed))
                        {
                            _running++;
                            break;
                        }

                        if (_queue.First is { } first)
                        {
                            item = first.Value;
                            _queue.RemoveFirst();
                            item.Node = null;
                            _running++;
                            break;
                        }
                    }

                    if (_disposed && _suspended == 0 && _running == 0)
                        return;

                    // Whoever pulses takes this worker off the idle count.
                    _idle++;
                    Monitor.Wait(_gate);
                }
            }

            // Returns when the invocation completed or was suspended (already counted by TrySuspend).
            if (resumed is not null)
            {
                resumed.Resume();
            }
            else
            {
                item!.DisarmWaitLimit();
                new InvocationContext(this, item).Start();
            }

            lock (_gate)
            {
                _running--;
                if (_disposed && _running == 0 && _suspended == 0)
                    WakeAllLocked();
            }
        }
    }

    /// <summary>A suspended invocation's awaited I/O completed: queue it for the next free worker.</summary>
    private void EnqueueResumed(InvocationContext context)
    {
        lock (_gate)
        {
            _suspended--;
            _ready.Enqueue(context);
            if (_running < MaxConcurrency)
                WakeWorkerLocked();
        }
    }

    /// <summary>Counts one more invocation waiting without its slot, unless <see cref="HookSchedulerOptions.MaxSuspended"/> are already.</summary>
    private bool TrySuspend()
    {
        lock (_gate)
        {
            if (_suspended >= _options.MaxSuspended)
                return false;
            _suspended++;
            return true;
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
            WakeAllLocked();
        }

        foreach (var item in waiting)
        {
            item.DisarmWaitLimit();
            item.Completion.TrySetResult(ExecutionResult.Failure(ExecutionErrorKind.Timeout, "TimeoutError", "Execution was cancelled: the server is stopping"));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hook invocations refused: {Refused} so far ({MaxConcurrency} slots, queue of {QueueLimit}). {Reason}")]
    private static partial void LogRefused(ILogger logger, long refused, int maxConcurrency, int queueLimit, string reason);

    /// <summary>How a stretch of an invocation on one thread ended.</summary>
    private enum DriveOutcome
    {
        /// <summary>The invocation is over (its result is set).</summary>
        Completed,

        /// <summary>It waits without its slot (counted in <see cref="Suspended"/>).</summary>
        Suspended,

        /// <summary>Started on a caller's thread, it waits keeping its slot: a worker must adopt it.</summary>
        HandedOff,
    }

    private sealed class WorkItem(Func<CancellationToken, Task<ExecutionResult>> work, long enqueued, CancellationToken cancellationToken)
    {
        private readonly Lock _sync = new();
        private CancellationTokenSource? _waitLimit;
        private CancellationTokenRegistration _registration;

        public Func<CancellationToken, Task<ExecutionResult>> Work { get; } = work;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public long Enqueued { get; } = enqueued;

        /// <summary>Told the bytes allocated while the work ran, when it completes.</summary>
        public Action<long>? Allocated { get; init; }

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
    /// One invocation's context. Work it posts (the continuation of an await) runs on the worker thread attached to
    /// the invocation, in order. While the invocation holds its slot, the worker blocks for the next posted item; once
    /// the work asked to release the slot (<see cref="ReleaseSlotWhileWaiting"/>) and has nothing left to run, the
    /// worker detaches and what is posted later queues the invocation to be resumed by any worker. At most one worker
    /// is attached at a time, so the engine never runs on two threads at once.
    /// </summary>
    private sealed class InvocationContext(HookScheduler scheduler, WorkItem item) : SynchronizationContext
    {
        // A plain object: the worker waits on it with Monitor.Wait.
        private readonly object _sync = new();
        private readonly Queue<(SendOrPostCallback Callback, object? State)> _posted = new();
        private bool _attached;
        private long _allocated;
        private Task<ExecutionResult>? _task;

        /// <summary>Set by the work before an await that may give the slot back; cleared when the worker detaches.</summary>
        public bool ReleaseRequested { get; set; }

        public override void Post(SendOrPostCallback d, object? state)
        {
            lock (_sync)
            {
                _posted.Enqueue((d, state));
                if (_attached)
                {
                    Monitor.Pulse(_sync);
                    return;
                }

                // Detached: the next free worker resumes the invocation.
                _attached = true;
            }

            scheduler.EnqueueResumed(this);
        }

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("Synchronous dispatch to a hook invocation is not supported.");

        public override SynchronizationContext CreateCopy() => this;

        /// <summary>Starts the work on this worker thread; returns when it completed or was suspended (the worker is free again).</summary>
        public DriveOutcome Start() => Drive(StartWork, onCaller: false);

        /// <summary>
        /// Starts the work on the caller's thread and runs it while it has something to run; when it has to wait, the
        /// thread is let go: the invocation is suspended (its slot given back) or must be handed to a worker with its slot.
        /// </summary>
        public DriveOutcome StartOnCaller() => Drive(StartWork, onCaller: true);

        /// <summary>Continues a suspended or handed-off invocation on this worker thread; returns when it completed or is suspended again.</summary>
        public DriveOutcome Resume() => Drive(null, onCaller: false);

        private void StartWork()
        {
            _task = item.Work(item.CancellationToken);
            if (!_task.IsCompleted)
            {
                // Wakes the worker when the task completes without posting here (a continuation that left the context).
                _task.ContinueWith(static (_, self) => ((InvocationContext)self!).Post(static _ => { }, null),
                    this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        private DriveOutcome Drive(Action? first, bool onCaller)
        {
            if (first is not null)
            {
                lock (_sync)
                    _attached = true;
            }

            var previous = Current;
            SetSynchronizationContext(this);
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                first?.Invoke();
                while (!_task!.IsCompleted)
                {
                    (SendOrPostCallback Callback, object? State) next;
                    lock (_sync)
                    {
                        while (_posted.Count == 0)
                        {
                            if (ReleaseRequested && scheduler.TrySuspend())
                            {
                                ReleaseRequested = false;
                                _attached = false;
                                return DriveOutcome.Suspended;
                            }

                            // The caller's thread never blocks for the invocation: a worker adopts it (still attached,
                            // so what is posted meanwhile waits in the queue for that worker).
                            if (onCaller)
                                return DriveOutcome.HandedOff;

                            Monitor.Wait(_sync);
                        }

                        next = _posted.Dequeue();
                    }

                    next.Callback(next.State);
                }

                // Anything still posted belongs to the finished invocation.
                while (TryTake(out var leftover))
                    leftover.Callback(leftover.State);
                var now = GC.GetAllocatedBytesForCurrentThread();
                _allocated += now - before;
                before = now;
                Complete();
                return DriveOutcome.Completed;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The executor never throws for a script; this is a host fault, reported as the executor would.
                _allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                before = GC.GetAllocatedBytesForCurrentThread();
                item.Completion.TrySetResult(ExecutionResult.Failure(ExecutionErrorKind.Exception, "InternalError", $"{ex.GetType().Name}: {ex.Message}"));
                return DriveOutcome.Completed;
            }
            finally
            {
                _allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                SetSynchronizationContext(previous);
            }
        }

        private bool TryTake(out (SendOrPostCallback Callback, object? State) next)
        {
            lock (_sync)
                return _posted.TryDequeue(out next);
        }

        private void Complete()
        {
            ExecutionResult result;
            try
            {
                result = _task!.GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                result = ExecutionResult.Failure(ExecutionErrorKind.Exception, "InternalError", $"{ex.GetType().Name}: {ex.Message}");
            }

            // Measured up to here; the caller's continuations run elsewhere (RunContinuationsAsynchronously).
            item.Allocated?.Invoke(_allocated);
            item.Completion.TrySetResult(result);
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
        // span (the invocation's) is made current for the invocation, so the hook's outbound HTTP spans become its
        // children. Every piece of an invocation runs on a worker thread (its continuations come back to one), and the
        // scheduler sums the worker's allocation counter over those pieces: exactly this invocation's allocations.
        var observe = reclaimer is null ? null : (Action<long>)reclaimer.Observe;
        if (System.Diagnostics.Activity.Current is { } parent && Telemetry.HooksTelemetry.Source.HasListeners())
            return scheduler.RunAsync(token => RunUnderAsync(parent, request, token), observe, cancellationToken);
        return scheduler.RunAsync(token => inner.ExecuteAsync(request, token), observe, cancellationToken);
    }

    // An async method: the current activity it sets flows through the invocation's awaits and is undone at its end.
    private async Task<ExecutionResult> RunUnderAsync(System.Diagnostics.Activity parent, ExecutionRequest request, CancellationToken cancellationToken)
    {
        System.Diagnostics.Activity.Current = parent;
        return await inner.ExecuteAsync(request, cancellationToken).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public IReadOnlyList<ScriptDiagnostic> CheckSyntax(string script) => inner.CheckSyntax(script);

    /// <inheritdoc />
    public Task<bool> WarmUpAsync(ExecutionRequest request, CancellationToken cancellationToken = default) =>
        inner.WarmUpAsync(request, cancellationToken);

    /// <inheritdoc />
    public void DiscardWarmEngines(string owner) => inner.DiscardWarmEngines(owner);
}
