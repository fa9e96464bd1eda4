using System.Collections.Concurrent;
using HooksDashboard.Execution;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Tests.Execution;

/// <summary>Invocations waiting on a timer give their scheduler slot back, as a wait for HTTP does.</summary>
public sealed class HookSchedulerTimerTests
{
    private static readonly ExecutionLimits Limits = ExecutorTestExtensions.TestLimits with { TimeoutMs = 120_000 };

    // Each sleeps far longer than the test runs: the test cancels them once the fast hook is done.
    private static readonly string[] Sleepers =
    [
        "module.exports = async function (cb) { await new Promise(r => setTimeout(r, 100000)); cb(null, 'slept'); };",
        "module.exports = async function (cb) { await require('timers/promises').setTimeout(100000); cb(null, 'slept'); };",
        "module.exports = function (cb) { let n = 0; const t = setInterval(() => { if (++n === 2) { clearInterval(t); cb(null, 'slept'); } }, 50000); };",
    ];

    private static HookScheduler NewScheduler(int maxSuspended = 256) =>
        new(Options.Create(new HookSchedulerOptions { MaxConcurrency = 2, QueueLimit = 20, QueueTimeoutMs = 60_000, MaxSuspended = maxSuspended, RunOnCallerThread = true }),
            NullLogger<HookScheduler>.Instance);

    [Fact]
    public async Task ExecuteAsync_HooksSleepingOnTimers_AFastHookStillRunsAndFinishesFirst()
    {
        using var scheduler = NewScheduler();
        var executor = new ScheduledHookExecutor(new JintHookExecutor(), scheduler);
        using var stop = new CancellationTokenSource();
        var order = new ConcurrentQueue<string>();

        // Six sleepers on two slots; half started from a caller without a context (they start on the caller's thread).
        var sleepers = Enumerable.Range(0, 6).Select(i =>
        {
            var request = new ExecutionRequest(Sleepers[i % Sleepers.Length], [], Limits);
            var run = i % 2 == 0 ? executor.ExecuteAsync(request, stop.Token) : Task.Run(() => executor.ExecuteAsync(request, stop.Token));
            return run.ContinueWith(t => { order.Enqueue("sleeper"); return t.Result; }, TaskScheduler.Default);
        }).ToList();
        // All six are waiting on their timers although there are two slots: each gave its slot back.
        await WaitUntilAsync(() => scheduler.Suspended == 6);
        Assert.Equal(0, scheduler.Running);

        var fast = await executor.ExecuteAsync(new ExecutionRequest("module.exports = function (cb) { cb(null, 'fast'); };", [], Limits));
        order.Enqueue("fast");
        await stop.CancelAsync();
        var slept = await Task.WhenAll(sleepers);

        Assert.Equal("fast", (string?)fast.AssertSuccess());
        Assert.Equal("fast", order.First());
        Assert.All(slept, r => Assert.Equal(ExecutionErrorKind.Timeout, r.Error!.Kind)); // cancelled while asleep
        await WaitUntilAsync(() => scheduler.Suspended == 0 && scheduler.Running == 0);
    }

    [Fact]
    public async Task ExecuteAsync_ShortTimersWhileSuspended_RunTheirCallbacksInOrder()
    {
        using var scheduler = NewScheduler();
        var executor = new ScheduledHookExecutor(new JintHookExecutor(), scheduler);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => executor.ExecuteAsync(new ExecutionRequest("""
            module.exports = async function (cb) {
              const seen = [];
              setTimeout(() => seen.push('b'), 30);
              setTimeout(() => seen.push('a'), 10);
              await require('timers/promises').setTimeout(60);
              let n = 0;
              await new Promise(r => { const t = setInterval(() => { seen.push('i' + n); if (++n === 3) { clearInterval(t); r(); } }, 5); });
              cb(null, seen.join(','));
            };
            """, [], Limits))));

        Assert.All(results, r => Assert.Equal("a,b,i0,i1,i2", (string?)r.AssertSuccess()));
        Assert.Equal(0, scheduler.Suspended);
    }

    [Fact]
    public async Task ExecuteAsync_TimerBeyondTheTimeLimitWhileSuspended_EndsAsTimeout()
    {
        using var scheduler = NewScheduler();
        var executor = new ScheduledHookExecutor(new JintHookExecutor(), scheduler);

        var result = await executor.ExecuteAsync(new ExecutionRequest(
            "module.exports = async function (cb) { await new Promise(r => setTimeout(r, 60000)); cb(null, 'late'); };", [],
            ExecutorTestExtensions.TestLimits with { TimeoutMs = 300 }));

        Assert.Equal(ExecutionErrorKind.Timeout, result.Error!.Kind);
        Assert.Equal(0, scheduler.Suspended);
    }

    [Fact]
    public async Task ExecuteAsync_MaxSuspendedZero_SleepingHooksKeepTheirSlots()
    {
        using var scheduler = NewScheduler(maxSuspended: 0);
        var executor = new ScheduledHookExecutor(new JintHookExecutor(), scheduler);
        using var stop = new CancellationTokenSource();

        var sleepers = Enumerable.Range(0, 3).Select(_ => executor.ExecuteAsync(new ExecutionRequest(Sleepers[0], [], Limits), stop.Token)).ToList();
        await WaitUntilAsync(() => scheduler.Running == 2 && scheduler.Queued == 1);

        Assert.Equal(0, scheduler.Suspended);
        await stop.CancelAsync();
        Assert.All(await Task.WhenAll(sleepers), r => Assert.Equal(ExecutionErrorKind.Timeout, r.Error!.Kind));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
            await Task.Delay(10, timeout.Token);
    }
}
