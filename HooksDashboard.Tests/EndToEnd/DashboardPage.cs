using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace HooksDashboard.Tests.EndToEnd;

/// <summary>What the browser tests do on the dashboard, in the user's terms.</summary>
internal sealed partial class DashboardPage(IPage page)
{
    public IPage Page { get; } = page;

    public async Task OpenHooksAsync()
    {
        await Page.GotoAsync("hooks");
        await WaitForCircuitAsync();
    }

    /// <summary>Waits until the circuit is live: the prerendered buttons do nothing before that.</summary>
    public Task WaitForCircuitAsync() => Page.Locator("[data-interactive=true]").WaitForAsync();

    /// <summary>Waits until Monaco shows the hook's code (the editor page is interactive then).</summary>
    public async Task WaitForEditorAsync()
    {
        await WaitForCircuitAsync();
        await Assertions.Expect(Page.Locator(".view-lines")).ToContainTextAsync("module.exports");
    }

    public ILocator Section(string triggerId) => Page.Locator($"[data-point={triggerId}]");

    public ILocator Row(string hookName) => Page.Locator($"[data-testid=hook-row][data-hook-name='{hookName}']");

    public ILocator StateOf(string hookName) => Row(hookName).GetByTestId("hook-state");

    /// <summary>Creates a hook from a point's "New hook" button; ends on the new hook's editor.</summary>
    public async Task CreateHookAsync(string triggerId, string name, string? screenshotPath = null)
    {
        await Section(triggerId).GetByTestId("create-hook-for-point").ClickAsync();
        await Page.Locator("input[data-testid=hook-name]").FillAsync(name);
        if (screenshotPath is not null)
            await Page.ScreenshotAsync(new() { Path = screenshotPath });
        await Page.GetByTestId("hook-name-submit").ClickAsync();
        await Page.WaitForURLAsync(EditorUrl());
        await WaitForEditorAsync();
    }

    /// <summary>Replaces the editor's content the way a paste would (typing is mangled by auto-indent).</summary>
    public Task SetCodeAsync(string code) =>
        Page.EvaluateAsync(
            "code => window.blazorMonaco.editors.find(e => e.id === 'hook-code-editor').editor.setValue(code)", code);

    public async Task RunTestAsync(string? payload = null)
    {
        if (payload is not null)
            await Page.Locator("textarea[data-testid=payload]").FillAsync(payload);
        var runs = await Page.GetByTestId("history-item").CountAsync();
        await Page.GetByTestId("run-test").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("history-item")).ToHaveCountAsync(runs + 1);
    }

    public async Task SelectTabAsync(string text) =>
        await Page.Locator(".mud-tab").Filter(new LocatorFilterOptions { HasText = text }).ClickAsync();

    [GeneratedRegex(@"/hooks/[0-9A-Za-z]+$")]
    internal static partial Regex EditorUrl();
}
