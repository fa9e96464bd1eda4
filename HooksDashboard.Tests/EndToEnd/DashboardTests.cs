using HooksDashboard.Components.Editor;
using HooksDashboard.Components.Pages;
using HooksDashboard.Hooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HooksDashboard.Tests.EndToEnd;

[Collection(AppTestGroup.Name)]
public class DashboardTests(AppFixture app, ITestOutputHelper output)
{
    private const string Exchange = "credentials-exchange";

    // Logs the client name and a secret, adds a scope and two result properties: one claim, one dropped.
    private const string HookCode = """
        module.exports = function (client, scope, audience, context, cb) {
          console.log('client ' + client.name);
          console.warn('secret ' + context.webtask.secrets.API_KEY);
          cb(null, { scope: scope.concat(['extra:scope']), 'https://example.com/plan': client.metadata.plan, plan: 'dropped' });
        };
        """;

    private const string Payload = """
        {"audience":"https://api.example.com/","client":{"id":"abc","name":"e2e-client","tenant":"t","metadata":{"plan":"gold"}},"scope":["read:things"]}
        """;

    [Fact]
    public async Task NewUser_CreatesEditsTestsSavesEnablesAndDeletesHooks()
    {
        output.WriteLine($"Screenshots (1280x800): {app.ScreenshotDirectory}");
        var dashboard = new DashboardPage(await app.NewPageAsync());
        var page = dashboard.Page;
        // The collection shares one app, so other scenarios' hooks may be listed; this one's point starts empty.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create hook", Exact = true })).ToBeVisibleAsync();
        Assert.Null(await app.Services.GetRequiredService<IHookStore>().GetEnabledAsync(Exchange));

        // Create: the first hook of a point starts from its template and is enabled.
        await dashboard.CreateHookAsync(Exchange, "First hook", Path.Combine(app.ScreenshotDirectory, "create-dialog.png"));
        await Expect(page.GetByTestId("hook-state")).ToHaveTextAsync("Enabled");

        // Edit and run the unsaved code with a changed payload.
        await dashboard.SetCodeAsync(HookCode);
        await Expect(page.GetByTestId("unsaved-marker")).ToBeVisibleAsync();
        await dashboard.RunTestAsync(Payload);
        await Expect(page.GetByTestId("result-status")).ToHaveTextAsync("Success");
        await Expect(page.GetByTestId("result-console")).ToContainTextAsync("client e2e-client");
        await Expect(page.Locator("[data-testid=result-applied] [data-json-key=scope]")).ToContainTextAsync("extra:scope");
        await Expect(page.Locator("[data-testid=result-applied] [data-json-key=claims]")).ToContainTextAsync("gold");
        await Expect(page.Locator("[data-testid=result-applied] [data-json-key=dropped]")).ToContainTextAsync("plan");
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "editor.png") });

        // Leaving with unsaved changes asks first; staying keeps them.
        await page.GetByLabel("Back to the hooks").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Stay", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("unsaved-marker")).ToBeVisibleAsync();
        Assert.Matches(DashboardPage.EditorUrl(), page.Url);

        // Save with Ctrl+S in the editor: the marker goes.
        await dashboard.EditorText(HookEditor.EditorId).ClickAsync();
        await page.Keyboard.PressAsync("Control+s");
        // The hook is enabled (the point's first): the save asks first.
        await dashboard.ConfirmLiveSaveAsync();
        await Expect(page.GetByTestId("unsaved-marker")).ToHaveCountAsync(0);

        // A secret used by the code reaches the run.
        await dashboard.SelectTabAsync("Secrets");
        await page.Locator("input[data-testid=secret-name]").FillAsync("API_KEY");
        await page.Locator("input[data-testid=secret-value]").FillAsync("k-123");
        await page.GetByTestId("add-secret").ClickAsync();
        await Expect(page.Locator("[data-testid=secret-row][data-secret=API_KEY]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=secrets-panel]")).Not.ToContainTextAsync("k-123");
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "secrets.png") });
        await dashboard.SelectTabAsync("Test");
        await dashboard.RunTestAsync();
        await Expect(page.GetByTestId("result-console")).ToContainTextAsync("secret k-123");
        await page.Locator(".editor-side-pane .mud-tabs-panels").EvaluateAsync("e => e.scrollTop = e.scrollHeight");
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "editor-console.png") });

        // A second hook of the same point starts disabled; enabling it disables the first.
        await dashboard.OpenHooksAsync();
        await dashboard.CreateHookAsync(Exchange, "Second hook");
        await Expect(page.GetByTestId("hook-state")).ToHaveTextAsync("Disabled");
        await dashboard.OpenHooksAsync();
        await Expect(dashboard.StateOf("First hook")).ToHaveTextAsync("Enabled");
        await dashboard.Row("Second hook").Locator("input[type=radio]").ClickAsync();
        await Expect(dashboard.StateOf("Second hook")).ToHaveTextAsync("Enabled");
        await Expect(dashboard.StateOf("First hook")).ToHaveTextAsync("Disabled");
        await Expect(dashboard.StateOf("Second hook")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-chip-color-success"));
        await Expect(dashboard.StateOf("First hook")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-chip-color-success"));
        await page.WaitForTimeoutAsync(500); // the chips' colour transition, for a readable screenshot only
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "hooks.png") });

        // Delete, after confirming.
        await dashboard.Row("Second hook").GetByTestId("delete-hook").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(dashboard.Row("Second hook")).ToHaveCountAsync(0);
        await Expect(dashboard.StateOf("First hook")).ToHaveTextAsync("Disabled");
    }

    [Fact]
    public async Task Editor_PointTypes_HoverAndCompletionKnowTheArguments()
    {
        var dashboard = new DashboardPage(await app.NewPageAsync());
        var page = dashboard.Page;
        await dashboard.CreateHookAsync(Exchange, "Typed hook");
        await dashboard.SelectTabAsync("Secrets");
        await page.Locator("input[data-testid=secret-name]").FillAsync("MY_SECRET");
        await page.Locator("input[data-testid=secret-value]").FillAsync("v");
        await page.GetByTestId("add-secret").ClickAsync();
        await Expect(page.Locator("[data-testid=secret-row][data-secret=MY_SECRET]")).ToBeVisibleAsync();

        // No JSDoc here: the parameters get their types from `module.exports`.
        await dashboard.SetCodeAsync("module.exports = function (client, scope, audience, context, cb) {\n  var plan = client.metadata;\n  context.webtask.secrets.\n};\n");
        await page.EvaluateAsync("""
            () => {
              const editor = window.blazorMonaco.editors.find(e => e.id === 'hook-code-editor').editor;
              editor.focus();
              editor.setPosition({ lineNumber: 2, column: 22 });
              editor.trigger('e2e', 'editor.action.showHover', {});
            }
            """);
        await Expect(page.Locator(".monaco-hover")).ToContainTextAsync("Record<string, string>", new() { Timeout = 20_000 });

        await page.EvaluateAsync("""
            () => {
              const editor = window.blazorMonaco.editors.find(e => e.id === 'hook-code-editor').editor;
              editor.focus();
              editor.setPosition({ lineNumber: 3, column: 27 });
              editor.trigger('e2e', 'editor.action.triggerSuggest', {});
            }
            """);
        await Expect(page.Locator(".suggest-widget")).ToContainTextAsync("MY_SECRET");

        // A syntax error is marked by the server's parser while typing, and saving it is refused.
        await dashboard.SetCodeAsync("module.exports = function (client, scope, audience, context, cb) {\n  cb(null, {;\n};\n");
        await Expect(page.GetByTestId("syntax-error-chip")).ToContainTextAsync("line 2");
        await Expect(page.Locator($"#{HookEditor.EditorId} .view-overlays .squiggly-error")).Not.ToHaveCountAsync(0);
        await page.GetByTestId("save-hook").ClickAsync();
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Not saved: the code does not parse (line 2" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task DarkMode_Toggled_SwitchesMonacoAndIsRememberedAfterReload()
    {
        var dashboard = new DashboardPage(await app.NewPageAsync());
        var page = dashboard.Page;
        await dashboard.CreateHookAsync("pre-user-registration", "Dark hook");

        await page.GetByTestId("toggle-dark-mode").ClickAsync();
        await ExpectBothEditorsDarkAsync(dashboard);
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "editor-dark.png") });

        // A denial shows the friendly message the signing-up user would see.
        await dashboard.SetCodeAsync("module.exports = function (user, context, cb) {\n  console.error('denying ' + user.email);\n  cb(new PreUserRegistrationError('Denied: ' + user.email, 'Please sign up with your work email.'));\n};\n");
        await dashboard.RunTestAsync();
        await Expect(page.GetByTestId("result-status")).ToHaveTextAsync("Error");
        await Expect(page.GetByTestId("result-friendly-message")).ToContainTextAsync("Please sign up with your work email.");
        await Expect(page.Locator("[data-testid=console-line][data-level=error]")).ToContainTextAsync("denying user1@foo.com");
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "editor-dark-error.png") });

        // An exception links to its line; the link moves the editor's cursor there.
        await dashboard.SetCodeAsync("module.exports = function (user, context, cb) {\n  var profile = null;\n  profile.email.toLowerCase();\n};\n");
        await dashboard.RunTestAsync();
        await Expect(page.GetByTestId("result-error-location")).ToContainTextAsync("line 3");
        await page.GetByTestId("result-error-location").ClickAsync();
        await page.WaitForFunctionAsync(
            "() => window.blazorMonaco.editors.find(e => e.id === 'hook-code-editor').editor.getPosition().lineNumber === 3");

        // Reloading with unsaved changes asks first (beforeunload); leaving drops them.
        var asked = new TaskCompletionSource<string>();
        page.Dialog += (_, dialog) =>
        {
            asked.TrySetResult(dialog.Type);
            _ = dialog.AcceptAsync();
        };
        await page.ReloadAsync();
        Assert.Equal("beforeunload", await asked.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        await dashboard.WaitForEditorAsync();
        await ExpectBothEditorsDarkAsync(dashboard);
        await Expect(page.Locator(".mud-theme-dark, :root")).Not.ToHaveCountAsync(0);
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.mud-main-content')).backgroundColor");
        Assert.NotEqual("rgb(255, 255, 255)", background);
    }

    [Fact]
    public async Task TestPanel_PayloadEditor_MarksInvalidJsonResetsToTheSampleAndCtrlSSavesTheHook()
    {
        output.WriteLine($"Screenshots (1280x800): {app.ScreenshotDirectory}");
        var dashboard = new DashboardPage(await app.NewPageAsync());
        var page = dashboard.Page;
        await dashboard.CreateHookAsync("post-user-registration", "Payload hook");

        // The JSON editor starts from the point's sample.
        await Expect(dashboard.PayloadLines).ToContainTextAsync("user1@foo.com");
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "test-tab-light.png") });

        // Invalid JSON: Monaco marks it in the text, the panel says where, and Run waits for a fix.
        await dashboard.SetPayloadAsync("{\n  \"user\": {\n    \"email\":\n  }\n}");
        await Expect(page.GetByTestId("payload-error")).ToContainTextAsync("Invalid JSON at line 4, column 3");
        await Expect(page.Locator($"#{TestPanel.PayloadEditorId} .squiggly-error")).Not.ToHaveCountAsync(0);
        await Expect(page.GetByTestId("run-test")).ToBeDisabledAsync();

        await page.GetByTestId("reset-payload").ClickAsync();
        await Expect(page.GetByTestId("payload-error")).ToHaveCountAsync(0);
        await Expect(dashboard.PayloadLines).ToContainTextAsync("user1@foo.com");
        await Expect(page.GetByTestId("run-test")).ToBeEnabledAsync();

        // Ctrl+S in the payload editor saves the hook too: Monaco's key bindings are the page's, not one editor's.
        const string code = "module.exports = function (user, context, cb) {\n  cb(null, {});\n};\n";
        await dashboard.SetCodeAsync(code);
        await Expect(page.GetByTestId("unsaved-marker")).ToBeVisibleAsync();
        await dashboard.EditorText(TestPanel.PayloadEditorId).ClickAsync();
        await page.Keyboard.PressAsync("Control+s");
        // The hook is enabled (the point's first): the save asks first.
        await dashboard.ConfirmLiveSaveAsync();
        await Expect(page.GetByTestId("unsaved-marker")).ToHaveCountAsync(0);
        var hookId = DashboardPage.EditorUrl().Match(page.Url).Value.Split('/')[^1];
        Assert.Equal(code, (await app.Services.GetRequiredService<IHookStore>().GetAsync(hookId))!.Script);
        await Expect(dashboard.PayloadLines).ToContainTextAsync("user1@foo.com");

        // Dark mode switches both editors.
        await page.GetByTestId("toggle-dark-mode").ClickAsync();
        await ExpectBothEditorsDarkAsync(dashboard);
        await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "test-tab-dark.png") });
    }

    private static async Task ExpectBothEditorsDarkAsync(DashboardPage dashboard)
    {
        await Expect(dashboard.Editor(HookEditor.EditorId)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bvs-dark\b"));
        await Expect(dashboard.Editor(TestPanel.PayloadEditorId)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bvs-dark\b"));
    }
}
