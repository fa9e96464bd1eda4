using HooksDashboard.Cli;

namespace HooksDashboard.Tests.Cli;

public sealed class ProcessUsageTests
{
    [Fact]
    public void ContextSwitches_ThreadThatSleptAndEnded_StaysCounted()
    {
        if (!OperatingSystem.IsLinux())
        {
            // Read on Linux only; elsewhere the benchmark prints 0 switches.
            Assert.Null(ProcessUsage.ContextSwitches());
            return;
        }
        var before = ProcessUsage.ContextSwitches();

        // Each sleep puts the thread off the CPU: a voluntary switch. The thread then ends, and a count made of the
        // live threads alone would lose its switches.
        var thread = new Thread(() =>
        {
            for (var i = 0; i < 20; i++)
                Thread.Sleep(1);
        });
        thread.Start();
        thread.Join();

        var after = ProcessUsage.ContextSwitches();
        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.True(after - before >= 20, $"{after - before} switches counted for 20 sleeps of a thread that has ended");
    }
}
