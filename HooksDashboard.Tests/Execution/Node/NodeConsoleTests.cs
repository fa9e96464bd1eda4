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
