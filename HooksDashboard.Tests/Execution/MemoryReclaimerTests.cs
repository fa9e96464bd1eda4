using HooksDashboard.Execution;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Tests.Execution;

public sealed class MemoryReclaimerTests
{
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
            await Task.Delay(20, timeout.Token);
    }

    [Fact]
    public async Task ExecuteAsync_HookFillingItsMemoryLimit_ReclaimsMemoryOnceItIsOver()
    {
        using var scheduler = new HookScheduler(Options.Create(new HookSchedulerOptions { MaxConcurrency = 1 }), NullLogger<HookScheduler>.Instance);
        using var reclaimer = new MemoryReclaimer(NullLogger<MemoryReclaimer>.Instance, TimeProvider.System);
        var executor = new ScheduledHookExecutor(new JintHookExecutor(), scheduler, reclaimer);
        var small = await executor.ExecuteAsync(new ExecutionRequest("module.exports = function (cb) { cb(null, [1, 2, 3]); };", [], ExecutionLimits.Default));
        Assert.True(small.IsSuccess);
        Assert.Equal(0, reclaimer.Collections);

        var bomb = await executor.ExecuteAsync(new ExecutionRequest(
            "module.exports = function (cb) { var a = []; while (true) { a.push(new Array(10000).fill(1.5)); } };", [],
            ExecutionLimits.Default with { MemoryBytes = 32L * 1024 * 1024 }));

        Assert.Equal(ExecutionErrorKind.Limit, bomb.Error!.Kind);
        await WaitUntilAsync(() => reclaimer.Collections == 1);
    }
}
