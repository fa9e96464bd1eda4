using HooksDashboard.Execution;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Tests.Execution;

public sealed class HookSchedulerTests : IDisposable
{
    private readonly List<HookScheduler> _schedulers = [];
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HookScheduler NewScheduler(int maxConcurrency, int queueLimit, int queueTimeoutMs = 60_000)
    {
        var scheduler = new HookScheduler(
            Options.Create(new HookSchedulerOptions { MaxConcurrency = maxConcurrency, QueueLimit = queueLimit, QueueTimeoutMs = queueTimeoutMs }),
            NullLogger<HookScheduler>.Instance);
        _schedulers.Add(scheduler);
        return scheduler;
    }

    public void Dispose()
    {
        _release.TrySetResult();
        foreach (var scheduler in _schedulers)
            scheduler.Dispose();
    }

    private static readonly ExecutionResult Ok = new() { Status = ExecutionStatus.Success };

    /// <summary>Work that holds its slot until the test releases it.</summary>
    private async Task<ExecutionResult> HoldAsync(CancellationToken cancellationToken)
    {
        await _release.Task;
        return Ok;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!condition())
            await Task.Delay(5, timeout.Token);
    }

    [Fact]
    public async Task RunAsync_WorkThatAwaits_RunsOnOneDedicatedThreadNotThePool()
    {
        var scheduler = NewScheduler(maxConcurrency: 1, queueLimit: 0);
        var seen = new List<(bool Pool, int Thread)>();

        var result = await scheduler.RunAsync(async _ =>
        {
            seen.Add((Thread.CurrentThread.IsThreadPoolThread, Environment.CurrentManagedThreadId));
            // As an invocation waiting for a timer: it must come back to the same worker thread.
            await Task.Delay(20, CancellationToken.None);
            seen.Add((Thread.CurrentThread.IsThreadPoolThread, Environment.CurrentManagedThreadId));
            return Ok;
        });

        Assert.True(result.IsSuccess);
        Assert.Equal(2, seen.Count);
        Assert.All(seen, s => Assert.False(s.Pool));
        Assert.Equal(seen[0].Thread, seen[1].Thread);
    }

    [Fact]
    public async Task RunAsync_EverySlotBusyAndNoQueue_RefusesAtOnceAsOverloadedWithARetryHint()
    {
        var scheduler = NewScheduler(maxConcurrency: 2, queueLimit: 0);
        var first = scheduler.RunAsync(HoldAsync);
        var second = scheduler.RunAsync(HoldAsync);
        await WaitUntilAsync(() => scheduler.Running == 2);

        var refused = scheduler.RunAsync(HoldAsync);

        Assert.True(refused.IsCompleted); // answered without waiting for a slot
        var error = (await refused).Error!;
        Assert.Equal(ExecutionErrorKind.Overloaded, error.Kind);
        Assert.Equal(HookScheduler.OverloadedErrorName, error.Name);
        Assert.Contains("2 running", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, HookScheduler.RetryAfterSeconds(error));
        Assert.Equal(1, scheduler.Refused);
        Assert.False(first.IsCompleted || second.IsCompleted);

        _release.SetResult();
        Assert.True((await first).IsSuccess);
        Assert.True((await second).IsSuccess);
    }

    [Fact]
    public async Task RunAsync_QueuedWork_RunsWhenASlotFrees()
    {
        var scheduler = NewScheduler(maxConcurrency: 1, queueLimit: 1);
        var first = scheduler.RunAsync(HoldAsync);
        await WaitUntilAsync(() => scheduler.Running == 1);

        var queued = scheduler.RunAsync(_ => Task.FromResult(Ok));
        Assert.Equal(1, scheduler.Queued);
        Assert.False(queued.IsCompleted);

        _release.SetResult();
        Assert.True((await queued).IsSuccess);
        Assert.True((await first).IsSuccess);
    }

    [Fact]
    public async Task RunAsync_NoSlotFreesWithinTheQueueTimeout_RefusesAsOverloadedAndLeavesTheQueue()
    {
        var scheduler = NewScheduler(maxConcurrency: 1, queueLimit: 1, queueTimeoutMs: 50);
        var first = scheduler.RunAsync(HoldAsync);
        await WaitUntilAsync(() => scheduler.Running == 1);

        var waited = await scheduler.RunAsync(_ => Task.FromResult(Ok));

        Assert.Equal(ExecutionErrorKind.Overloaded, waited.Error!.Kind);
        Assert.Contains("within 50 ms", waited.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, scheduler.Queued);
        Assert.False(first.IsCompleted); // refused while the slot was still held, not after it freed
    }

    [Fact]
    public async Task RunAsync_CallerCancelsWhileQueued_EndsAsCancelledWithoutRunning()
    {
        var scheduler = NewScheduler(maxConcurrency: 1, queueLimit: 1);
        _ = scheduler.RunAsync(HoldAsync);
        await WaitUntilAsync(() => scheduler.Running == 1);
        using var cancel = new CancellationTokenSource();
        var ran = false;

        var queued = scheduler.RunAsync(_ => { ran = true; return Task.FromResult(Ok); }, cancel.Token);
        await cancel.CancelAsync();
        var result = await queued;

        Assert.Equal(ExecutionErrorKind.Timeout, result.Error!.Kind);
        Assert.Equal(0, scheduler.Queued);
        _release.SetResult();
        await WaitUntilAsync(() => scheduler.Running == 0);
        Assert.False(ran);
    }

    [Fact]
    public async Task ExecuteAsync_LoopingHooksHoldEverySlot_AnotherIsRefusedWhileTheyRun()
    {
        var scheduler = NewScheduler(maxConcurrency: 2, queueLimit: 0);
        var executor = new ScheduledHookExecutor(new JintHookExecutor(), scheduler);
        var limits = ExecutionLimits.Default with { TimeoutMs = 30_000 };
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, 2)
            .Select(_ => executor.ExecuteAsync(new ExecutionRequest("module.exports = function (cb) { while (true) {} };", [], limits), stop.Token))
            .ToList();
        await WaitUntilAsync(() => scheduler.Running == 2);

        var refused = await executor.ExecuteAsync(new ExecutionRequest("module.exports = function (cb) { cb(null, 1); };", [], limits));

        Assert.Equal(ExecutionErrorKind.Overloaded, refused.Error!.Kind);
        Assert.All(loops, l => Assert.False(l.IsCompleted));
        await stop.CancelAsync();
        Assert.All(await Task.WhenAll(loops), r => Assert.Equal(ExecutionErrorKind.Timeout, r.Error!.Kind));
    }
}
