using Bunit;
using HooksDashboard.Hooks.TestCases;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Components.Editor;

/// <summary>The test panel's saved test cases: Run all against the editor's code, green/red, the failure's diff.</summary>
public partial class TestPanelTests
{
    [Fact]
    public async Task RunAllCases_OnePassingOneFailing_StatusAndDiffShown()
    {
        var (cut, hookId) = await RenderPanelWithHookAsync(Exchange);
        var cases = Services.GetRequiredService<ITestCaseStore>();
        await cases.CreateAsync(hookId, TestCaseJson.Parse("""{"name":"passes","expect":{"outcome":"success"}}"""));
        await cases.CreateAsync(hookId, TestCaseJson.Parse("""{"name":"wants error","expect":{"outcome":"error","errorMessage":"denied"}}"""));
        await cut.InvokeAsync(() => cut.FindComponent<HooksDashboard.Components.Editor.TestCaseList>().Instance.ReloadAsync());

        await cut.InvokeAsync(() => cut.Find("[data-testid=run-all-cases]").Click());

        cut.WaitForAssertion(() => Assert.Equal("failed", cut.Find("[data-testid=test-case][data-name='wants error']").GetAttribute("data-status")), TimeSpan.FromSeconds(10));
        Assert.Equal("passed", cut.Find("[data-testid=test-case][data-name='passes']").GetAttribute("data-status"));
        Assert.StartsWith("expected an error, got success", cut.Find("[data-testid=test-case-failure]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("1 of 2 test cases failed: wants error", cut.Find("[data-testid=test-cases-summary]").TextContent, StringComparison.Ordinal);
    }
}
