using HooksDashboard.Execution;

namespace HooksDashboard.Tests.Execution;

/// <summary>
/// Tests that measure the managed heap run alone: the memory limit is measured on the process's heap, and another
/// test keeping tens of megabytes alive at the same moment would be counted too.
/// </summary>
[CollectionDefinition(nameof(HeapMeasuringTests), DisableParallelization = true)]
public sealed class HeapMeasuringTests;

/// <summary>The memory limit bounds what a hook keeps alive, not the garbage it churns through.</summary>
[Collection(nameof(HeapMeasuringTests))]
public class JintHookExecutorMemoryTests
{
    private readonly JintHookExecutor _executor = new();

    [Fact]
    public async Task ExecuteAsync_BusyWaitOnDateNow_ReachesTimeoutNotMemoryLimit()
    {
        // Each Date.now() allocates a number: this loop allocated past the 64 MB limit in 1-2.5 s and failed with
        // "exceeded the memory limit" while keeping nothing. A small limit makes the old behaviour fail fast here.
        var limits = ExecutorTestExtensions.TestLimits with { TimeoutMs = 1_500, MemoryBytes = 4L * 1024 * 1024 };

        var result = await _executor.RunAsync(limits, "module.exports = function (cb) { var s = Date.now(); while (Date.now() - s < 60000) {} cb(null, 'late'); };");

        var error = result.AssertError(ExecutionErrorKind.Timeout);
        Assert.Contains("1500 ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_AllocateAndFreeInLoop_ReachesTimeoutNotMemoryLimit()
    {
        var limits = ExecutorTestExtensions.TestLimits with { TimeoutMs = 1_500, MemoryBytes = 4L * 1024 * 1024 };

        var result = await _executor.RunAsync(limits, """
            module.exports = function (cb) {
              for (;;) {
                var batch = [];
                for (var i = 0; i < 1000; i++) batch.push({ i: i, text: 'item ' + i });
              }
            };
            """);

        result.AssertError(ExecutionErrorKind.Timeout);
    }

    [Fact]
    public async Task ExecuteAsync_KeepingAHundredMegabytesAlive_IsRefusedByTheDefaultLimit()
    {
        var limits = ExecutorTestExtensions.TestLimits with { MemoryBytes = ExecutionLimits.Default.MemoryBytes };

        // 100 strings of 512 K characters: 100 MB of UTF-16 kept in an array. The heap is the process's, so what other
        // tests free meanwhile is subtracted: 70 MB (6 over the limit) was once measured under it on a busy run.
        var result = await _executor.RunAsync(limits, """
            module.exports = function (cb) {
              var keep = [];
              for (var i = 0; i < 100; i++) keep.push(String.fromCharCode(65 + i % 26).repeat(512 * 1024));
              cb(null, keep.length);
            };
            """);

        var error = result.AssertError(ExecutionErrorKind.Limit);
        Assert.StartsWith("Script exceeded the memory limit of 67108864 bytes: after garbage collection the heap held ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_KeepingAlittleWhileChurningMuch_Succeeds()
    {
        // 2 MB kept, about 40 MB of garbage: four times the limit allocated, a quarter of it kept.
        var limits = ExecutorTestExtensions.TestLimits with { MemoryBytes = 8L * 1024 * 1024 };

        var result = await _executor.RunAsync(limits, """
            module.exports = function (cb) {
              var keep = [];
              for (var round = 0; round < 40; round++) {
                var scratch = [];
                for (var i = 0; i < 5000; i++) scratch.push({ round: round, i: i });
                if (round % 10 === 0) keep.push('k'.repeat(256 * 1024));
              }
              cb(null, keep.length);
            };
            """);

        Assert.Equal(4, result.AssertSuccess()!.GetValue<int>());
    }

    [Fact]
    public void JintInternals_DeferredConcatenationChargeIsReachable()
    {
        // Pinned to Jint 4.18: without the field, measurements cannot restart Jint's count and the limit silently
        // falls back to counting allocations. An upgrade of Jint that moves it must fail here, not in production.
        Assert.True(InvocationAllocationConstraint.CanRestartEngineCount);
    }

    [Fact]
    public async Task ExecuteAsync_ConcatenationsDeferringMoreThanTheLimit_AreRefusedByJintsCount()
    {
        // Each `base + base` is a deferred concatenation charged 2 MB (the appended half) that allocates almost nothing:
        // the heap never grows, only Jint's count sees 200 MB of them (measurements restart it but keep that charge).
        var limits = ExecutorTestExtensions.TestLimits with { MemoryBytes = 16L * 1024 * 1024 };

        var result = await _executor.RunAsync(limits, """
            module.exports = function (cb) {
              var base = 'x'.repeat(1024 * 1024), ropes = [];
              for (var i = 0; i < 100; i++) ropes.push(base + base);
              cb(null, ropes.length);
            };
            """);

        var error = result.AssertError(ExecutionErrorKind.Limit);
        Assert.StartsWith("Script exceeded the memory limit of 16777216 bytes: allocations and strings built by concatenation since memory was last measured came to more (Script has allocated ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(" but is limited to 16777216)", error.Message, StringComparison.Ordinal);
    }
}
