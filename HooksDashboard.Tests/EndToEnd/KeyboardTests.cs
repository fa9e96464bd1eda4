using HooksDashboard.Components.Layout;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HooksDashboard.Tests.EndToEnd;

/// <summary>
/// The dashboard with the keyboard alone: a skip link first, a visible focus ring (also on the current nav link),
/// dialogs that take the focus to their first field and give it back, and the editor's panels reachable and named.
/// Focus is read from <c>document.activeElement</c>.
/// </summary>
[Collection(AppTestGroup.Name)]
public class KeyboardTests(AppFixture app)
{
    // The focused element's test id, id or tag, and whether it shows the :focus-visible ring.
    private const string ActiveJs = """
        () => {
          const e = document.activeElement;
          return e ? (e.getAttribute('data-testid') || e.id || e.tagName.toLowerCase()) : '';
        }
        """;

    private static Task<string> ActiveAsync(IPage page) => page.EvaluateAsync<string>(ActiveJs);

    private static Task<string> OutlineAsync(ILocator element) =>
        element.EvaluateAsync<string>("e => { const s = getComputedStyle(e); return `${s.outlineStyle} ${s.outlineWidth}`; }");

    [Fact]
    public async Task SkipLink_FirstTabStop_IsVisibleOnFocusAndMovesFocusToTheMainContent()
    {
        var page = await app.NewPageAsync("/hooks", Viewports.Laptop);
        var skip = page.GetByTestId("skip-link");

        // First in the tab order: nothing focusable comes before it.
        var first = await page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
              .filter(e => e.tabIndex >= 0 && !e.disabled)[0].getAttribute('data-testid')
            """);
        Assert.Equal("skip-link", first);

        // Hidden until focused; Shift+Tab from the first control of the app bar reaches it, on screen.
        await Expect(skip).Not.ToBeInViewportAsync();
        await page.GetByLabel("Toggle navigation").FocusAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        Assert.Equal("skip-link", await ActiveAsync(page));
        await Expect(skip).ToBeInViewportAsync(new() { Ratio = 1 });
        Assert.Equal("solid 2px", await OutlineAsync(skip));

        await page.Keyboard.PressAsync("Enter");
        // The focus moves through the circuit: wait for it.
        await Expect(page.Locator($"#{MainLayout.MainContentId}")).ToBeFocusedAsync();
        // The next Tab goes on inside the page, not back to the app bar.
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"));
    }

    [Fact]
    public async Task CurrentNavLink_ReachedByTab_ShowsAFocusRingBesidesItsCurrentLook()
    {
        var page = await app.NewPageAsync("/hooks", Viewports.Laptop);
        var current = page.Locator("a.mud-nav-link.active");
        await Expect(current).ToHaveAttributeAsync("href", "hooks");
        var other = page.Locator("a.mud-nav-link[href=logs]");
        Assert.StartsWith("none", await OutlineAsync(current), StringComparison.Ordinal);

        // Tab from the control before the drawer: the nav links come next, the current one first.
        await page.GetByTestId("toggle-dark-mode").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await current.EvaluateAsync<bool>("e => e === document.activeElement && e.matches(':focus-visible')"));
        Assert.Equal("solid 2px", await OutlineAsync(current));
        // The ring is not the "current" look: another link, focused, has the same ring.
        await other.FocusAsync();
        Assert.Equal("solid 2px", await OutlineAsync(other));
        Assert.StartsWith("none", await OutlineAsync(current), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dialogs_OpenedWithTheKeyboard_FocusTheirFirstFieldAndReturnItToTheOpener()
    {
        await using var data = await A11yData.CreateAsync(app.Services, "keyboard");
        var dashboard = new DashboardPage(await app.NewPageAsync("/hooks", Viewports.Laptop));
        var page = dashboard.Page;

        await AssertDialogFocusAsync(page, page.GetByTestId("create-hook"), "input[data-testid=hook-name]");
        await AssertDialogFocusAsync(page, dashboard.Row(data.Hook.Name).GetByTestId("rename-hook"), "input[data-testid=hook-name]");
        // A confirmation has no field: its first control, a button.
        await AssertDialogFocusAsync(page, dashboard.Row(data.Hook.Name).GetByTestId("delete-hook"), ".mud-dialog button");

        await dashboard.GoToAsync("applications", "Applications");
        await AssertDialogFocusAsync(page, page.GetByTestId("create-application"), "input[data-testid=application-name]");
        await dashboard.GoToAsync("apis", "APIs");
        await AssertDialogFocusAsync(page, page.GetByTestId("create-api"), "input[data-testid=api-name]");
        await dashboard.GoToAsync("logs", "Logs");
        var record = page.Locator("[data-testid=log-table] tbody tr").First;
        await Expect(record).ToBeVisibleAsync();
        // A record opens from its row (a click): its dialog's first control is its close button.
        await record.ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        // The dialog takes the focus once it has rendered (through the circuit): wait for it to be inside.
        await Expect(page.Locator(".mud-dialog :focus")).ToHaveCountAsync(1);
    }

    /// <summary>Opens a dialog with Enter on its opener, checks where the focus went, closes it with Escape, checks it came back.</summary>
    private static async Task AssertDialogFocusAsync(IPage page, ILocator opener, string firstField)
    {
        await opener.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(page.Locator(firstField).First).ToBeFocusedAsync();
        var box = await page.Locator(firstField).First.BoundingBoxAsync();
        Assert.True(box!.Width > 0 && box.Height > 0, $"The focused {firstField} is {box.Width}×{box.Height}.");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(opener).ToBeFocusedAsync();
    }

    [Fact]
    public async Task EditorPanels_AreNamedRegionsAndTheKeyboardGoesFromTheCodeToTheTabs()
    {
        await using var data = await A11yData.CreateAsync(app.Services, "panels");
        var dashboard = new DashboardPage(await app.NewPageAsync($"/hooks/{data.Hook.Id}", Viewports.Laptop));
        var page = dashboard.Page;
        await dashboard.WaitForEditorAsync();

        var code = page.GetByRole(AriaRole.Region, new() { Name = "Hook code" });
        var panels = page.GetByRole(AriaRole.Region, new() { Name = "Test, secrets, modules and history" });
        await Expect(code).ToBeVisibleAsync();
        await Expect(panels).ToBeVisibleAsync();
        await Expect(panels.GetByRole(AriaRole.Tab)).ToHaveCountAsync(4);

        // Tab from the title goes into the code; Monaco keeps Tab for indenting until Ctrl+M (its documented
        // "tab moves focus" switch), then Tab leaves for the panels' first tab.
        await page.GetByTestId("hook-name-title").FocusAsync();
        for (var i = 0; i < 10 && !await code.EvaluateAsync<bool>("e => e.contains(document.activeElement)"); i++)
            await page.Keyboard.PressAsync("Tab");
        Assert.True(await code.EvaluateAsync<bool>("e => e.contains(document.activeElement)"), $"Tab did not reach the code (focus on {await ActiveAsync(page)}).");
        await page.Keyboard.PressAsync("Control+m");
        for (var i = 0; i < 5 && !await panels.EvaluateAsync<bool>("e => e.contains(document.activeElement)"); i++)
            await page.Keyboard.PressAsync("Tab");
        Assert.True(await panels.EvaluateAsync<bool>("e => e.contains(document.activeElement)"), $"Tab did not reach the panels (focus on {await ActiveAsync(page)}).");
        // The panels' first stop is the current tab (the tab bar is one stop); the arrow keys move along it, Enter opens.
        const string FocusedHtml = "() => document.activeElement.outerHTML.slice(0, 200)";
        var testTab = panels.GetByRole(AriaRole.Tab, new() { Name = "Test" });
        Assert.True(await testTab.EvaluateAsync<bool>("e => e === document.activeElement"), $"The panels' first stop is {await page.EvaluateAsync<string>(FocusedHtml)}");
        await page.Keyboard.PressAsync("ArrowRight");
        var secretsTab = panels.GetByRole(AriaRole.Tab, new() { Name = "Secrets" });
        Assert.True(await secretsTab.EvaluateAsync<bool>("e => e === document.activeElement"), $"ArrowRight went to {await page.EvaluateAsync<string>(FocusedHtml)}");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("secrets-panel")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TestCaseControls_WithTheKeyboardAlone_SaveRunAndOverride()
    {
        await using var data = await A11yData.CreateAsync(app.Services, "cases");
        var dashboard = new DashboardPage(await app.NewPageAsync($"/hooks/{data.Hook.Id}", Viewports.Laptop));
        var page = dashboard.Page;
        await dashboard.WaitForEditorAsync();

        // Run with Enter; then "Save as test" opens its dialog on the name field and gives the focus back on Escape.
        var runs = await page.GetByTestId("history-item").CountAsync();
        await page.GetByTestId("run-test").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("history-item")).ToHaveCountAsync(runs + 1);
        await AssertDialogFocusAsync(page, page.GetByTestId("save-as-test"), "input[data-testid=case-name]");
        await AssertDialogFocusAsync(page, page.GetByTestId("edit-case").First, "input[data-testid=case-name]");

        // The case's run button: reached by Tab from "Run all", named, run with Enter.
        var runCase = page.GetByRole(AriaRole.Button, new() { Name = "Run succeeds on the sample" });
        await page.GetByTestId("run-all-cases").FocusAsync();
        for (var i = 0; i < 5 && !await runCase.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
            await page.Keyboard.PressAsync("Tab");
        Assert.True(await runCase.EvaluateAsync<bool>("e => e === document.activeElement && e.matches(':focus-visible')"),
            $"Tab from Run all did not reach the case's run button (focus on {await ActiveAsync(page)}).");
        Assert.Equal("solid 2px", await OutlineAsync(runCase));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=test-case][data-name='succeeds on the sample']")).ToHaveAttributeAsync("data-status", "passed");

        // "Run all" with Enter, and the "Override secrets" switch with Space.
        await page.GetByTestId("run-all-cases").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("test-cases-summary")).ToBeVisibleAsync();
        await page.Locator("[data-testid=secret-overrides] input[type=checkbox]").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(page.GetByTestId("secret-overrides-text")).ToBeVisibleAsync();
    }
}
