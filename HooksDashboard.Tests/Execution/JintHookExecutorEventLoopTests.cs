using HooksDashboard.Execution;

namespace HooksDashboard.Tests.Execution;

/// <summary>Timers, immediates and promise jobs run in a defined order on the invocation's event loop.</summary>
public class JintHookExecutorEventLoopTests
{
    private readonly JintHookExecutor _executor = new();

    [Fact]
    public async Task ExecuteAsync_MixedCallbacks_RunMicrotasksThenImmediatesThenTimersByDueTime()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              var order = [];
              setTimeout(function () { order.push('timeout 30'); cb(null, order.join(', ')); }, 30);
              setTimeout(function () { order.push('timeout 10'); }, 10);
              setTimeout(function () { order.push('timeout 0'); Promise.resolve().then(function () { order.push('job after timeout 0'); }); }, 0);
              setImmediate(function () { order.push('immediate'); });
              Promise.resolve().then(function () { order.push('job'); });
              order.push('sync');
            };
            """);

        Assert.Equal("sync, job, immediate, timeout 0, job after timeout 0, timeout 10, timeout 30", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_TimersWithSameDelay_RunInCreationOrder()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              var order = [];
              for (var i = 0; i < 5; i++) setTimeout(function (n) { order.push(n); if (n === 4) cb(null, order.join('')); }, 5, i);
            };
            """);

        Assert.Equal("01234", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_TimerSetAfterLongWork_CountsFromItsCallAsInNode()
    {
        // Node reads the loop's clock afresh for each timer: 50 ms of work between two calls makes the earlier, longer
        // timer fire first (node prints "A20 B1"); counted from the turn's start, B1 overtook it. Early timers also
        // made debounce, retries and request timeouts fire short after a slow require.
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              var order = [];
              setTimeout(function () {}, 1); // the timers machinery is built before anything is measured
              setTimeout(function () { order.push('A20'); }, 20);
              var start = Date.now();
              while (Date.now() - start < 50) {}
              setTimeout(function () { order.push('B1'); }, 1);
              setTimeout(function () { cb(null, order.join(' ')); }, 60);
            };
            """);

        Assert.Equal("A20 B1", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_ClearTimeoutAndClearImmediate_PreventCallbacks()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              var ran = [];
              var t = setTimeout(function () { ran.push('cleared timeout'); }, 5);
              var i = setImmediate(function () { ran.push('cleared immediate'); });
              clearTimeout(t);
              clearImmediate(i);
              clearTimeout(12345);
              clearTimeout(undefined);
              setTimeout(function () { cb(null, ran.length); }, 20);
            };
            """);

        Assert.Equal(0, result.AssertSuccess()!.GetValue<int>());
    }

    [Fact]
    public async Task ExecuteAsync_ImmediateQueuedByImmediate_RunsOnNextTurnAfterDueTimers()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              var order = [];
              setImmediate(function () {
                order.push('immediate 1');
                setImmediate(function () { order.push('immediate 2'); cb(null, order.join(', ')); });
              });
            };
            """);

        Assert.Equal("immediate 1, immediate 2", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_CbCalledWithTimerPending_WaitsForTimerBeforeEnding()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              cb(null, 'early');
              setTimeout(function () { console.log('ran after cb'); }, 10);
            };
            """);

        Assert.Equal("early", result.AssertSuccess()!.GetValue<string>());
        Assert.Equal("ran after cb", Assert.Single(result.Logs).Message);
    }

    [Fact]
    public async Task ExecuteAsync_SetTimeoutWithoutFunction_ThrowsTypeError()
    {
        var result = await _executor.RunAsync("module.exports = function (cb) { setTimeout('cb()', 10); };");

        Assert.Equal("TypeError", result.AssertError(ExecutionErrorKind.Exception).Name);
    }

    [Fact]
    public async Task ExecuteAsync_UncaughtErrorInTimer_IsException()
    {
        var result = await _executor.RunAsync("module.exports = function (cb) {\n  setTimeout(function () {\n    null.boom;\n  }, 1);\n};");

        var error = result.AssertError(ExecutionErrorKind.Exception);
        Assert.Equal("TypeError", error.Name);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public async Task ExecuteAsync_NoTimers_CompletesSynchronously()
    {
        var task = _executor.RunAsync("module.exports = function (cb) { Promise.resolve(1).then(function (v) { cb(null, v); }); };");

        Assert.True(task.IsCompleted);
        Assert.Equal(1, (await task).AssertSuccess()!.GetValue<int>());
    }
    [Fact]
    public async Task ExecuteAsync_IntervalClearedInItsCallback_RunsThatManyTimes()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              var n = 0;
              var iv = setInterval(function (tag) {
                n++;
                if (n === 3) { clearInterval(iv); setTimeout(function () { cb(null, tag + n); }, 20); }
              }, 2, 'runs:');
            };
            """);

        Assert.Equal("runs:3", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_UnrefdInterval_EndsWithoutWaitingForTheTimeLimit()
    {
        var limits = ExecutorTestExtensions.TestLimits with { TimeoutMs = 2_000 };

        var result = await _executor.RunAsync(limits, """
            module.exports = function (cb) {
              setInterval(function () {}, 5).unref();
              setTimeout(function () { cb(null, 'done'); }, 1);
            };
            """);

        Assert.Equal("done", result.AssertSuccess()!.GetValue<string>());
        Assert.DoesNotContain(result.Logs, l => l.Message.Contains("still pending", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_IntervalNeverCleared_RunsUntilTheTimeLimitAndIsDropped()
    {
        var limits = ExecutorTestExtensions.TestLimits with { TimeoutMs = 300 };

        var result = await _executor.RunAsync(limits, """
            module.exports = function (cb) {
              var n = 0;
              setInterval(function () { n++; }, 5);
              cb(null, 'answered');
            };
            """);

        Assert.Equal("answered", result.AssertSuccess()!.GetValue<string>());
        // The limit ends the run either between two runs of the interval (its pending timer is dropped) or, on a busy
        // machine, inside one of them (the interval's callback is stopped); both say so after the answer.
        Assert.Contains(result.Logs, l =>
            l.Message.Contains("Timers still pending at the time limit of 300 ms were dropped", StringComparison.Ordinal)
            || l.Message.Contains("After the outcome was decided: TimeoutError: Script execution exceeded the time limit of 300 ms", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_RefreshedTimeout_RunsOnceAfterTheNewDelay()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              var runs = 0;
              var seen = [];
              var t = setTimeout(function () { runs++; }, 30);
              setTimeout(function () {
                t.refresh();
                // Due after the timer's first due time (30) and before its refreshed one (20 + 30), then after both.
                setTimeout(function () { seen.push(runs); }, 25);
                setTimeout(function () { seen.push(runs); cb(null, seen.join(':')); }, 40);
              }, 20);
            };
            """);

        Assert.Equal("0:1", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_PromiseRejectedWithoutHandlerBeforeCb_EndsTheRunWithItsError()
    {
        // Node 20 (--unhandled-rejections=throw): the rejection is an uncaught exception; the run did not wait for
        // the timer that would have called cb.
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              Promise.resolve().then(function () { null.x; });
              setTimeout(function () { cb(null, 'late'); }, 50);
            };
            """);

        var error = result.AssertError(ExecutionErrorKind.Exception);
        Assert.Equal("TypeError", error.Name);
        Assert.Equal("Cannot read properties of null (reading 'x')", error.Message);
    }

    [Theory]
    [InlineData("'str'", "str")]
    [InlineData("42", "42")]
    [InlineData("undefined", "undefined")]
    [InlineData("{ a: 1 }", "#<Object>")]
    [InlineData("[1, 2]", "[object Array]")]
    [InlineData("new (class Foo {})()", "#<Foo>")]
    [InlineData("new Map()", "#<Map>")]
    [InlineData("Object.create(null)", "[object Object]")]
    [InlineData("{ constructor: 5 }", "[object Object]")]
    [InlineData("/x/g", "[object RegExp]")]
    [InlineData("Symbol('s')", "Symbol(s)")]
    public async Task ExecuteAsync_RejectionReasonNotAnError_IsReportedAsNodeReportsIt(string reason, string shown)
    {
        var result = await _executor.RunAsync($"module.exports = function (cb) {{ Promise.reject({reason}); setTimeout(function () {{ cb(null, 'late'); }}, 50); }};");

        var error = result.AssertError(ExecutionErrorKind.Exception);
        Assert.Equal("UnhandledPromiseRejection", error.Name);
        Assert.Equal($"This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason \"{shown}\".", error.Message);
    }

    [Fact]
    public async Task ExecuteAsync_RejectionHandledBeforeTheJobsRunOut_IsNotReported()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              var seen = [];
              var early = Promise.reject(new Error('a'));
              early.catch(function () { seen.push('a'); });
              Promise.resolve().then(function () { return Promise.reject(new Error('b')); }).then(null, function () { seen.push('b'); });
              (async function () { try { await Promise.reject(new Error('c')); } catch (e) { seen.push('c'); } })();
              Promise.all([Promise.reject(new Error('d'))]).catch(function () { seen.push('d'); });
              setTimeout(function () { cb(null, seen.join('')); }, 5);
            };
            """);

        Assert.Equal("acdb", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_UnhandledRejectionListener_GetsReasonAndPromiseAndTheRunGoesOn()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              var seen = [];
              process.on('unhandledRejection', function (reason, promise) { seen.push(reason.message, promise instanceof Promise); });
              Promise.reject(new Error('ignored'));
              setTimeout(function () { cb(null, seen.join(' ')); }, 5);
            };
            """);

        Assert.Equal("ignored true", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_UncaughtExceptionListenerWithoutUnhandledRejectionOne_GetsTheRejection()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              var seen = [];
              process.on('uncaughtException', function (error, origin) { seen.push(error.message, origin); });
              Promise.reject(new Error('x'));
              setTimeout(function () { cb(null, seen.join(' ')); }, 5);
            };
            """);

        Assert.Equal("x unhandledRejection", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_RejectionAfterCb_LeavesTheOutcome()
    {
        var result = await _executor.RunAsync("module.exports = function (cb) { cb(null, 'done'); Promise.reject(new Error('after')); };");

        Assert.Equal("done", result.AssertSuccess()!.GetValue<string>());
    }
}
