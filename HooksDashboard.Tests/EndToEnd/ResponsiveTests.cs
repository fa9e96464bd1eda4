using System.Text.Json;
using HooksDashboard.Components.Pages;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HooksDashboard.Tests.EndToEnd;

/// <summary>
/// The dashboard on a phone (390×844), a small laptop (1024×768) and a laptop (1280×800): no page scrolls sideways,
/// the app bar's actions are on screen, the editor's code is usable, its tabs and buttons are whole. Screenshots of
/// every page at every size go to the screenshot folder for a person to look at.
/// </summary>
[Collection(AppTestGroup.Name)]
public class ResponsiveTests(AppFixture app, ITestOutputHelper output)
{
    // The element whose right edge is furthest past the window, per page: says what to fix, not only that it is wrong.
    private const string OverflowJs = """
        () => {
          const width = window.innerWidth;
          const scrollWidth = document.scrollingElement.scrollWidth;
          let worst = null;
          for (const e of document.querySelectorAll('body *')) {
            const r = e.getBoundingClientRect();
            if (r.width > 0 && r.right > width + 0.5 && (!worst || r.right > worst.right))
              worst = { right: r.right, what: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + String(e.className).trim().split(/\s+/).join('.') : '') };
          }
          // Buttons whose label is cut off (a row too narrow for them), by their text.
          const clipped = [...document.querySelectorAll('.mud-button-root')]
            .filter(b => b.getBoundingClientRect().width > 0 && b.scrollWidth > b.clientWidth + 1)
            .map(b => b.textContent.trim());
          return JSON.stringify({ width, scrollWidth, worst: worst ? `${worst.what} ends at ${Math.round(worst.right)} px` : '', clipped });
        }
        """;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record Overflow(double Width, double ScrollWidth, string Worst, string[] Clipped);

    [Fact]
    public async Task EveryPage_PhoneTabletAndLaptop_NeverScrollsSidewaysNorCutsAButton()
    {
        await using var data = await A11yData.CreateAsync(app.Services, "responsive");
        var page = await app.NewPageAsync("/hooks", Viewports.Phone);
        var dashboard = new DashboardPage(page);
        var pages = new (string Url, string Heading, string Name)[]
        {
            ("hooks", "Hooks", "hooks"),
            ($"hooks/{data.Hook.Id}", data.Hook.Name, "editor"),
            ("logs", "Logs", "logs"),
            ("users", "Users", "users"),
            ("users/new", "Create user", "user-create"),
            ($"users/{Uri.EscapeDataString(data.User.Id)}", data.User.Email, "user"),
            ("audit", "Identity audit", "identity-audit"),
            ("applications", "Applications", "applications"),
            ($"applications/{data.Application.ClientId}", data.Application.Name, "application"),
            ("apis", "APIs", "apis"),
            ($"apis/{data.Api.Id}", data.Api.Name, "api"),
            ("admins", "Admins", "admins"),
            ("account/password", "Change your password", "account"),
        };
        var failures = new List<string>();
        foreach (var size in new[] { Viewports.Phone, Viewports.Tablet, Viewports.Laptop })
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            foreach (var (url, heading, name) in pages)
            {
                await dashboard.GoToAsync(url, heading);
                if (name == "editor")
                    await dashboard.WaitForEditorAsync();
                var overflow = JsonSerializer.Deserialize<Overflow>(await page.EvaluateAsync<string>(OverflowJs), JsonOptions)!;
                if (overflow.ScrollWidth > overflow.Width)
                    failures.Add($"{name} at {size.Width}: page is {overflow.ScrollWidth} px wide in a {overflow.Width} px window; {overflow.Worst}");
                if (overflow.Clipped.Length > 0)
                    failures.Add($"{name} at {size.Width}: buttons cut off: {string.Join(", ", overflow.Clipped)}");
                // The app bar's actions are on screen at every size.
                foreach (var action in new[] { page.GetByTestId("sign-out"), page.GetByTestId("toggle-dark-mode") })
                    await Expect(action).ToBeInViewportAsync(new() { Ratio = 1 });
                await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, $"responsive-{size.Width}-{name}.png") });
            }
        }
        output.WriteLine($"Screenshots: {app.ScreenshotDirectory}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Editor_OnAPhone_StacksEditableCodeAboveTheWholeTabBar()
    {
        await using var data = await A11yData.CreateAsync(app.Services, "phone");
        var dashboard = new DashboardPage(await app.NewPageAsync($"/hooks/{data.Hook.Id}", Viewports.Phone));
        var page = dashboard.Page;
        await dashboard.WaitForEditorAsync();

        // The code is wide enough to read and edit, and comes first; the panels follow below it. Read once the layout
        // has settled: the editor sizes itself to its container after it appears (a CI run read it mid-resize).
        var code = await dashboard.Editor(HookEditor.EditorId).BoundingBoxAsync();
        var panels = await page.GetByTestId("panels-region").BoundingBoxAsync();
        for (var wait = System.Diagnostics.Stopwatch.StartNew(); panels!.Y < code!.Y + code.Height && wait.Elapsed < TimeSpan.FromSeconds(10);)
        {
            await Task.Delay(200);
            code = await dashboard.Editor(HookEditor.EditorId).BoundingBoxAsync();
            panels = await page.GetByTestId("panels-region").BoundingBoxAsync();
        }
        Assert.True(code!.Width > 300, $"The code editor is {code.Width} px wide at 390 px.");
        Assert.True(code.Height >= 300, $"The code editor is {code.Height} px high.");
        Assert.True(panels!.Y >= code.Y + code.Height, $"The panels start at {panels.Y} px, inside the code ({code.Y}+{code.Height}).");
        await dashboard.SetCodeAsync("module.exports = function (user, context, cb) { cb(null, {}); };");
        await Expect(page.GetByTestId("unsaved-marker")).ToBeVisibleAsync();

        // Every tab is whole inside the window (no tab behind a scroll arrow), and each one opens.
        foreach (var tab in new[] { "Test", "Secrets", "Modules", "History" })
        {
            var box = await page.Locator(".mud-tab").Filter(new() { HasText = tab }).BoundingBoxAsync();
            Assert.True(box!.X >= 0 && box.X + box.Width <= Viewports.Phone.Width, $"The {tab} tab spans {box.X}..{box.X + box.Width} px.");
        }
        await dashboard.SelectTabAsync("History");
        await Expect(page.GetByTestId("hook-history")).ToBeVisibleAsync();
        await dashboard.SelectTabAsync("Test");
        await page.GetByTestId("run-test").ScrollIntoViewIfNeededAsync();
        await Expect(page.GetByTestId("run-test")).ToBeInViewportAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "editor-390-full.png"), FullPage = true });
    }

    [Fact]
    public async Task EditorAndHooks_OnASmallLaptop_ShowEveryTabAndOneLineButtons()
    {
        await using var data = await A11yData.CreateAsync(app.Services, "tablet");
        var dashboard = new DashboardPage(await app.NewPageAsync($"/hooks/{data.Hook.Id}", Viewports.Tablet));
        var page = dashboard.Page;
        await dashboard.WaitForEditorAsync();

        // All three tabs inside the tab bar, no scroll arrows.
        var bar = await page.Locator(".editor-side-pane .mud-tabs-tabbar").BoundingBoxAsync();
        foreach (var tab in new[] { "Test", "Secrets", "Modules", "History" })
        {
            var box = await page.Locator(".mud-tab").Filter(new() { HasText = tab }).BoundingBoxAsync();
            Assert.True(box!.X >= bar!.X && box.X + box.Width <= bar.X + bar.Width, $"The {tab} tab spans {box.X}..{box.X + box.Width}, the bar {bar.X}..{bar.X + bar.Width}.");
        }
        await Expect(page.Locator(".editor-side-pane .mud-tabs-scroll-button")).ToHaveCountAsync(0);
        await AssertOneLineAsync(page.GetByTestId("save-hook"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "editor-1024.png") });

        await dashboard.GoToAsync("hooks", "Hooks");
        await AssertOneLineAsync(page.GetByTestId("create-hook"));
        await AssertOneLineAsync(page.GetByTestId("create-hook-for-point").First);
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "hooks-1024.png") });
    }

    /// <summary>A button whose label is one line: its label is no taller than one line of its text.</summary>
    private static async Task AssertOneLineAsync(ILocator button)
    {
        var lines = await button.Locator(".mud-button-label").EvaluateAsync<double>(
            "e => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)");
        Assert.True(lines < 1.5, $"The label \"{await button.InnerTextAsync()}\" takes {lines:0.0} lines.");
    }
}
