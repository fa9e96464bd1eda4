using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HooksDashboard.Tests.EndToEnd;

/// <summary>
/// The Logs page in a real browser: a test-panel run shows up (also live, from another tab), opens with
/// everything recorded, and "Open in test panel" brings its payload back to the editor. Its own app and
/// database (not the shared collection's), so the hooks page of the other tests starts empty.
/// </summary>
public sealed class LogsEndToEndTests(AppFixture app, ITestOutputHelper output) : IClassFixture<AppFixture>
{
    private const string Point = "post-change-password";

    private const string Code = """
        module.exports = function (user, context, cb) {
          console.log('password changed for ' + user.email);
          cb(null, {});
        };
        """;

    private static string Payload(string email) =>
        """{"user":{"id":"u1","email":"EMAIL"},"context":{"connection":{"id":"con_1","name":"db","tenant":"t"}}}""".Replace("EMAIL", email, StringComparison.Ordinal);

    [Fact]
    public async Task TestRun_ShowsInLogsLiveOpensAndGoesBackToTheTestPanelWithItsPayload()
    {
        output.WriteLine($"Screenshots (1280x800): {app.ScreenshotDirectory}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Step(string name) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {name}");
        var editor = new DashboardPage(await app.NewPageAsync());
        Step("signed in, hooks page live");
        await editor.CreateHookAsync(Point, "Logged hook");
        Step("hook created, editor ready");
        await editor.SetCodeAsync(Code);
        Step("code pasted");
        await editor.RunTestAsync(Payload("first@example.com"));
        Step("first run");

        // The Logs page lists the run.
        var logs = new DashboardPage(await app.NewPageAsync("/logs"));
        Step("second page signed in, logs page live");
        var rows = logs.Page.Locator("[data-testid=log-table] tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("password changed for first@example.com");
        Step("logs list the run");

        // Live: a run in the other tab appears at the top without a reload.
        await editor.RunTestAsync(Payload("live@example.com"));
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.First).ToContainTextAsync("live@example.com");
        Step("live run shown");
        await logs.Page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "logs.png") });

        // A record opens with everything, and goes back to the test panel with its payload.
        await rows.Nth(1).ClickAsync();
        await Expect(logs.Page.GetByTestId("log-details")).ToContainTextAsync(Point);
        await Expect(logs.Page.GetByTestId("log-payload")).ToContainTextAsync("first@example.com");
        await logs.Page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "log-dialog.png") });
        await logs.Page.GetByTestId("open-in-test-panel").ClickAsync();
        await logs.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/hooks/[0-9A-Z]+\?run=[0-9A-Z]+$"));
        await logs.WaitForEditorAsync();
        await Expect(logs.PayloadLines).ToContainTextAsync("first@example.com");
        Step("test panel has the payload");

        // The point's header on the Hooks page counts both runs.
        await logs.OpenHooksAsync();
        await Expect(logs.Section(Point).GetByTestId("activity-invocations")).ToHaveTextAsync("2 invocations");
        await Expect(logs.Section(Point).GetByTestId("activity-error-rate")).ToHaveTextAsync("0% errors");
        await logs.Page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "hooks-overview.png"), FullPage = true });
        Step("hooks page counts both runs");
    }
}
