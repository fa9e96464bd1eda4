using HooksDashboard.Execution;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Tests.Execution;

/// <summary>
/// Invocations started on their caller's thread when a slot is free (HookSchedulerOptions.RunOnCallerThread). xunit runs
/// test code under a synchronization context, which keeps invocations on the workers; each caller here is a thread-pool
/// thread without one (Task.Run), as a request of the runtime endpoints is.
/// </summary>
public sealed class HookSchedulerCallerThreadTests : IDisposable
{
    private readonly List<HookScheduler> _schedulers = [];
    private static readonly ExecutionResult Ok = new() { Status = ExecutionStatus.Success };

    private HookScheduler NewScheduler(int maxConcurrency, int queueLimit = 100, bool onCaller = true) =>
        NewScheduler(new HookSchedulerOptions { MaxConcurrency = maxConcurrency, QueueLimit = queueLimit, QueueTimeoutMs = 60_000, RunOnCallerThread = onCaller });

    private HookScheduler NewScheduler(HookSchedulerOptions options)
    {
        var scheduler = new HookScheduler(Options.Create(options), NullLogger<HookScheduler>.Instance);
        _schedulers.Add(scheduler);
        return scheduler;
    }

    public void Dispose()
    {
        foreach (var scheduler in _schedulers)
            scheduler.Dispose();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!condition())
            await Task.Delay(5, timeout.Token);
    }

    [Fact]
    public async Task RunAsync_SlotFreeAndNoContext_RunsOnTheCallersThreadAndCompletesBeforeReturning()
    {
        var scheduler = NewScheduler(maxConcurrency: 2);

        var (callerThread, workThread, completedOnReturn) = await Task.Run(() =>
        {
            var caller = Environment.CurrentManagedThreadId;
            var work = 0;
            var task = scheduler.RunAsync(_ =>
            {
                work = Environment.CurrentManagedThreadId;
                return Task.FromResult(Ok);
            });
            return (caller, work, task.IsCompletedSuccessfully);
        });

        Assert.Equal(callerThread, workThread);
        Assert.True(completedOnReturn);
        Assert.Equal(1, scheduler.RanOnCallerThread);
        Assert.Equal(0, scheduler.Running);
    }

    [Fact]
    public async Task RunAsync_DefaultOptions_RunsOnTheCallersThread()
    {
        var scheduler = NewScheduler(new HookSchedulerOptions { MaxConcurrency = 2 });

        var (callerThread, workThread) = await Task.Run(async () =>
        {
            var caller = Environment.CurrentManagedThreadId;
            var work = 0;
            await scheduler.RunAsync(_ =>
            {
                work = Environment.CurrentManagedThreadId;
                return Task.FromResult(Ok);
            });
            return (caller, work);
        });

        Assert.Equal(callerThread, workThread);
        Assert.Equal(1, scheduler.RanOnCallerThread);
    }

    [Fact]
    public async Task RunAsync_RunOnCallerThreadOff_RunsOnAWorker()
    {
        var scheduler = NewScheduler(maxConcurrency: 2, onCaller: false);

        var pool = await Task.Run(async () =>
        {
            var seen = true;
            await scheduler.RunAsync(_ =>
            {
                seen = Thread.CurrentThread.IsThreadPoolThread;
                return Task.FromResult(Ok);
            });
            return seen;
        });

        Assert.False(pool);
        Assert.Equal(0, scheduler.RanOnCallerThread);
    }

    [Fact]
    public async Task RunAsync_StartedOnCallerThenAwaits_ContinuesOnAWorkerKeepingItsSlot()
    {
        var scheduler = NewScheduler(maxConcurrency: 1);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new List<(bool Pool, int Thread)>();
        var callerThread = 0;

        var first = await Task.Run(() =>
        {
            callerThread = Environment.CurrentManagedThreadId;
            return Task.FromResult(scheduler.RunAsync(async _ =>
            {
                seen.Add((Thread.CurrentThread.IsThreadPoolThread, Environment.CurrentManagedThreadId));
                // Not a wait that gives the slot back: the invocation keeps it on a worker.
                await release.Task;
                seen.Add((Thread.CurrentThread.IsThreadPoolThread, Environment.CurrentManagedThreadId));
                return Ok;
            }));
        });
        Assert.False(first.IsCompleted); // the caller's thread was let go while the work waits
        Assert.Equal(1, scheduler.Running);
        var second = await OnPool(() => scheduler.RunAsync(_ => Task.FromResult(Ok)));
        await WaitUntilAsync(() => scheduler.Queued == 1);

        release.SetResult();

        Assert.True((await first).IsSuccess);
        Assert.True((await second).IsSuccess);
        Assert.Equal(callerThread, seen[0].Thread);
        Assert.False(seen[1].Pool); // the rest ran on a worker, not the pool
        Assert.Equal(1, scheduler.RanOnCallerThread); // the second waited: a slot was not free
    }

    [Fact]
    public async Task RunAsync_SlotHeldOnCallerThread_QueuedWorkRunsWhenItFrees()
    {
        var scheduler = NewScheduler(maxConcurrency: 1);
        using var gate = new ManualResetEventSlim();

        // Holds its slot on the caller's (pool) thread, as a hook computing for a while does.
        var blocking = OnPool(() => scheduler.RunAsync(_ =>
        {
            gate.Wait(CancellationToken.None);
            return Task.FromResult(Ok);
        }));
        await WaitUntilAsync(() => scheduler.Running == 1);
        var queued = await OnPool(() => scheduler.RunAsync(_ => Task.FromResult(Ok)));
        Assert.Equal(1, scheduler.Queued);
        Assert.False(queued.IsCompleted);

        gate.Set();

        Assert.True((await await blocking).IsSuccess);
        Assert.True((await queued).IsSuccess);
        Assert.Equal(1, scheduler.RanOnCallerThread);
        Assert.Equal(0, scheduler.Queued);
    }

    [Fact]
    public async Task RunAsync_AnotherInvocationRunningAndASlotFree_AlsoRunsOnItsCallersThread()
    {
        var scheduler = NewScheduler(maxConcurrency: 2);
        using var gate = new ManualResetEventSlim();
        var blocking = OnPool(() => scheduler.RunAsync(_ =>
        {
            gate.Wait(CancellationToken.None);
            return Task.FromResult(Ok);
        }));
        await WaitUntilAsync(() => scheduler.Running == 1);

        var (caller, ran) = await Task.Run(async () =>
        {
            var callerThread = Environment.CurrentManagedThreadId;
            var ranOn = -1;
            await scheduler.RunAsync(_ =>
            {
                ranOn = Environment.CurrentManagedThreadId;
                return Task.FromResult(Ok);
            });
            return (callerThread, ranOn);
        });
        gate.Set();

        Assert.Equal(caller, ran); // the second slot was free: no hand-off to a worker
        Assert.True((await await blocking).IsSuccess);
        Assert.Equal(2, scheduler.RanOnCallerThread);
    }

    [Fact]
    public async Task RunAsync_EverySlotHeldOnCallersThreads_NextCallerWaitsForAWorker()
    {
        var scheduler = NewScheduler(maxConcurrency: 2);
        using var gate = new ManualResetEventSlim();
        var blocking = Enumerable.Range(0, 2).Select(_ => OnPool(() => scheduler.RunAsync(_ =>
        {
            gate.Wait(CancellationToken.None);
            return Task.FromResult(Ok);
        }))).ToList();
        await WaitUntilAsync(() => scheduler.Running == 2);

        var third = await OnPool(() => scheduler.RunAsync(_ => Task.FromResult(Ok)));
        Assert.Equal(1, scheduler.Queued);
        Assert.False(third.IsCompleted);
        gate.Set();

        foreach (var run in blocking)
            Assert.True((await await run).IsSuccess);
        Assert.True((await third).IsSuccess);
        Assert.Equal(2, scheduler.RanOnCallerThread); // the third ran on a worker once a slot freed
    }

    [Fact]
    public async Task RunAsync_ManyCallersSomeAwaiting_NeverMoreRunningThanSlots()
    {
        var scheduler = NewScheduler(maxConcurrency: 2, queueLimit: 200);
        var current = 0;
        var highest = 0;

        async Task<ExecutionResult> WorkAsync(int i)
        {
            var now = Interlocked.Increment(ref current);
            InterlockedMax(ref highest, now);
            if (i % 2 == 0)
                Thread.Sleep(1); // computes on its thread
            else
                await Task.Delay(1); // waits keeping its slot (handed to a worker when started on the caller)
            Interlocked.Decrement(ref current);
            return Ok;
        }

        var calls = Enumerable.Range(0, 60).Select(i => Task.Run(() => scheduler.RunAsync(_ => WorkAsync(i)))).ToList();
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.InRange(highest, 1, 2);
        Assert.True(scheduler.RanOnCallerThread > 0);
        await WaitUntilAsync(() => scheduler.Running == 0);
    }

    [Fact]
    public async Task ExecuteAsync_LoopingHookOnCallerThread_IsStoppedAtItsTimeLimit()
    {
        var scheduler = NewScheduler(maxConcurrency: 2);
        var executor = new ScheduledHookExecutor(new JintHookExecutor(), scheduler);
        var limits = ExecutionLimits.Default with { TimeoutMs = 300 };

        var result = await Task.Run(() => executor.ExecuteAsync(new ExecutionRequest("module.exports = function (cb) { while (true) {} };", [], limits)));

        Assert.Equal(ExecutionErrorKind.Timeout, result.Error!.Kind);
        Assert.Equal(1, scheduler.RanOnCallerThread);
        Assert.Equal(0, scheduler.Running);
    }

    [Fact]
    public async Task ExecuteAsync_HookOnCallerThreadWaitingOnATimerPastItsLimit_IsStoppedAtItsTimeLimit()
    {
        var scheduler = NewScheduler(maxConcurrency: 1);
        var executor = new ScheduledHookExecutor(new JintHookExecutor(), scheduler);
        var limits = ExecutionLimits.Default with { TimeoutMs = 300 };

        var result = await Task.Run(() => executor.ExecuteAsync(new ExecutionRequest(
            "module.exports = function (cb) { setTimeout(() => { while (true) {} }, 50); };", [], limits)));

        Assert.Equal(ExecutionErrorKind.Timeout, result.Error!.Kind);
        Assert.Equal(1, scheduler.RanOnCallerThread);
        Assert.Equal(0, scheduler.Suspended);
    }

    // The depth counter, and (with the counter out of reach) the native stack guard on a pool thread's stack.
    [Theory]
    [InlineData("function f() { return f() + 1; }\nf();", 0)]
    [InlineData("var o = { get x() { return this.x; } };\no.x;", 100_000)]
    public async Task ExecuteAsync_DeepRecursionOnCallerThread_IsALimitErrorNotACrash(string body, int maxDepth)
    {
        var scheduler = NewScheduler(maxConcurrency: 1);
        var executor = new ScheduledHookExecutor(new JintHookExecutor(), scheduler);
        var limits = maxDepth == 0 ? ExecutorTestExtensions.TestLimits : ExecutorTestExtensions.TestLimits with { MaxRecursionDepth = maxDepth };

        var result = await Task.Run(() => executor.ExecuteAsync(new ExecutionRequest(
            "module.exports = function (cb) {\n" + body + "\ncb(null, 'finished');\n};", [], limits)));

        result.AssertError(ExecutionErrorKind.Limit);
        Assert.Equal(1, scheduler.RanOnCallerThread);
    }

    /// <summary>Calls on a pool thread (no synchronization context) and gives back the call's task without awaiting it.</summary>
    private static Task<Task<ExecutionResult>> OnPool(Func<Task<ExecutionResult>> call) =>
        Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
