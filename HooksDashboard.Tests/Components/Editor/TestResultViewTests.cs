using Bunit;
using HooksDashboard.Components.Editor;
using HooksDashboard.Execution;

namespace HooksDashboard.Tests.Components.Editor;

/// <summary>How one result reads, for outcomes that are awkward to provoke with a real script.</summary>
public class TestResultViewTests : DashboardTestBase
{
    [Fact]
    public void Render_Timeout_ShowsTheKindWithoutALineLink()
    {
        var cut = Render<TestResultView>(p => p.Add(x => x.Result,
            ExecutionResult.Failure(ExecutionErrorKind.Timeout, "TimeoutError", "Script execution exceeded 20000 ms", 20000)));

        Assert.Equal("Error", cut.Find("[data-testid=result-status]").TextContent.Trim());
        Assert.Equal("time limit", cut.Find("[data-testid=result-error-kind]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=result-error-location]"));
        Assert.Contains("20000 ms", cut.Find("[data-testid=result-duration]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SuccessWithoutApplied_SaysTheResultIsOnlyLogged()
    {
        var cut = Render<TestResultView>(p => p.Add(x => x.Result,
            new ExecutionResult { Status = ExecutionStatus.Success, DurationMs = 3.5 }));

        Assert.NotNull(cut.Find("[data-testid=result-applied-none]"));
        Assert.Equal("undefined", cut.Find("[data-testid=result-data]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=result-console-empty]"));
        Assert.Contains("3.5 ms", cut.Find("[data-testid=result-duration]").TextContent, StringComparison.Ordinal);
    }
}
