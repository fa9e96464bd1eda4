using HooksDashboard.Catalog;
using HooksDashboard.Hooks;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HooksDashboard.Tests.EndToEnd;

/// <summary>Versions in Chromium: a live save asks with the diff, the History tab compares two versions in Monaco's diff editor and restores one.</summary>
[Collection(AppTestGroup.Name)]
public class VersionsEndToEndTests(AppFixture app, ITestOutputHelper output)
{
    private const string Point = "send-phone-message";

    // The change is at the top, where the diff editor's first screen shows it (Monaco renders only visible lines).
    private static string SecondVersion(string template) => "'use strict';\n" + template;

    [Fact]
    public async Task LiveHook_SaveAsksWithDiff_HistoryComparesAndRestoresAVersion()
    {
        output.WriteLine($"Screenshots (1280x800): {app.ScreenshotDirectory}");
        var dashboard = new DashboardPage(await app.NewPageAsync());
        var page = dashboard.Page;
        var template = app.Services.GetRequiredService<IHookCatalog>().Find(Point)!.Template;
        await dashboard.CreateHookAsync(Point, "Versioned hook");
        var hookId = DashboardPage.EditorUrl().Match(page.Url).Value.Split('/')[^1];
        var store = app.Services.GetRequiredService<IHookStore>();
        try
        {
            await LiveSaveCompareAndRestoreAsync(dashboard, store, hookId, template);
        }
        finally
        {
            // The browser tests share one app: leave no enabled send-phone-message hook behind (UsersTests expects none).
            await store.DeleteAsync(hookId);
        }
    }

    private async Task LiveSaveCompareAndRestoreAsync(DashboardPage dashboard, IHookStore store, string hookId, string template)
    {
        var page = dashboard.Page;
        Assert.True((await store.GetAsync(hookId))!.Enabled);

        // Saving the live hook shows what changes against what runs now, in Monaco's diff editor, and asks.
        await dashboard.SetCodeAsync(SecondVersion(template));
        await page.GetByTestId("save-hook").ClickAsync();
        await Expect(page.GetByTestId("version-diff-dialog")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=version-diff-dialog] .monaco-diff-editor .line-insert").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "live-save-diff.png") });
        await dashboard.ConfirmLiveSaveAsync("Log the recipient");
        await Expect(page.GetByTestId("unsaved-marker")).ToHaveCountAsync(0);
        Assert.Equal(2, (await store.GetAsync(hookId))!.Version);

        // History: both versions, the new one current with its message; compare them.
        await dashboard.SelectTabAsync("History");
        await Expect(page.GetByTestId("version-row")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=version-row][data-version='2'] [data-testid=version-current]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=version-row][data-version='2'] [data-testid=version-message]")).ToHaveTextAsync("Log the recipient");
        await page.Locator("[data-testid=version-row][data-version='1'] input[type=checkbox]").CheckAsync();
        await page.Locator("[data-testid=version-row][data-version='2'] input[type=checkbox]").CheckAsync();
        await page.GetByTestId("compare-selected").ClickAsync();
        var diff = page.Locator("[data-testid=version-diff-dialog] .monaco-diff-editor");
        await Expect(diff).ToBeVisibleAsync();
        await Expect(diff.Locator(".editor.modified .view-lines")).ToContainTextAsync("'use strict';");
        await Expect(diff.Locator(".editor.original .view-lines")).ToContainTextAsync("Send Phone Message: runs whenever");
        await Expect(diff.Locator(".editor.original .view-lines")).Not.ToContainTextAsync("'use strict';");
        await Expect(diff.Locator(".line-insert").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "history-compare.png") });
        await page.GetByTestId("diff-cancel").ClickAsync();
        await Expect(page.GetByTestId("version-diff-dialog")).ToHaveCountAsync(0);

        // Restore version 1: a live hook warns; it comes back as version 3 and the editor shows it.
        await page.Locator("[data-testid=version-row][data-version='1'] [data-testid=version-restore]").ClickAsync();
        await Expect(page.GetByTestId("diff-warning")).ToContainTextAsync("This hook is live");
        await page.GetByTestId("diff-confirm").ClickAsync();
        await Expect(page.GetByTestId("version-row")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-testid=version-row][data-version='3'] [data-testid=version-message]")).ToHaveTextAsync("Restored from version 1");
        await page.WaitForFunctionAsync(
            "text => window.blazorMonaco.editors.find(e => e.id === 'hook-code-editor').editor.getValue() === text", template);
        await Expect(page.GetByTestId("unsaved-marker")).ToHaveCountAsync(0);
        Assert.Equal(template, (await store.GetAsync(hookId))!.Script);
        await Expect(page.Locator("[data-testid=history-entry][data-action=version-restored]")).ToHaveCountAsync(1);
    }
}
