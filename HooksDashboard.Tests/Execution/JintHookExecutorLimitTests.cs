using HooksDashboard.Execution;

namespace HooksDashboard.Tests.Execution;

/// <summary>Every limit is enforced, including the single-allocation holes Jint's memory limit misses.</summary>
public class JintHookExecutorLimitTests
{
    // Small memory limits, but time enough for a loaded machine to reach them: time limits are tested on their own
    // (every test that expects a timeout sets its own). 5 s ran out twice beside the full suite on 2 cores (CI runs
    // of 2026-12-07, with node processes busy): a memory test then ended as a timeout before it had kept 16 MB.
    private static readonly ExecutionLimits Small = ExecutorTestExtensions.TestLimits with
    {
        TimeoutMs = 60_000,
        MemoryBytes = 16L * 1024 * 1024,
        MaxAllocationBytes = 4L * 1024 * 1024,
    };

    private readonly JintHookExecutor _executor = new();

    private Task<ExecutionResult> RunBodyAsync(string body, ExecutionLimits? limits = null) =>
        _executor.RunAsync(limits ?? Small, $"module.exports = function (cb) {{\n{body}\ncb(null, 'finished');\n}};");

    [Fact]
    public async Task ExecuteAsync_InfiniteLoop_TimesOutAtWallTime()
    {
        var result = await RunBodyAsync("while (true) {}", Small with { TimeoutMs = 200 });

        var error = result.AssertError(ExecutionErrorKind.Timeout);
        Assert.Contains("200 ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_TimeSpentInModuleAndTimers_SharesOneBudget()
    {
        // Each part alone stays under the limit; together they exceed it: one deadline covers the invocation.
        // The busy loops allocate a number per Date.now(): on a fast machine that passes a small memory
        // budget before the deadline, so this time test gets a budget that only time can exhaust.
        var result = await _executor.RunAsync(Small with { TimeoutMs = 300, MemoryBytes = 2L * 1024 * 1024 * 1024 }, """
            var start = Date.now();
            while (Date.now() - start < 150) {}
            module.exports = function (cb) {
              var s2 = Date.now();
              while (Date.now() - s2 < 100) {}
              setTimeout(function () {
                var s3 = Date.now();
                while (Date.now() - s3 < 150) {}
                cb(null, 'too late');
              }, 0);
            };
            """);

        result.AssertError(ExecutionErrorKind.Timeout);
    }

    // A host function runs without the engine's periodic time checks, so the limit can pass inside one call and the
    // script go on to decide its outcome in the few operations before the next check: that outcome is still too late.
    private const string SlowHostCall = "require('crypto').generateKeyPairSync('rsa', { modulusLength: 4096 });";

    [Fact]
    public async Task ExecuteAsync_CbRightAfterAHostCallPastTheLimit_IsTimeout()
    {
        var result = await _executor.RunAsync(Small with { TimeoutMs = 10 }, $$"""
            module.exports = function (cb) { {{SlowHostCall}} cb(null, 'too late'); };
            """);

        result.AssertError(ExecutionErrorKind.Timeout);
    }

    [Fact]
    public async Task ExecuteAsync_AsyncHookRejectingRightAfterAHostCallPastTheLimit_IsTimeout()
    {
        var result = await _executor.RunAsync(Small with { TimeoutMs = 10 }, $$"""
            module.exports = async function (cb) { {{SlowHostCall}} throw new Error('too late'); };
            """);

        var error = result.AssertError(ExecutionErrorKind.Timeout);
        Assert.Contains("10 ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_LoopInTimerAfterCb_KeepsCbOutcome()
    {
        var result = await _executor.RunAsync(Small with { TimeoutMs = 500 }, "module.exports = function (cb) { cb(null, 'done'); setTimeout(function () { while (true) {} }, 0); };");

        Assert.Equal("done", result.AssertSuccess()!.GetValue<string>());
        Assert.Contains(result.Logs, line => line.Level == "warn" && line.Message.Contains("time limit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_InfiniteRecursion_IsLimitErrorNotProcessCrash()
    {
        var result = await RunBodyAsync("function f() { return f() + 1; }\nf();");

        var error = result.AssertError(ExecutionErrorKind.Limit);
        Assert.Contains("call depth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_RecursionThroughGetters_IsLimitErrorNotProcessCrash()
    {
        var result = await RunBodyAsync("var o = { get x() { return this.x; } };\no.x;", Small with { MaxRecursionDepth = 100_000 });

        result.AssertError(ExecutionErrorKind.Limit);
    }

    // eval and new Function compile into the same engine: their code runs under the invocation's limits.
    [Theory]
    [InlineData("eval('while (true) {}')")]
    [InlineData("new Function('for (;;) {}')()")]
    public async Task ExecuteAsync_CompiledInfiniteLoop_TimesOut(string body)
    {
        var result = await RunBodyAsync(body, Small with { TimeoutMs = 200 });

        var error = result.AssertError(ExecutionErrorKind.Timeout);
        Assert.Contains("200 ms", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eval('var keep = []; while (true) { keep.push({ a: \\'some text\\', b: [1, 2, 3] }); }')")]
    [InlineData("new Function('var s = \\'x\\'; for (var i = 0; i < 40; i++) { s = s + s; } return s.length;')()")]
    [InlineData("eval('new Array(1e9).fill(0)')")]
    public async Task ExecuteAsync_CompiledAllocation_HitsMemoryLimit(string body)
    {
        // The memory limit is the subject: the pushing loop takes ~1 s to fill 16 MB alone and over 5 s beside the
        // whole suite on two cores, where the default time limit fired first.
        var result = await RunBodyAsync(body, Small with { TimeoutMs = 60_000 });

        result.AssertError(ExecutionErrorKind.Limit);
    }

    [Theory]
    [InlineData("eval('function f() { return f() + 1; } f();')")]
    [InlineData("new Function('function f() { return f() + 1; } return f();')()")]
    [InlineData("globalThis.g = new Function('n', 'return g(n + 1)'); g(0);")] // recursion through compiled function objects
    [InlineData("function f() { return eval('f()'); } f();")] // recursion through eval itself
    public async Task ExecuteAsync_CompiledInfiniteRecursion_IsLimitError(string body)
    {
        var result = await RunBodyAsync(body);

        result.AssertError(ExecutionErrorKind.Limit);
    }

    [Fact]
    public async Task ExecuteAsync_RecursionWithinDepthLimit_Succeeds()
    {
        var result = await RunBodyAsync("function f(n) { return n === 0 ? 0 : 1 + f(n - 1); }\nif (f(100) !== 100) throw new Error('bad');");

        result.AssertSuccess();
    }

    [Fact]
    public async Task ExecuteAsync_StringDoubling_HitsMemoryLimit()
    {
        var result = await RunBodyAsync("var s = 'x';\nfor (var i = 0; i < 40; i++) { s = s + s; }");

        var error = result.AssertError(ExecutionErrorKind.Limit);
        Assert.Contains("memory", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ExecuteAsync_AllocationSpreadOverCallbacks_HitsLimitOfWholeInvocation()
    {
        // Each callback allocates well under the limit (Jint's own count restarts per callback); together they exceed it.
        var result = await _executor.RunAsync(Small with { MemoryBytes = 8L * 1024 * 1024 }, """
            var keep = [];
            function chunk() { var a = []; for (var i = 0; i < 20000; i++) a.push({ i: i, s: 'text' + i }); keep.push(a); }
            module.exports = function (cb) {
              var left = 200;
              function next() { chunk(); if (--left === 0) cb(null, 'survived'); else setImmediate(next); }
              setImmediate(next);
            };
            """);

        var error = result.AssertError(ExecutionErrorKind.Limit);
        Assert.Contains("memory limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_ManySmallObjects_HitsMemoryLimit()
    {
        var result = await RunBodyAsync("var keep = [];\nwhile (true) { keep.push({ a: 'some text', b: [1, 2, 3] }); }");

        result.AssertError(ExecutionErrorKind.Limit);
    }

    [Theory]
    [InlineData("'x'.repeat(2e8)")]
    [InlineData("'ab'.repeat(3e6)")]
    [InlineData("'x'.padStart(2e8)")]
    [InlineData("'x'.padEnd(2e8, 'yz')")]
    [InlineData("String.prototype.repeat.call('x', 2e8)")]
    [InlineData("Object.getOwnPropertyDescriptor(String.prototype, 'repeat').value.call('x', 2e8)")]
    [InlineData("Object.values(Object.getOwnPropertyDescriptors(String.prototype)).filter(function (d) { return d.value && d.value.name === 'padEnd'; })[0].value.call('x', 2e8)")]
    [InlineData("Reflect.apply(''.repeat, 'x', [2e8])")]
    [InlineData("'x'.repeat(1e6).replace(/x/g, 'y'.repeat(1000))")]
    [InlineData("'x'.repeat(1e6).replaceAll('x', 'y'.repeat(1000))")]
    [InlineData("'x'.repeat(1e6).replace(/(x)/g, '$1$1$1$1$1$1')")]
    [InlineData("'x'.repeat(1e6).replace(new RegExp('x', 'g'), 'y'.repeat(1000))")]
    [InlineData("RegExp.prototype[Symbol.replace].call(/x/g, 'x'.repeat(1e6), 'y'.repeat(1000))")]
    [InlineData("'ab'.repeat(5000).replace(/a/g, 'y'.repeat(1000))")] // 5,000 real matches: 5 M characters
    // A script exec decides the matches itself: the guard cannot count them and keeps its bound.
    [InlineData("(function () { var r = /z/g, i = 0; r.exec = function () { if (i >= 3000) return null; var m = ['x']; m.index = i++; return m; }; return 'x'.repeat(3000).replace(r, 'y'.repeat(1000)); })()")]
    [InlineData("(function () { var i = 0; RegExp.prototype.exec = function () { if (i >= 3000) return null; var m = ['x']; m.index = i++; return m; }; return 'x'.repeat(3000).replace(/z/g, 'y'.repeat(1000)); })()")]
    [InlineData("new ArrayBuffer(1e9)")]
    [InlineData("new ArrayBuffer(8, { maxByteLength: 1e9 })")]
    [InlineData("new ArrayBuffer(8, { maxByteLength: 64 }).resize(1e9)")]
    [InlineData("new Uint8Array(1e9)")]
    [InlineData("new Int8Array(1e9)")]
    [InlineData("new Uint8ClampedArray(1e9)")]
    [InlineData("new Int16Array(1e9)")]
    [InlineData("new Uint16Array(1e9)")]
    [InlineData("new Int32Array(1e9)")]
    [InlineData("new Uint32Array(1e9)")]
    [InlineData("new Float32Array(1e9)")]
    [InlineData("new Float64Array(1e9)")]
    [InlineData("new BigInt64Array(1e9)")]
    [InlineData("new BigUint64Array(1e9)")]
    [InlineData("new Float64Array(1e6)")]
    [InlineData("new Uint8Array({ length: 1e9 })")]
    [InlineData("new (new Uint8Array(1).constructor)(1e9)")]
    [InlineData("new (new Uint8Array(1).buffer.constructor)(1e9)")]
    [InlineData("Uint8Array.from({ length: 1e9 })")]
    [InlineData("new (class Big extends Uint8Array {})(1e9)")]
    [InlineData("new Uint8Array({ get length() { return this.n = (this.n || 0) + 1, this.n > 1 ? 1e9 : 1; } })")]
    [InlineData("new Uint8Array(Object.create({ get length() { return 1e9; } }))")]
    [InlineData("new Uint8Array(new Proxy({ length: 1 }, {}))")]
    [InlineData("new ArrayBuffer({ valueOf: function () { return 1e9; } })")]
    [InlineData("new ArrayBuffer(8, { get maxByteLength() { return 1e9; } })")]
    [InlineData("new Array(1e9).fill(0)")]
    [InlineData("new Array(1e9).join('x')")]
    [InlineData("Array(1e9)")]
    [InlineData("Array.from({ length: 1e9 })")]
    public async Task ExecuteAsync_SingleHugeAllocation_IsLimitErrorWithoutAllocatingIt(string allocation)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = await RunBodyAsync($"var big = {allocation};");

        result.AssertError(ExecutionErrorKind.Limit);
        var allocatedMb = (GC.GetAllocatedBytesForCurrentThread() - before) / (1024 * 1024);
        Assert.True(allocatedMb < 100, $"allocated {allocatedMb} MB");
    }

    [Fact]
    public async Task ExecuteAsync_RegExpReplaceIntoTemplate_CountsRealMatchesInsteadOfRefusing()
    {
        // bluebird's join builds code this way at load: a 3.9 K template with a marker per line gets 2.5 K spliced in
        // 60 times. A match at every position would be 9.7 M characters (over this limit of 2 M); the result is 153 K.
        var result = await RunBodyAsync("""
            var template = '';
            for (var i = 0; i < 60; i++) template += 'line ' + i + ' of the template [TheName] with some padding text here ok\n';
            var code = template.replace(/\[TheName\]/g, 'x'.repeat(2500)).replace(/\[TheTotal\]/g, '3');
            return cb(null, [template.length, code.length, code.indexOf('[TheName]')]);
            """);

        // What node prints for the same code.
        Assert.Equal("[3890,153350,-1]", result.AssertSuccess()!.ToJsonString());
    }

    [Theory]
    [InlineData("'x'.repeat({ valueOf: function () { return this.n = (this.n || 0) + 1, this.n > 1 ? 2e8 : 1; } })")]
    [InlineData("String.prototype.repeat.call({ toString: function () { return this.n = (this.n || 0) + 1, this.n > 1 ? 'x'.repeat(1e6) : 'x'; } }, 1000)")]
    [InlineData("'x'.padStart({ valueOf: function () { return this.n = (this.n || 0) + 1, this.n > 1 ? 2e8 : 1; } })")]
    public async Task ExecuteAsync_SizeThatChangesBetweenReads_IsReadOnce(string allocation)
    {
        var result = await RunBodyAsync($"return cb(null, {allocation}.length);");

        Assert.True(result.AssertSuccess()!.GetValue<int>() <= 1_000);
    }

    [Fact]
    public async Task ExecuteAsync_ReflectReplacedByScript_DoesNotLeakUnguardedConstructor()
    {
        var result = await RunBodyAsync("""
            var stolen;
            Reflect.construct = function (target) { stolen = target; return {}; };
            Reflect.apply = function (target) { stolen = target; };
            var bytes = new Uint8Array(2);
            if (stolen !== undefined || bytes.length !== 2) return cb(null, 'leaked');
            """);

        Assert.Equal("finished", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_GuardedStringMethods_LookLikeTheBuiltIns()
    {
        var result = await RunBodyAsync("""
            var p = String.prototype;
            var d = Object.getOwnPropertyDescriptor(p, 'padStart');
            cb(null, [
              p.repeat === ''.repeat, p.repeat.name, p.repeat.length, p.replace.length, p.replaceAll.name,
              d.writable, d.enumerable, d.configurable, Object.keys(p).length,
            ]);
            """);

        Assert.Equal("""[true,"repeat",1,2,"replaceAll",true,false,true,0]""", result.AssertSuccess()!.ToJsonString());
    }

    [Fact]
    public async Task ExecuteAsync_AllocationGuardTriggered_CannotBeCaughtByScript()
    {
        var result = await RunBodyAsync("try { new Uint8Array(1e9); } catch (e) { return cb(null, 'caught'); }");

        result.AssertError(ExecutionErrorKind.Limit);
    }

    [Fact]
    public async Task ExecuteAsync_AllocationsWithinLimits_StillWork()
    {
        var result = await _executor.RunAsync(Small, """
            module.exports = function (cb) {
              var bytes = new Uint8Array([1, 2, 3]);
              var view = new Uint8Array(new ArrayBuffer(16), 4, 4);
              var sliced = bytes.slice(1);
              var floats = Float64Array.from([1.5, 2.5]);
              class Bytes extends Uint8Array {}
              var fromArrayLike = new Uint8Array({ length: 2, 0: 7, 1: 8 });
              var fromSet = new Uint8Array(new Set([1, 2, 3]));
              var fromArguments = (function () { return new Int16Array(arguments); })(1, 2);
              if (fromArrayLike[1] !== 8 || fromSet.length !== 3 || fromArguments.length !== 2) throw new Error('typed array sources');
              cb(null, {
                instance: bytes instanceof Uint8Array && view.buffer instanceof ArrayBuffer && sliced instanceof Uint8Array,
                subclass: new Bytes(2) instanceof Uint8Array,
                sum: bytes.reduce(function (a, b) { return a + b; }, 0) + floats[1],
                viewLength: view.length,
                ctor: bytes.constructor === Uint8Array,
                repeated: 'ab'.repeat(3) + 'x'.padStart(3, '-') + 'y'.padEnd(2, '.') + String.prototype.repeat.call(7, 2) + 'z'.padEnd(3, { toString: function () { return '#'; } }),
                array: new Array(5).fill(1).join(''),
                replaced: 'a-b-c'.replace(/-/g, '.') + 'a-b'.replaceAll('-', '$&$&') + 'x'.replace('x', function () { return 'y'; }),
              });
            };
            """);

        var data = result.AssertSuccess()!;
        Assert.Equal("""{"instance":true,"subclass":true,"sum":8.5,"viewLength":4,"ctor":true,"repeated":"ababab--xy.77z##","array":"11111","replaced":"a.b.ca--by"}""", data.ToJsonString());
    }

    [Fact]
    public async Task ExecuteAsync_CatastrophicRegex_EndsWithinWallTime()
    {
        // Jint's default regex timeout is 10 s: ending with the regex error at a 500 ms budget shows the budget applies.
        var result = await RunBodyAsync("/(a+)+$/.test('a'.repeat(40) + 'b');", Small with { TimeoutMs = 500 });

        var error = result.AssertError(ExecutionErrorKind.Timeout);
        Assert.Contains("regular expression", error.Message, StringComparison.Ordinal);
        Assert.True(result.DurationMs < 10_000, $"took {result.DurationMs} ms");
    }

    [Fact]
    public async Task ExecuteAsync_CatastrophicRegexInsideTryCatch_StillEnds()
    {
        var result = await RunBodyAsync("try { new RegExp('(a+)+$').test('a'.repeat(40) + 'b'); } catch (e) { return cb(null, 'caught'); }", Small with { TimeoutMs = 500 });

        result.AssertError(ExecutionErrorKind.Timeout);
    }

    [Fact]
    public async Task ExecuteAsync_ScriptLargerThanLimit_IsRefusedBeforeParsing()
    {
        var script = "module.exports = function (cb) { cb(); };\n// " + new string('x', 2_000) + "\n{{{ not even valid";

        var result = await _executor.RunAsync(Small with { MaxScriptBytes = 1_000 }, script);

        var error = result.AssertError(ExecutionErrorKind.Limit);
        Assert.Contains("1000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _executor.Scripts.Count);
    }

    [Fact]
    public async Task ExecuteAsync_MultiByteScriptWithinCharsButOverBytes_IsRefused()
    {
        // 400 characters but 1200 UTF-8 bytes.
        var script = "module.exports = function (cb) { cb(); }; // " + new string('€', 400);

        var result = await _executor.RunAsync(Small with { MaxScriptBytes = 1_000 }, script);

        result.AssertError(ExecutionErrorKind.Limit);
    }

    [Fact]
    public async Task ExecuteAsync_TenMegabyteClaimsObject_IsRefusedAsOversizeResult()
    {
        // Used to be accepted and became a 14 MB token. Memory is generous so the result's size is what refuses it.
        var result = await _executor.RunAsync(Small with { MemoryBytes = 1024L * 1024 * 1024 }, """
            module.exports = function (cb) {
              var kb = 'x'.repeat(1024), claims = { scope: [] };
              for (var i = 0; i < 10240; i++) claims['https://example.com/c' + i] = kb;
              cb(null, claims);
            };
            """);

        var error = result.AssertError(ExecutionErrorKind.Limit);
        Assert.Matches(@"^The result passed to cb is \d{8} bytes as JSON; the limit is 1048576 bytes$", error.Message);
    }

    [Fact]
    public async Task ExecuteAsync_ResultJustWithinMaxResultBytes_IsReturned()
    {
        // '"' + 998 characters + '"' = 1000 bytes.
        var result = await _executor.RunAsync(Small with { MaxResultBytes = 1000 }, "module.exports = function (cb) { cb(null, 'x'.repeat(998)); };");

        Assert.Equal(998, result.AssertSuccess()!.GetValue<string>().Length);
    }

    [Fact]
    public async Task ExecuteAsync_ResultOneByteOverMaxResultBytes_IsRefused()
    {
        var result = await _executor.RunAsync(Small with { MaxResultBytes = 1000 }, "module.exports = function (cb) { cb(null, 'x'.repeat(999)); };");

        Assert.Equal("The result passed to cb is 1001 bytes as JSON; the limit is 1000 bytes", result.AssertError(ExecutionErrorKind.Limit).Message);
    }

    [Fact]
    public async Task ExecuteAsync_ErrorWithHugeMessageAndProperties_IsBounded()
    {
        var result = await _executor.RunAsync(Small with { MemoryBytes = 256L * 1024 * 1024 }, """
            module.exports = function (cb) {
              var e = new Error('m'.repeat(1024 * 1024));
              e.blob = 'b'.repeat(1024 * 1024);
              cb(e);
            };
            """);

        var error = result.AssertError(ExecutionErrorKind.Hook);
        Assert.Equal(16 * 1024 + "... (1032192 more characters)".Length, error.Message.Length);
        Assert.EndsWith("... (1032192 more characters)", error.Message, StringComparison.Ordinal);
        Assert.Null(error.Details);
    }
}
