using HooksDashboard.Execution;

namespace HooksDashboard.Tests.Execution.Node;

/// <summary>
/// Buffer's allocations stay bounded like the typed arrays it extends: a huge size is a limit error before anything is
/// allocated, also where the host builds the bytes or the string. Node-compatible behaviour is in <c>Cases/buffer.js</c>.
/// </summary>
public class NodeBufferTests
{
    private static readonly ExecutionLimits Limits = ExecutorTestExtensions.TestLimits with { MaxAllocationBytes = 1024 * 1024 };

    private readonly JintHookExecutor _executor = new();

    [Theory]
    [InlineData("Buffer.alloc(1e9)")]
    [InlineData("Buffer.allocUnsafe(1e9)")]
    [InlineData("Buffer.allocUnsafeSlow(1e9)")]
    [InlineData("Buffer.alloc(4e6, 'x')")]
    [InlineData("new Buffer(1e9)")]
    [InlineData("Buffer(1e9)")]
    [InlineData("require('buffer').SlowBuffer(1e9)")]
    [InlineData("Buffer.from({ length: 1e9 })")]
    [InlineData("Buffer.concat([Buffer.from('a')], 1e9)")]
    [InlineData("new (class Big extends Buffer {})(1e9)")]
    [InlineData("Buffer.from('x'.repeat(500000) + '€'.repeat(200000))")]
    [InlineData("Buffer.alloc(600000).toString('hex')")]
    [InlineData("Buffer.alloc(900000).toString('base64')")]
    public async Task ExecuteAsync_HugeBuffer_IsLimitErrorWithoutAllocatingIt(string allocation)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = await _executor.RunAsync(Limits, $"module.exports = function (cb) {{ var big = {allocation}; cb(null, big.length); }};");

        var error = result.AssertError(ExecutionErrorKind.Limit);
        Assert.Contains("the limit for a single allocation is 1048576 bytes", error.Message, StringComparison.Ordinal);
        var allocatedMb = (GC.GetAllocatedBytesForCurrentThread() - before) / (1024 * 1024);
        Assert.True(allocatedMb < 100, $"allocated {allocatedMb} MB");
    }

    [Fact]
    public async Task ExecuteAsync_BufferWithinLimit_Works()
    {
        var result = await _executor.RunAsync(Limits, """
            module.exports = function (cb) {
              var b = Buffer.alloc(200000, 'ab');
              cb(null, [b.length, b.toString('hex', 0, 4), Buffer.from(b.toString('base64'), 'base64').equals(b)].join(' '));
            };
            """);

        Assert.Equal("200000 61626162 true", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_ManyBuffersKeptAlive_HitTheInvocationMemoryLimit()
    {
        var result = await _executor.RunAsync(ExecutorTestExtensions.TestLimits with { MemoryBytes = 16 * 1024 * 1024 }, """
            module.exports = function (cb) {
              var kept = [];
              for (var i = 0; i < 40; i++) kept.push(Buffer.alloc(1e6, 'ab'));
              cb(null, kept.length);
            };
            """);

        var error = result.AssertError(ExecutionErrorKind.Limit);
        Assert.Contains("memory limit", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Buffer.prototype.toString.call({})")]
    [InlineData("Buffer.prototype.toString.call(new Uint16Array(2), 'hex')")]
    [InlineData("Buffer.prototype.indexOf.call({ length: 1 }, 'a')")]
    [InlineData("Buffer.prototype.compare.call([1], Buffer.from('a'))")]
    public async Task ExecuteAsync_BufferMethodOnOtherReceiver_IsCatchableTypeError(string call)
    {
        var result = await _executor.RunAsync($"module.exports = function (cb) {{ try {{ {call}; cb(null, 'no error'); }} catch (e) {{ cb(null, e.name); }} }};");

        Assert.Equal("TypeError", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_DeprecatedBufferConstructor_WorksAndWarnsOnceAsNode()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              console.log(new Buffer('ab'), Buffer('cd', 'hex'), new Buffer(2), Buffer([1]));
              cb();
            };
            """);

        result.AssertSuccess();
        Assert.Equal(
            [
                "<Buffer 61 62> <Buffer cd> <Buffer 00 00> <Buffer 01>",
                "(node:1) [DEP0005] DeprecationWarning: Buffer() is deprecated due to security and usability issues. Please use the Buffer.alloc(), Buffer.allocUnsafe(), or Buffer.from() methods instead.\n(Use `node --trace-deprecation ...` to show where the warning was created)",
            ],
            result.Logs.Select(l => l.Message));
    }

    [Fact]
    public async Task ExecuteAsync_BufferGlobalAndModule_AreTheSameAndFreshPerInvocation()
    {
        const string Script = """
            module.exports = function (cb) {
              var seen = Buffer.prototype.marker;
              Buffer.prototype.marker = 'set';
              cb(null, String(seen) + ' ' + (require('buffer').Buffer === Buffer) + ' ' + (require('node:buffer') === require('buffer')));
            };
            """;

        var first = await _executor.RunAsync(Script);
        var second = await _executor.RunAsync(Script);

        Assert.Equal("undefined true true", first.AssertSuccess()!.GetValue<string>());
        Assert.Equal("undefined true true", second.AssertSuccess()!.GetValue<string>());
    }
}
