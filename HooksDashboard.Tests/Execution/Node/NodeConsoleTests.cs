using HooksDashboard.Execution;
using HooksDashboard.Execution.Node;

namespace HooksDashboard.Tests.Execution.Node;

/// <summary>console's timers and warnings, whose output Node varies by time and process id.</summary>
public class NodeConsoleTests
{
    private readonly JintHookExecutor _executor = new();

    [Theory]
    [InlineData(1.5, "1.5ms")]
    [InlineData(0.1234, "0.123ms")]
    [InlineData(12, "12ms")]
    [InlineData(1500, "1.500s")]
    [InlineData(61_500, "1:01.500 (m:ss.mmm)")]
    [InlineData(3_723_000, "1:02:03.000 (h:mm:ss.mmm)")]
    public void FormatTime_Milliseconds_AreWrittenAsNodeFormatsThem(double ms, string expected)
    {
        Assert.Equal(expected, NodeConsole.FormatTime(ms));
    }

    [Fact]
    public async Task ExecuteAsync_EmitWarning_WritesAndEmitsAsNode()
    {
        // Node's default listener writes each warning on the next tick (the first with its --trace hint), then the
        // 'warning' event gets the warning as an Error: name from the type, code, detail.
        const string Script = """
            process.on('warning', (w) => console.log('event', w instanceof Error, w.name, w.message, w.code, w.detail, Object.keys(w).join(',')));
            process.emitWarning('plain');
            process.emitWarning('typed', 'CustomWarning', 'C01');
            process.emitWarning('with options', { type: 'OptWarning', code: 'O1', detail: 'more about it' });
            const e = new Error('an error'); e.name = 'ErrWarning';
            process.emitWarning(e);
            try { process.emitWarning(5); } catch (x) { console.log(x.code, x.message); }
            try { process.emitWarning('x', 7); } catch (x) { console.log(x.code, x.message); }
            process.noDeprecation = true;
            process.emitWarning('hidden', 'DeprecationWarning', 'DEP0');
            console.log('sync done', process.listenerCount('warning'));
            // Node's output is a listener of its own: removing every listener silences warnings.
            process.nextTick(() => { process.removeAllListeners('warning'); process.emitWarning('silenced'); console.log('after silence'); });
            """;

        var result = await _executor.RunAsync(Script + "\nmodule.exports = function (cb) { setTimeout(() => cb(), 10); };");

        var output = string.Join('\n', result.Logs.Select(l => l.Message));
        Assert.StartsWith("ERR_INVALID_ARG_TYPE The \"warning\" argument must be of type string or an instance of Error. Received type number (5)", output, StringComparison.Ordinal);
        Assert.Contains("(node:1) [O1] OptWarning: with options\nmore about it", output, StringComparison.Ordinal);
        Assert.Contains("event true OptWarning with options O1 more about it name,code,detail", output, StringComparison.Ordinal);
        if (Tests.TestHelpers.NodeOracle.RunScript(Script) is { } node)
            Assert.Equal(Modules.ModuleLoaderCompatibilityTests.Normalize(node), output);
    }

    [Fact]
    public async Task ExecuteAsync_TimeEndAndMisuse_PrintDurationAndNodeWarnings()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              console.time('work');
              console.time('work');
              console.timeEnd('work');
              console.timeEnd('missing');
              console.countReset('none');
              cb();
            };
            """);

        result.AssertSuccess();
        var lines = result.Logs.Select(l => $"{l.Level} {l.Message}").ToList();
        Assert.Equal("warn (node:1) Warning: Label 'work' already exists for console.time()", lines[0]);
        Assert.Matches(@"^log work: \d+(\.\d{1,3})?ms$", lines[1]);
        Assert.Equal("warn (node:1) Warning: No such label 'missing' for console.timeEnd()", lines[2]);
        Assert.Equal("warn (node:1) Warning: Count for 'none' does not exist", lines[3]);
    }
}
