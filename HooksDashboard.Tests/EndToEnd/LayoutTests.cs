using System.Globalization;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HooksDashboard.Tests.EndToEnd;

/// <summary>
/// What a new user sees at 1440×900, light and dark: computed styles and layout, not only that things work.
/// Colours are compared with the theme's own palette variables (resolved by the browser), never with literals.
/// </summary>
[Collection(AppTestGroup.Name)]
public class LayoutTests(AppFixture app, ITestOutputHelper output)
{
    private static readonly ViewportSize Desktop = new() { Width = 1440, Height = 900 };

    // Resolves a theme variable the way the browser paints it: the computed value of a probe element's property.
    private const string PaletteJs = """
        (name, prop = 'color') => {
          const probe = document.createElement('div');
          probe.style.setProperty(prop, `var(${name})`);
          document.body.appendChild(probe);
          const value = getComputedStyle(probe).getPropertyValue(prop);
          probe.remove();
          return value;
        }
        """;

    private const string CredentialsHook = """
        module.exports = function (client, scope, audience, context, cb) {
          console.log('client ' + client.name);
          console.info('audience ' + audience);
          cb(null, { scope: scope.concat(['extra:scope']), 'https://example.com/plan': 'gold' });
        };
        """;

    private static Task<string> PaletteAsync(IPage page, string name, string prop = "color") =>
        page.EvaluateAsync<string>($"([name, prop]) => ({PaletteJs})(name, prop)", new[] { name, prop });

    private static Task<string> StyleAsync(ILocator element, string prop) =>
        element.EvaluateAsync<string>("(e, prop) => getComputedStyle(e).getPropertyValue(prop)", prop);

    /// <summary>Relative luminance (0 black .. 1 white) of a computed "rgb(r, g, b)" colour.</summary>
    private static double Luminance(string rgb)
    {
        var parts = rgb[(rgb.IndexOf('(', StringComparison.Ordinal) + 1)..rgb.IndexOf(')', StringComparison.Ordinal)]
            .Split(',').Take(3).Select(p => double.Parse(p.Trim(), CultureInfo.InvariantCulture) / 255).ToArray();
        static double Linear(double c) => c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        return 0.2126 * Linear(parts[0]) + 0.7152 * Linear(parts[1]) + 0.0722 * Linear(parts[2]);
    }

    /// <summary>Every response of 400 or more the page gets (a missing favicon was a 404 on every load).</summary>
    private static List<string> CollectFailures(IPage page)
    {
        var failures = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
                failures.Add($"{response.Status} {response.Url}");
        };
        return failures;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SignIn_LightAndDark_HasVisibleFieldsAPrimaryButtonAndAStyledError(bool darkMode)
    {
        var page = await app.NewAnonymousPageAsync(Desktop, darkMode);
        var failures = CollectFailures(page);
        await page.GotoAsync("account/sign-in");
        var email = page.GetByTestId("sign-in-email");
        var password = page.GetByTestId("sign-in-password");
        var submit = page.GetByTestId("sign-in-submit");

        // Fields: a visible 1px border in the theme's input-line colour, labels above them.
        var linesInputs = await PaletteAsync(page, "--mud-palette-lines-inputs");
        foreach (var field in new[] { email, password })
        {
            Assert.Equal("1px", await StyleAsync(field, "border-top-width"));
            Assert.Equal("solid", await StyleAsync(field, "border-top-style"));
        }
        // The email field has the focus (autofocus): its border is the primary colour; the other one is at rest.
        Assert.Equal(await PaletteAsync(page, "--mud-palette-primary"), await StyleAsync(email, "border-top-color"));
        Assert.Equal(linesInputs, await StyleAsync(password, "border-top-color"));
        var label = await page.Locator("label[for=password]").BoundingBoxAsync();
        var input = await password.BoundingBoxAsync();
        Assert.True(label!.Y + label.Height <= input!.Y, $"The password label ({label.Y}+{label.Height}) is not above its field ({input.Y}).");

        // The button is the dashboard's primary button.
        Assert.Equal(await PaletteAsync(page, "--mud-palette-primary", "background-color"), await StyleAsync(submit, "background-color"));
        Assert.Equal(await PaletteAsync(page, "--mud-palette-primary-text"), await StyleAsync(submit, "color"));

        // The card follows the theme: the palette's surface, dark in dark mode.
        var card = await StyleAsync(page.Locator(".account-card"), "background-color");
        Assert.Equal(await PaletteAsync(page, "--mud-palette-surface", "background-color"), card);
        Assert.True(darkMode ? Luminance(card) < 0.1 : Luminance(card) > 0.9, $"card {card} in {(darkMode ? "dark" : "light")} mode");
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, $"sign-in-{(darkMode ? "dark" : "light")}.png") });

        // A refused sign-in reads as an error in the theme's error colours.
        await email.FillAsync(AppFixture.AdminEmail);
        await password.FillAsync("not the password");
        await submit.ClickAsync();
        var error = page.GetByTestId("sign-in-error");
        await Expect(error).ToContainTextAsync("Wrong email or password.");
        Assert.Equal(await PaletteAsync(page, "--mud-palette-error-hover", "background-color"), await StyleAsync(error, "background-color"));
        Assert.Equal(await PaletteAsync(page, "--mud-palette-error-darken"), await StyleAsync(error, "color"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, $"sign-in-error-{(darkMode ? "dark" : "light")}.png") });

        // Only the refused sign-in itself answered an error status (400): no missing favicon or asset.
        Assert.DoesNotContain(failures, f => !f.StartsWith($"400 {app.BaseAddress}account/sign-in", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HooksPage_WithInvocations_ShowsTheHooksFirstWithCompactFiguresAndRedErrors(bool darkMode)
    {
        var store = app.Services.GetRequiredService<IHookStore>();
        var runner = app.Services.GetRequiredService<IHookRunner>();
        var hooks = new List<Hook>();
        try
        {
            var points = new[]
            {
                (CredentialsExchangePoint.TriggerId, "Layout exchange", CredentialsHook),
                (PreUserRegistrationPoint.TriggerId, "Layout signup", "module.exports = function (user, context, cb) { cb(null, {}); };"),
            };
            foreach (var (trigger, name, code) in points)
            {
                var hook = await store.CreateAsync(new NewHook($"{name} {darkMode}", trigger, code));
                hooks.Add(hook);
                // 19 successes and one failure per point.
                for (var i = 0; i < 20; i++)
                {
                    var script = i == 7 ? "module.exports = function () { throw new Error('layout failure'); };" : hook.Script;
                    await runner.RunAsync(new HookInvocation(trigger, script, null, new Dictionary<string, string>(), InvocationSource.Runtime)
                    {
                        HookId = hook.Id,
                        HookName = hook.Name,
                    });
                }
            }
            await app.Services.GetRequiredService<IExecutionLog>().FlushAsync();

            var page = await app.NewAnonymousPageAsync(Desktop, darkMode);
            var failures = CollectFailures(page);
            await AppFixture.SignInAsync(page);
            var dashboard = new DashboardPage(page);
            var section = dashboard.Section(CredentialsExchangePoint.TriggerId);

            // The first point's hooks are on the first screen, not below 650 px of charts.
            var row = await dashboard.Row(hooks[0].Name).BoundingBoxAsync();
            Assert.True(row!.Y + row.Height <= Desktop.Height, $"The first hook's row ends at {row.Y + row.Height} px, below the {Desktop.Height} px window.");

            // Its figures sit in its header, compact.
            await Expect(section.GetByTestId("activity-invocations")).ToContainTextAsync("invocations");
            var rate = section.GetByTestId("activity-error-rate");
            await Expect(rate).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*\d+(\.\d)?% errors\s*$"));
            await Expect(section.GetByTestId("activity-durations")).ToContainTextAsync("p95");
            var header = await section.GetByTestId("point-activity").BoundingBoxAsync();
            Assert.True(header!.Height <= 40, $"The figures take {header.Height} px of height.");

            // Errors are drawn and written in the theme's error colour, not a chart series colour.
            var error = await PaletteAsync(page, "--mud-palette-error");
            Assert.Equal(error, await StyleAsync(rate, "color"));
            var errorBar = section.GetByTestId("sparkline-errors").First;
            Assert.Equal(await PaletteAsync(page, "--mud-palette-error", "fill"), await StyleAsync(errorBar, "fill"));
            Assert.NotEqual(await StyleAsync(section.Locator(".sparkline-invocations").First, "fill"), await StyleAsync(errorBar, "fill"));

            await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, $"hooks-{(darkMode ? "dark" : "light")}.png") });
            Assert.Empty(failures);
        }
        finally
        {
            foreach (var hook in hooks)
                await store.DeleteAsync(hook.Id);
        }
    }

    [Fact]
    public async Task Snackbars_OnTheHooksPage_CoverNoControlAndShowOneAtATime()
    {
        var store = app.Services.GetRequiredService<IHookStore>();
        var hook = await store.CreateAsync(new NewHook("Snackbar hook", PostChangePasswordPoint.TriggerId, "module.exports = function (user, context, cb) { cb(null, {}); };"));
        try
        {
            var page = await app.NewPageAsync(viewport: Desktop);
            var dashboard = new DashboardPage(page);

            // Two notifications in a row: switch the point to no hook, then back.
            await dashboard.Section(PostChangePasswordPoint.TriggerId).GetByTestId("enable-none").ClickAsync();
            await Expect(dashboard.StateOf(hook.Name)).ToHaveTextAsync("Disabled");
            await dashboard.Row(hook.Name).GetByTestId("enable-hook").ClickAsync();
            await Expect(dashboard.StateOf(hook.Name)).ToHaveTextAsync("Enabled");
            var snackbars = page.Locator(".mud-snackbar");
            await Expect(snackbars.First).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "snackbar.png") });

            var covered = await page.EvaluateAsync<string[]>("""
                () => {
                  const bars = [...document.querySelectorAll('.mud-snackbar')];
                  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
                  const controls = [...document.querySelectorAll('button, a[href], input, [role=radio], .mud-radio')]
                    .filter(c => !bars.some(b => b.contains(c)))
                    .filter(c => { const r = c.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(c).visibility !== 'hidden'; });
                  return controls
                    .filter(c => bars.some(b => hit(b.getBoundingClientRect(), c.getBoundingClientRect())))
                    .map(c => (c.getAttribute('aria-label') || c.textContent || c.tagName).trim());
                }
                """);
            Assert.Empty(covered);
            Assert.Equal(1, await snackbars.CountAsync());
        }
        finally
        {
            await store.DeleteAsync(hook.Id);
        }
    }

    [Fact]
    public async Task LogsPage_TitleHeadingAndDialog_MatchTheHooksPageAndStayClearOfNotifications()
    {
        // A record to open.
        var runner = app.Services.GetRequiredService<IHookRunner>();
        await runner.RunAsync(new HookInvocation(PostChangePasswordPoint.TriggerId, "module.exports = function (user, context, cb) { console.log('layout log'); cb(null, {}); };",
            null, new Dictionary<string, string>(), InvocationSource.Runtime));
        await app.Services.GetRequiredService<IExecutionLog>().FlushAsync();

        var page = await app.NewPageAsync("/hooks", Desktop);
        var hooksHeading = await StyleAsync(page.Locator("h1"), "font-size");
        await Expect(page).ToHaveTitleAsync("Hooks · HooksDashboard");

        await page.GotoAsync("logs");
        await new DashboardPage(page).WaitForCircuitAsync();
        await Expect(page).ToHaveTitleAsync("Logs · HooksDashboard");
        Assert.Equal(hooksHeading, await StyleAsync(page.Locator("h1"), "font-size"));

        // The dialog's buttons are below the app bar, where notifications appear.
        await page.Locator("[data-testid=log-table] tbody tr").First.ClickAsync();
        await Expect(page.GetByTestId("log-details")).ToBeVisibleAsync();
        var appBar = await page.Locator(".mud-appbar").BoundingBoxAsync();
        foreach (var button in await page.Locator(".mud-dialog button, .mud-dialog a[href]").AllAsync())
        {
            var box = await button.BoundingBoxAsync();
            Assert.True(box!.Y >= appBar!.Y + appBar.Height, $"A dialog control at {box.Y} px is under the app bar (ends at {appBar.Y + appBar.Height} px).");
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "log-dialog-1440.png") });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TestPanel_AfterATypicalRun_ShowsOutcomeAppliedResultAndConsoleWithoutScrolling(bool darkMode)
    {
        var store = app.Services.GetRequiredService<IHookStore>();
        var hook = await store.CreateAsync(new NewHook($"Layout test panel {darkMode}", CredentialsExchangePoint.TriggerId, CredentialsHook));
        try
        {
            var dashboard = new DashboardPage(await app.NewPageAsync($"/hooks/{hook.Id}", Desktop, darkMode));
            var page = dashboard.Page;
            await dashboard.WaitForEditorAsync();
            await Expect(dashboard.PayloadLines).ToContainTextAsync("audience");

            await dashboard.RunTestAsync();

            await Expect(page.GetByTestId("result-status")).ToHaveTextAsync("Success");
            var pane = page.Locator(".editor-side-pane .mud-tabs-panels");
            var paneBox = await pane.BoundingBoxAsync();
            Assert.Equal(0, await pane.EvaluateAsync<double>("e => e.scrollTop"));
            foreach (var part in new[] { "result-status", "result-applied", "result-console" })
            {
                var box = await page.GetByTestId(part).BoundingBoxAsync();
                Assert.True(box!.Y + box.Height <= paneBox!.Y + paneBox.Height,
                    $"{part} ends at {box.Y + box.Height} px, below the side pane's visible end at {paneBox.Y + paneBox.Height} px.");
            }
            await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, $"test-panel-{(darkMode ? "dark" : "light")}.png") });
            output.WriteLine($"Screenshots (1440x900): {app.ScreenshotDirectory}");
        }
        finally
        {
            await store.DeleteAsync(hook.Id);
        }
    }
}
