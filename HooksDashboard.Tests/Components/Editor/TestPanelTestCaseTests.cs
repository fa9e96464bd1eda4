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

    [Fact]
    public async Task SaveAsTest_AfterARun_SavesTheRunAsACaseThatThenPasses()
    {
        var (cut, hookId) = await RenderPanelWithHookAsync(Exchange);
        Assert.True(cut.Find("button[data-testid=save-as-test]").HasAttribute("disabled"));
        cut.Find("[data-testid=run-test]").Click();
        cut.WaitForElement("[data-testid=test-result]", TimeSpan.FromSeconds(10));
        cut.WaitForAssertion(() => Assert.False(cut.Find("button[data-testid=save-as-test]").HasAttribute("disabled")));

        await cut.InvokeAsync(() => cut.Find("button[data-testid=save-as-test]").Click());

        var dialogs = _dialogs!;
        dialogs.WaitForElement("[data-testid=test-case-dialog]");
        await dialogs.InvokeAsync(() => dialogs.Find("button[data-testid=case-save]").Click());
        var store = Services.GetRequiredService<ITestCaseStore>();
        HookTestCase? saved = null;
        for (var i = 0; i < 200 && saved is null; i++)
        {
            saved = (await store.ListAsync(hookId)).SingleOrDefault();
            if (saved is null)
                await Task.Delay(25);
        }
        Assert.NotNull(saved);
        Assert.Equal(TestCaseOutcome.Success, saved.Definition.Expect.Outcome);
        Assert.StartsWith("Succeeds ", saved.Name, StringComparison.Ordinal);

        await cut.InvokeAsync(() => cut.FindComponent<HooksDashboard.Components.Editor.TestCaseList>().Instance.ReloadAsync());
        await cut.InvokeAsync(() => cut.Find("[data-testid=run-all-cases]").Click());
        cut.WaitForAssertion(() => Assert.Equal("passed", cut.Find("[data-testid=test-case]").GetAttribute("data-status")), TimeSpan.FromSeconds(10));
    }
}
