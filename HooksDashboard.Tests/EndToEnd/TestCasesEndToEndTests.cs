using HooksDashboard.Catalog.Points;
using HooksDashboard.Hooks;
using HooksDashboard.Hooks.TestCases;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace HooksDashboard.Tests.EndToEnd;

/// <summary>Saved test cases in Chromium: a run of the test panel saved with "Save as test", then run from the case list, green.</summary>
[Collection(AppTestGroup.Name)]
public class TestCasesEndToEndTests(AppFixture app)
{
    [Fact]
    public async Task SaveAsTest_AfterARun_TheSavedCaseRunsGreen()
    {
        var store = app.Services.GetRequiredService<IHookStore>();
        // Disabled: the browser tests share one app, and this one needs no live hook.
        var hook = await store.CreateAsync(new NewHook($"Cases {Guid.NewGuid():N}"[..14], PostChangePasswordPoint.TriggerId,
            "module.exports = function (user, context, cb) { console.log('changed ' + user.email); cb(null, { checked: true }); };", false));
        try
        {
            var dashboard = new DashboardPage(await app.NewPageAsync($"/hooks/{hook.Id}"));
            var page = dashboard.Page;
            await dashboard.WaitForEditorAsync();
            await Expect(page.GetByTestId("test-cases-empty")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("save-as-test")).ToBeDisabledAsync();

            await dashboard.RunTestAsync();
            await page.GetByTestId("save-as-test").ClickAsync();
            await Expect(page.Locator(".mud-dialog [data-testid=case-name]").First).ToBeVisibleAsync();
            await page.Locator("input[data-testid=case-name]").FillAsync("logs the change");
            await page.GetByTestId("case-save").ClickAsync();
            await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

            var row = page.Locator("[data-testid=test-case][data-name='logs the change']");
            await Expect(row).ToHaveAttributeAsync("data-status", "not-run");
            await row.GetByTestId("run-case").ClickAsync();
            await Expect(row).ToHaveAttributeAsync("data-status", "passed");
            await Expect(row.GetByTestId("test-case-status")).ToHaveTextAsync("Passed");

            // The case holds the run: the sample payload, success, the result and the console line.
            var saved = Assert.Single(await app.Services.GetRequiredService<ITestCaseStore>().ListAsync(hook.Id));
            Assert.Equal(TestCaseOutcome.Success, saved.Definition.Expect.Outcome);
            Assert.Equal("""{"checked":true}""", saved.Definition.Expect.Result?.ToJsonString());
            Assert.Contains(saved.Definition.Expect.Console, line => line.StartsWith("changed ", StringComparison.Ordinal));
        }
        finally
        {
            await store.DeleteAsync(hook.Id);
        }
    }
}
