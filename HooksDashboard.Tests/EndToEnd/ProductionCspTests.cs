using HooksDashboard.Hooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HooksDashboard.Tests.EndToEnd;

/// <summary>The app in Production, in its own server (the shared one runs in Development).</summary>
public sealed class ProductionAppFixture : IAsyncLifetime, IDisposable
{
    public AppFixture App { get; } = new() { EnvironmentName = "Production" };

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync();

    public void Dispose() => App.Dispose();
}

/// <summary>
/// Issue 9 item 11: the dashboard and its Monaco editor work under the Content-Security-Policy the app sends in
/// Production: no violation is reported while signing in, listing hooks, editing (the TypeScript worker's completion)
/// and running a test.
/// </summary>
public sealed class ProductionCspTests(ProductionAppFixture production) : IClassFixture<ProductionAppFixture>
{
    [Fact]
    public async Task Editor_InProductionUnderTheCsp_CompletesRunsAndReportsNoViolation()
    {
        var app = production.App;
        var store = app.Services.GetRequiredService<IHookStore>();
        var hook = await store.CreateAsync(new NewHook("Csp hook", "credentials-exchange",
            "module.exports = function (client, scope, audience, context, cb) {\n  cb(null, { scope: scope });\n};\n", Enabled: true));
        await store.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["MY_SECRET"] = "value" });

        var page = await app.NewAnonymousPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                violations.Add(message.Text);
        };
        // Also what the console does not show (e.g. from workers): the DOM reports every violation.
        await page.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
            """);

        var signIn = await page.GotoAsync("account/sign-in");
        Assert.Contains("script-src 'self'", (await signIn!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        await AppFixture.SignInAsync(page);

        var dashboard = new DashboardPage(page);
        await dashboard.OpenHooksAsync();
        await Expect(dashboard.Row("Csp hook")).ToBeVisibleAsync();
        await page.GotoAsync($"hooks/{hook.Id}");
        await dashboard.WaitForEditorAsync();

        // Completion comes from Monaco's TypeScript worker (a blob: worker): the policy must let it start.
        await dashboard.SetCodeAsync("module.exports = function (client, scope, audience, context, cb) {\n  context.webtask.secrets.\n};\n");
        await page.EvaluateAsync("""
            () => {
              const editor = window.blazorMonaco.editors.find(e => e.id === 'hook-code-editor').editor;
              editor.focus();
              editor.setPosition({ lineNumber: 2, column: 27 });
              editor.trigger('e2e', 'editor.action.triggerSuggest', {});
            }
            """);
        await Expect(page.Locator(".suggest-widget")).ToContainTextAsync("MY_SECRET", new() { Timeout = 20_000 });

        await dashboard.SetCodeAsync("module.exports = function (client, scope, audience, context, cb) {\n  cb(null, { scope: scope });\n};\n");
        await dashboard.RunTestAsync();

        violations.AddRange(await page.EvaluateAsync<string[]>("() => window.__cspViolations"));
        Assert.True(violations.Count == 0, "CSP violations:\n" + string.Join('\n', violations));
    }
}
