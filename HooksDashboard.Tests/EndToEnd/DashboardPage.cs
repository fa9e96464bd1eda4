using System.Text.RegularExpressions;
using HooksDashboard.Components.Editor;
using HooksDashboard.Components.Pages;
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

    /// <summary>
    /// Goes to a dashboard page inside the live circuit, as a nav link does (no reload, so Monaco is not parsed
    /// again), and waits until the page shows its heading and has finished loading.
    /// </summary>
    public async Task GoToAsync(string url, string heading)
    {
        await Page.EvaluateAsync("url => Blazor.navigateTo(url)", url);
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync(heading);
        await Assertions.Expect(Page.Locator(".mud-main-content .mud-progress-linear")).ToHaveCountAsync(0);
    }

    /// <summary>Waits until the circuit is live: the prerendered buttons do nothing before that.</summary>
    public Task WaitForCircuitAsync() => Page.Locator("[data-interactive=true]").WaitForAsync();

    /// <summary>The Monaco editor with this element id (the hook's code, the test payload).</summary>
    public ILocator Editor(string editorId) => Page.Locator($"#{editorId} > .monaco-editor");

    /// <summary>Where the editor's text is: clicking there puts the cursor in it (the line numbers' margin does not).</summary>
    public ILocator EditorText(string editorId) => Page.Locator($"#{editorId} .editor-scrollable");

    /// <summary>The lines the editor shows (Monaco renders only the visible ones).</summary>
    public ILocator EditorLines(string editorId) => Page.Locator($"#{editorId} .view-lines");

    public ILocator CodeLines => EditorLines(HookEditor.EditorId);

    public ILocator PayloadLines => EditorLines(TestPanel.PayloadEditorId);

    /// <summary>Waits until Monaco shows the hook's code (the editor page is interactive then).</summary>
    public async Task WaitForEditorAsync()
    {
        await WaitForCircuitAsync();
        await Assertions.Expect(CodeLines).ToContainTextAsync("module.exports");
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
        try
        {
            // Polls page.url instead of waiting for a navigation event: Blazor's router moves to the editor with
            // history.pushState, and WaitForURLAsync missed that event under full-suite load although the editor showed.
            await Assertions.Expect(Page).ToHaveURLAsync(EditorUrl());
        }
        catch (PlaywrightException e)
        {
            // Seen once under full-suite load: say what the page showed instead of only "timeout".
            throw new TimeoutException(await DescribeStuckCreateAsync(name), e);
        }
        await WaitForEditorAsync();
    }

    private async Task<string> DescribeStuckCreateAsync(string name)
    {
        var screenshot = Path.Combine(Path.GetTempPath(), $"hooksdashboard-stuck-create-{Guid.NewGuid():N}.png");
        await Page.ScreenshotAsync(new() { Path = screenshot });
        var dialogOpen = await Page.GetByTestId("hook-name-dialog").IsVisibleAsync();
        var failure = await Page.GetByTestId("hook-name-failure").AllInnerTextsAsync();
        var submitEnabled = dialogOpen && await Page.GetByTestId("hook-name-submit").IsEnabledAsync();
        return $"Creating \"{name}\" did not reach the editor: url {Page.Url}, dialog open {dialogOpen}, "
            + $"submit enabled {submitEnabled}, failure [{string.Join(" | ", failure)}], screenshot {screenshot}";
    }

    /// <summary>
    /// Replaces an editor's content as a user would: click into it, select all, paste. Typing is mangled by
    /// auto-indent and auto-closing brackets; the page's context may use the clipboard (<see cref="AppFixture"/>).
    /// </summary>
    public async Task ReplaceEditorTextAsync(string editorId, string text)
    {
        await Page.EvaluateAsync("text => navigator.clipboard.writeText(text)", text);
        await EditorText(editorId).ClickAsync();
        await Page.Keyboard.PressAsync("ControlOrMeta+A");
        await Page.Keyboard.PressAsync("ControlOrMeta+V");
        // The paste landed whole (and the circuit was live to see it).
        await Page.WaitForFunctionAsync(
            "([id, text]) => window.blazorMonaco.editors.find(e => e.id === id).editor.getValue() === text",
            new[] { editorId, text });
    }

    public Task SetCodeAsync(string code) => ReplaceEditorTextAsync(HookEditor.EditorId, code);

    public Task SetPayloadAsync(string payload) => ReplaceEditorTextAsync(TestPanel.PayloadEditorId, payload);

    public async Task RunTestAsync(string? payload = null)
    {
        if (payload is not null)
            await SetPayloadAsync(payload);
        var runs = await Page.GetByTestId("history-item").CountAsync();
        await Page.GetByTestId("run-test").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("history-item")).ToHaveCountAsync(runs + 1);
    }

    /// <summary>Confirms the "This hook is live" dialog that saving an enabled hook opens, with an optional message.</summary>
    public async Task ConfirmLiveSaveAsync(string? message = null)
    {
        await Assertions.Expect(Page.GetByTestId("version-diff-dialog")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("diff-warning")).ToContainTextAsync("This hook is live");
        if (message is not null)
            await Page.Locator("input[data-testid=version-message]").FillAsync(message);
        await Page.GetByTestId("diff-confirm").ClickAsync();
    }

    public async Task SelectTabAsync(string text) =>
        await Page.Locator(".mud-tab").Filter(new LocatorFilterOptions { HasText = text }).ClickAsync();

    [GeneratedRegex(@"/hooks/[0-9A-Za-z]+$")]
    internal static partial Regex EditorUrl();
}
