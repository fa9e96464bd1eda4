using HooksDashboard.Hooks;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HooksDashboard.Tests.EndToEnd;

[Collection(AppTestGroup.Name)]
public class ModulesPanelEndToEndTests(AppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task Modules_OnAPhone_AddWithCompletionSaveAndTheTestPanelRequiresIt()
    {
        // A package of this test's own in the app's loopback registry, in two versions.
        var package = $"e2e-greeter-{Guid.NewGuid():N}"[..20];
        foreach (var version in new[] { "1.0.0", "1.1.0" })
        {
            SharedNpmRegistry.Instance.Publish(package, version, files: new Dictionary<string, string>
            {
                ["index.js"] = $"module.exports = function (name) {{ return 'hello ' + name + ' from {version}'; }};\n",
            });
        }
        var store = app.Services.GetRequiredService<IHookStore>();
        var hook = await store.CreateAsync(new NewHook($"Modules {package}", "post-change-password",
            "module.exports = function (user, context, cb) { cb(null, {}); };", Enabled: false));
        try
        {
            var dashboard = new DashboardPage(await app.NewPageAsync($"/hooks/{hook.Id}", Viewports.Phone));
            var page = dashboard.Page;
            await dashboard.WaitForEditorAsync();

            // Add: the registry's versions are suggested as the user types; choosing one fetches it at once.
            await dashboard.SelectTabAsync("Modules");
            await page.Locator("input[data-testid=module-add-input]").FillAsync($"{package}@1.");
            var suggestion = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = $"{package}@1.1.0" });
            await suggestion.ClickAsync();
            // The chosen suggestion replaces the typed text before Add is pressed (on a loaded machine the click on Add
            // could otherwise reach the server before the choice did, adding the half-typed "1.").
            await Expect(page.Locator("input[data-testid=module-add-input]")).ToHaveValueAsync($"{package}@1.1.0");
            await page.GetByTestId("add-module").ClickAsync();
            var row = page.Locator($"[data-testid=module-row][data-module='{package}']");
            await Expect(row).ToHaveAttributeAsync("data-state", "ready");
            await Expect(row.GetByTestId("module-spec")).ToHaveTextAsync("1.1.0");
            await Expect(row.GetByTestId("module-change")).ToHaveTextAsync("Added, not saved yet");
            await Expect(page.GetByTestId("unsaved-marker")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "modules-390.png"), FullPage = true });
            output.WriteLine($"Screenshots: {app.ScreenshotDirectory}");
            var overflow = await page.EvaluateAsync<double>("() => document.scrollingElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"The page scrolls sideways by {overflow} px at 390 px with the Modules tab open.");

            // Save: the code and the dependency are stored together.
            await dashboard.SetCodeAsync($$"""
                const greet = require('{{package}}');
                module.exports = function (user, context, cb) { console.log(greet(user.email)); cb(null, {}); };
                """);
            await page.GetByTestId("save-hook").ClickAsync();
            await Expect(page.GetByTestId("unsaved-marker")).ToHaveCountAsync(0);
            Assert.Equal("1.1.0", (await store.GetAsync(hook.Id))!.Dependencies[package]);
            await dashboard.SelectTabAsync("Modules");
            await Expect(row.GetByTestId("module-change")).ToHaveCountAsync(0);

            // The test panel runs the saved hook's code, requiring the package.
            await dashboard.SelectTabAsync("Test");
            await dashboard.RunTestAsync();
            await Expect(page.GetByTestId("result-console")).ToContainTextAsync(" from 1.1.0");
        }
        finally
        {
            await store.DeleteAsync(hook.Id);
        }
    }
    [Fact]
    public async Task Editor_DependencyShippingTypings_CompletesTheRequiredModulesExports()
    {
        // A package of this test's own whose typings sit in a subfolder, named by package.json's exports types condition.
        var package = $"e2e-typed-{Guid.NewGuid():N}"[..18];
        SharedNpmRegistry.Instance.Publish(package, "1.0.0", files: new Dictionary<string, string>
        {
            ["index.js"] = "exports.typedFixtureGreeting = (name) => 'hello ' + name;\n",
            ["dist/index.d.ts"] = "import { Options } from './options';\n/** Greets from the fixture's typings. */\nexport declare function typedFixtureGreeting(name: string, options?: Options): string;\n",
            ["dist/options.d.ts"] = "export interface Options { loud?: boolean; }\n",
        }, extraManifest: new System.Text.Json.Nodes.JsonObject
        {
            ["exports"] = new System.Text.Json.Nodes.JsonObject
            {
                ["."] = new System.Text.Json.Nodes.JsonObject { ["types"] = "./dist/index.d.ts", ["default"] = "./index.js" },
            },
        });
        var store = app.Services.GetRequiredService<IHookStore>();
        var hook = await store.CreateAsync(new NewHook($"Typed {package}", "post-change-password",
            "module.exports = function (user, context, cb) { cb(null, {}); };", Enabled: false,
            Dependencies: new Dictionary<string, string> { [package] = "1.0.0" }));
        try
        {
            var dashboard = new DashboardPage(await app.NewPageAsync($"/hooks/{hook.Id}"));
            var page = dashboard.Page;
            await dashboard.WaitForEditorAsync();
            await dashboard.SetCodeAsync($"const x = require('{package}');\nx.\nmodule.exports = function (user, context, cb) {{ cb(null, {{}}); }};\n");

            // The typings reach the editor once the Modules panel has found the package installed: ask until they have.
            var suggestions = page.Locator(".suggest-widget");
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                await page.EvaluateAsync("""
                    () => {
                      const editor = window.blazorMonaco.editors.find(e => e.id === 'hook-code-editor').editor;
                      editor.focus();
                      editor.setPosition({ lineNumber: 2, column: 3 });
                      editor.trigger('e2e', 'editor.action.triggerSuggest', {});
                    }
                    """);
                try
                {
                    await Expect(suggestions).ToContainTextAsync("typedFixtureGreeting", new() { Timeout = 2_000 });
                    break;
                }
                catch (PlaywrightException) when (DateTime.UtcNow < deadline)
                {
                    await page.Keyboard.PressAsync("Escape");
                }
            }
            await page.ScreenshotAsync(new() { Path = Path.Combine(app.ScreenshotDirectory, "editor-package-completion.png") });
            await page.Keyboard.PressAsync("Escape");

            // Webtask's name@version form and an ES import complete from the same typings.
            await dashboard.SetCodeAsync($"import * as y from '{package}';\nconst z = require('{package}@1.0.0');\ny.;\nz.;\n");
            foreach (var line in new[] { 3, 4 })
            {
                await page.EvaluateAsync("""
                    line => {
                      const editor = window.blazorMonaco.editors.find(e => e.id === 'hook-code-editor').editor;
                      editor.focus();
                      editor.setPosition({ lineNumber: line, column: 3 });
                      editor.trigger('e2e', 'editor.action.triggerSuggest', {});
                    }
                    """, line);
                await Expect(suggestions).ToContainTextAsync("typedFixtureGreeting");
                await page.Keyboard.PressAsync("Escape");
            }
            output.WriteLine($"Screenshots: {app.ScreenshotDirectory}");
        }
        finally
        {
            await store.DeleteAsync(hook.Id);
        }
    }
}
