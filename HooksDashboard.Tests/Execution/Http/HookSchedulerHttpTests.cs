using System.Collections.Concurrent;
using System.Net;
using HooksDashboard.Execution;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Tests.Execution.Http;

/// <summary>Invocations waiting for outbound HTTP give their scheduler slot back (HookScheduler.ReleaseSlotWhileWaiting).</summary>
public sealed class HookSchedulerHttpTests : IAsyncLifetime
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication _server = null!;
    private string _url = "";
    private int _arrived;

    public async Task InitializeAsync()
    {
        // Answers only once the test opens the gate: a slow API whose speed the test decides, not a clock.
        (_server, _url) = await LoopbackHttpServer.StartAppAsync(async context =>
        {
            Interlocked.Increment(ref _arrived);
            await _gate.Task.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync("slow");
        });
    }

    public async Task DisposeAsync()
    {
        _gate.TrySetResult();
        await _server.DisposeAsync();
    }

    private static readonly ExecutionLimits Limits = ExecutorTestExtensions.TestLimits with { TimeoutMs = 60_000, HttpTimeoutMs = 60_000 };

    [Fact]
    public async Task ExecuteAsync_HundredHooksWaitingOnSlowHttp_AFastHookStillRunsAndFinishesFirst()
    {
        using var scheduler = new HookScheduler(Options.Create(new HookSchedulerOptions { MaxConcurrency = 2, QueueLimit = 200, QueueTimeoutMs = 30_000 }),
            NullLogger<HookScheduler>.Instance);
        var executor = new ScheduledHookExecutor(HttpTestExecutors.Create(), scheduler);
        var order = new ConcurrentQueue<string>();
        var slowScript = "module.exports = async function (cb) { const r = await fetch('" + _url + "/'); cb(null, await r.text()); };";

        var slow = Enumerable.Range(0, 100).Select(async i =>
        {
            var result = await executor.ExecuteAsync(new ExecutionRequest(slowScript, [], Limits));
            order.Enqueue("slow");
            return result;
        }).ToList();
        // All hundred reached the server although there are two slots: each gave its slot back while waiting.
        await WaitUntilAsync(() => Volatile.Read(ref _arrived) == 100);

        var fast = await executor.ExecuteAsync(new ExecutionRequest("module.exports = function (cb) { cb(null, 'fast'); };", [], Limits));
        order.Enqueue("fast");
        _gate.TrySetResult();
        var slowResults = await Task.WhenAll(slow);

        Assert.Equal("fast", (string?)fast.AssertSuccess());
        Assert.All(slowResults, r => Assert.Equal("slow", (string?)r.AssertSuccess()));
        Assert.Equal("fast", order.First());
        Assert.Equal(0, scheduler.Suspended);
    }

    [Fact]
    public async Task ExecuteAsync_MaxSuspendedZero_WaitingHooksKeepTheirSlots()
    {
        using var scheduler = new HookScheduler(Options.Create(new HookSchedulerOptions { MaxConcurrency = 2, QueueLimit = 10, QueueTimeoutMs = 30_000, MaxSuspended = 0 }),
            NullLogger<HookScheduler>.Instance);
        var executor = new ScheduledHookExecutor(HttpTestExecutors.Create(), scheduler);
        var slowScript = "module.exports = async function (cb) { const r = await fetch('" + _url + "/'); cb(null, await r.text()); };";

        var slow = Enumerable.Range(0, 3).Select(_ => executor.ExecuteAsync(new ExecutionRequest(slowScript, [], Limits))).ToList();
        await WaitUntilAsync(() => Volatile.Read(ref _arrived) == 2 && scheduler.Queued == 1);

        Assert.Equal(2, scheduler.Running);
        _gate.TrySetResult();
        Assert.All(await Task.WhenAll(slow), r => Assert.Equal("slow", (string?)r.AssertSuccess()));
    }

    [Fact]
    public async Task ExecuteAsync_HookStartedOnCallerThreadWaitingOnHttp_GivesItsSlotBack()
    {
        using var scheduler = new HookScheduler(Options.Create(new HookSchedulerOptions { MaxConcurrency = 1, QueueLimit = 10, QueueTimeoutMs = 30_000, RunOnCallerThread = true }),
            NullLogger<HookScheduler>.Instance);
        var executor = new ScheduledHookExecutor(HttpTestExecutors.Create(), scheduler);
        var slowScript = "module.exports = async function (cb) { const r = await fetch('" + _url + "/'); cb(null, await r.text()); };";

        // A caller without a synchronization context (a request thread): the hook starts on it.
        var slow = Task.Run(() => executor.ExecuteAsync(new ExecutionRequest(slowScript, [], Limits)));
        await WaitUntilAsync(() => Volatile.Read(ref _arrived) == 1 && scheduler.Suspended == 1);
        Assert.Equal(0, scheduler.Running);

        // The one slot is free: the fast hook runs (on its caller's thread too) while the slow one still waits.
        var fast = await Task.Run(() => executor.ExecuteAsync(new ExecutionRequest("module.exports = function (cb) { cb(null, 'fast'); };", [], Limits)));
        Assert.False(slow.IsCompleted);
        _gate.TrySetResult();

        Assert.Equal("fast", (string?)fast.AssertSuccess());
        Assert.Equal("slow", (string?)(await slow).AssertSuccess());
        Assert.Equal(2, scheduler.RanOnCallerThread);
        Assert.Equal(0, scheduler.Suspended);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
            await Task.Delay(10, timeout.Token);
    }
}
