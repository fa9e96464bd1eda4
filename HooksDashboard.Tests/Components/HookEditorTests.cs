using Bunit;
using BlazorMonaco.Editor;
using HooksDashboard.Components.Editor;
using HooksDashboard.Components.Pages;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HooksDashboard.Tests.Components;

public class HookEditorTests : DashboardTestBase
{
    private const string Exchange = "credentials-exchange";
    private const string Changed = "module.exports = function (client, scope, audience, context, cb) { cb(null, { scope: [] }); };";

    // Monaco's Ctrl/Cmd+S as BlazorMonaco encodes it.
    private const int CtrlS = (int)BlazorMonaco.KeyMod.CtrlCmd | (int)BlazorMonaco.KeyCode.KeyS;

    [Fact]
    public async Task Render_ExistingHook_ShowsNameStateAndTheEditorWithTheSavedScript()
    {
        var hook = await CreateHookAsync("my hook", Exchange);

        var (cut, _, _) = RenderEditor(hook);

        Assert.Equal("my hook", cut.Find("[data-testid=hook-name-title]").TextContent.Trim());
        Assert.Equal("Enabled", cut.Find("[data-testid=hook-state]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=unsaved-marker]"));
        Assert.True(cut.Find("[data-testid=save-hook]").HasAttribute("disabled"));
        Assert.Equal([hook.Script], JSInterop.TextsGivenTo(HookEditor.EditorId));
        Assert.Equal("javascript", JSInterop.CreatedWith(HookEditor.EditorId).Language);
        // The test panel's payload editor beside it starts from the point's sample.
        Assert.Equal("json", JSInterop.CreatedWith(TestPanel.PayloadEditorId).Language);
        Assert.Equal([Catalog.Find(Exchange)!.SamplePayload], JSInterop.TextsGivenTo(TestPanel.PayloadEditorId));
    }

    [Fact]
    public void Render_UnknownId_SaysTheHookDoesNotExist()
    {
        RenderProviders();

        var cut = Render<HookEditor>(p => p.Add(x => x.Id, "nope"));

        Assert.Contains("does not exist", cut.Find("[data-testid=hook-not-found]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_ChangedCode_ShowsTheUnsavedMarker()
    {
        var hook = await CreateHookAsync("my hook", Exchange);
        var (cut, _, editor) = RenderEditor(hook);
        SetEditorValue(Changed);

        await editor.RaiseContentChangedAsync();

        Assert.NotNull(cut.Find("[data-testid=unsaved-marker]"));
        Assert.False(cut.Find("[data-testid=save-hook]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Edit_BackToTheSavedText_ClearsTheUnsavedMarkerAfterTheCheck()
    {
        var hook = await CreateHookAsync("my hook", Exchange);
        var (cut, _, editor) = RenderEditor(hook);
        SetEditorValue(hook.Script);

        await editor.RaiseContentChangedAsync();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=unsaved-marker]")), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Save_Button_StoresTheEditorContentAndClearsTheMarker()
    {
        var hook = await CreateDisabledHookAsync();
        var (cut, snackbars, editor) = RenderEditor(hook);
        SetEditorValue(Changed);
        await editor.RaiseContentChangedAsync();

        await cut.InvokeAsync(() => cut.Find("[data-testid=save-hook]").Click());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=unsaved-marker]")));
        Assert.Equal(Changed, (await Store.GetAsync(hook.Id))!.Script);
        snackbars.WaitForAssertion(() => Assert.Contains("Saved \"my hook\"", snackbars.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Save_ScriptRequiresAnUndeclaredPackage_SavesWithItPinnedAndSaysSo()
    {
        var package = $"editor-pkg-{Guid.NewGuid().ToString("N")[..8]}";
        TestHelpers.SharedNpmRegistry.Instance.Publish(package, "1.3.0");
        var hook = await CreateDisabledHookAsync();
        var (cut, snackbars, editor) = RenderEditor(hook);
        SetEditorValue($"const p = require('{package}');\n" + Changed);
        await editor.RaiseContentChangedAsync();

        await cut.InvokeAsync(() => cut.Find("[data-testid=save-hook]").Click());

        snackbars.WaitForAssertion(() => Assert.Contains($"Added to its dependencies (required by the script): {package}@1.3.0.", snackbars.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Equal("1.3.0", (await Store.GetAsync(hook.Id))!.Dependencies[package]);
    }

    [Fact]
    public async Task Save_PackageCannotBeInstalled_NotSavedWithTheReason()
    {
        var package = $"editor-missing-{Guid.NewGuid().ToString("N")[..8]}";
        var hook = await CreateDisabledHookAsync();
        var (cut, snackbars, editor) = RenderEditor(hook);
        SetEditorValue($"const p = require('{package}');\n" + Changed);
        await editor.RaiseContentChangedAsync();

        await cut.InvokeAsync(() => cut.Find("[data-testid=save-hook]").Click());

        snackbars.WaitForAssertion(() => Assert.Contains("Not saved: Dependencies could not be installed: Package", snackbars.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Contains($"{package}", snackbars.Markup, StringComparison.Ordinal);
        Assert.Contains("was not found in the npm registry", snackbars.Markup, StringComparison.Ordinal);
        Assert.Equal(hook.Script, (await Store.GetAsync(hook.Id))!.Script);
        Assert.NotNull(cut.Find("[data-testid=unsaved-marker]"));
    }

    [Fact]
    public async Task Save_CtrlS_StoresTheEditorContent()
    {
        var hook = await CreateDisabledHookAsync();
        var (cut, _, editor) = RenderEditor(hook);
        SetEditorValue(Changed);
        await editor.RaiseContentChangedAsync();

        await cut.InvokeAsync(() => editor.Instance.CommandCallback(CtrlS));

        cut.WaitForAssertion(() => Assert.Equal(Changed, Store.GetAsync(hook.Id).Result!.Script));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=unsaved-marker]")));
    }

    [Fact]
    public async Task Save_CodeThatDoesNotParse_IsRefusedWithLineAndColumn()
    {
        var hook = await CreateHookAsync("my hook", Exchange);
        const string broken = "module.exports = function (client, scope, audience, context, cb) {\n  cb(null, {;\n};";
        var diagnostic = Assert.Single(Executor.CheckSyntax(broken));
        var (cut, snackbars, editor) = RenderEditor(hook);
        SetEditorValue(broken);
        await editor.RaiseContentChangedAsync();

        await cut.InvokeAsync(() => cut.Find("[data-testid=save-hook]").Click());

        snackbars.WaitForAssertion(() => Assert.Contains($"Not saved: the code does not parse (line {diagnostic.Line}, column {diagnostic.Column}",
            snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(2, diagnostic.Line);
        Assert.Equal(hook.Script, (await Store.GetAsync(hook.Id))!.Script);
        Assert.NotNull(cut.Find("[data-testid=unsaved-marker]"));
    }

    [Fact]
    public async Task Edit_SyntaxError_SetsEditorMarkersAfterTheDebounce()
    {
        var hook = await CreateHookAsync("my hook", Exchange);
        var module = JSInterop.SetupModule("./js/dashboard.js");
        module.Mode = JSRuntimeMode.Loose;
        var (cut, _, editor) = RenderEditor(hook);
        SetEditorValue("module.exports = function (client, scope, audience, context, cb) {\n  cb(null, {;\n};");

        await editor.RaiseContentChangedAsync();

        cut.WaitForAssertion(() => Assert.Contains("line 2", cut.Find("[data-testid=syntax-error-chip]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(3));
        var invocations = module.Invocations["setMarkers"];
        var markers = invocations[invocations.Count - 1];
        Assert.Equal(HookEditor.EditorId, markers.Arguments[0]);
        Assert.Contains("\"line\":2", System.Text.Json.JsonSerializer.Serialize(markers.Arguments[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_JavaScriptCallsCancelledAsTheCircuitGoesDown_DoesNotThrow()
    {
        // An exception from a component's disposal ends the user's whole circuit; seen under load in the browser suite.
        var hook = await CreateHookAsync("my hook", Exchange);
        var module = JSInterop.SetupModule("./js/dashboard.js");
        module.Mode = JSRuntimeMode.Loose;
        module.SetupVoid("setUnsavedChanges", _ => true).SetCanceled();
        module.SetupVoid("clearHookTypes").SetException(new Microsoft.JSInterop.JSException("page script gone"));
        RenderEditor(hook);

        await DisposeComponentsAsync();

        module.VerifyInvoke("setUnsavedChanges");
        // The renderer reports what a disposal threw here (in a circuit it is the circuit's end).
        if (Renderer.UnhandledException.IsCompleted)
            Assert.Fail((await Renderer.UnhandledException).ToString());
    }

    [Fact]
    public async Task Init_Editor_RegistersTypingsWithTheHooksSecretNames()
    {
        var hook = await CreateHookAsync("my hook", Exchange);
        await Store.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["API_KEY"] = "v" });
        var module = JSInterop.SetupModule("./js/dashboard.js");
        module.Mode = JSRuntimeMode.Loose;

        RenderEditor(hook);

        var declarations = (string)module.VerifyInvoke("setHookTypes").Arguments[0]!;
        Assert.Contains("API_KEY: string;", declarations, StringComparison.Ordinal);
        Assert.Contains("interface HookClient", declarations, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_DependencyShippingTypings_RegistersItsDeclarationsAndTypesItsRequireThenDropsThemWhenRemoved()
    {
        var package = $"editor-typed-{Guid.NewGuid().ToString("N")[..8]}";
        TestHelpers.SharedNpmRegistry.Instance.Publish(package, "1.0.0", files: new Dictionary<string, string>
        {
            ["index.js"] = "exports.shout = (s) => s.toUpperCase();",
            ["types/index.d.ts"] = "export declare function shout(text: string): string;\n",
        }, extraManifest: new System.Text.Json.Nodes.JsonObject { ["types"] = "types/index.d.ts" });
        var hook = await Store.CreateAsync(new NewHook("typed", Exchange, Catalog.Find(Exchange)!.Template,
            Dependencies: new Dictionary<string, string> { [package] = "1.0.0" }));
        var module = JSInterop.SetupModule("./js/dashboard.js");
        module.Mode = JSRuntimeMode.Loose;

        var (cut, _, _) = RenderEditor(hook);

        cut.WaitForAssertion(() => Assert.NotEmpty(module.Invocations["setPackageTypes"]), TimeSpan.FromSeconds(10));
        var registered = module.Invocations["setPackageTypes"][^1];
        var libraries = System.Text.Json.JsonSerializer.Serialize(registered.Arguments[0]);
        Assert.Contains($"\"path\":\"file:///node_modules/{package}/types/index.d.ts\"", libraries, StringComparison.Ordinal);
        Assert.Contains("export declare function shout(text: string): string;", libraries, StringComparison.Ordinal);
        Assert.Equal($"node_modules/{package}/types/index.d.ts", ((IReadOnlyDictionary<string, string>)registered.Arguments[1]!)[package]);
        cut.WaitForAssertion(() => Assert.Contains($"typeof import(\"{package}\")",
            (string)module.Invocations["setHookTypes"][^1].Arguments[0]!, StringComparison.Ordinal));

        // Removing the dependency in the Modules panel (not saved yet) takes its typings away.
        await cut.InvokeAsync(() => cut.Find($"[data-module={package}] [data-testid=remove-module]").Click());

        cut.WaitForAssertion(() => Assert.Equal("[]", System.Text.Json.JsonSerializer.Serialize(module.Invocations["setPackageTypes"][^1].Arguments[0])));
        Assert.DoesNotContain($"typeof import(\"{package}\")", (string)module.Invocations["setHookTypes"][^1].Arguments[0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Navigate_WithUnsavedChangesAndStay_KeepsThePage()
    {
        var hook = await CreateHookAsync("my hook", Exchange);
        var dialogs = Render<MudDialogProvider>();
        var (cut, _, editor) = RenderEditor(hook, renderProviders: false);
        SetEditorValue(Changed);
        await editor.RaiseContentChangedAsync();
        var navigation = Services.GetRequiredService<NavigationManager>();
        var before = navigation.Uri;

        await cut.InvokeAsync(() => navigation.NavigateTo("hooks"));
        dialogs.WaitForAssertion(() => Assert.Contains("has unsaved changes", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Stay").Click();

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("has unsaved changes", dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal(before, navigation.Uri);
    }

    [Fact]
    public async Task Navigate_WithUnsavedChangesAndLeave_Navigates()
    {
        var hook = await CreateHookAsync("my hook", Exchange);
        var dialogs = Render<MudDialogProvider>();
        var (cut, _, editor) = RenderEditor(hook, renderProviders: false);
        SetEditorValue(Changed);
        await editor.RaiseContentChangedAsync();
        var navigation = Services.GetRequiredService<NavigationManager>();

        await cut.InvokeAsync(() => navigation.NavigateTo("hooks"));
        dialogs.WaitForAssertion(() => Assert.Contains("has unsaved changes", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Leave without saving").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/hooks", navigation.Uri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Navigate_WithoutChanges_DoesNotAsk()
    {
        var hook = await CreateHookAsync("my hook", Exchange);
        var dialogs = Render<MudDialogProvider>();
        var (cut, _, _) = RenderEditor(hook, renderProviders: false);
        var navigation = Services.GetRequiredService<NavigationManager>();

        await cut.InvokeAsync(() => navigation.NavigateTo("hooks"));

        Assert.EndsWith("/hooks", navigation.Uri, StringComparison.Ordinal);
        Assert.DoesNotContain("unsaved changes", dialogs.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ErrorLocationClicked_MovesTheEditorCursorThere()
    {
        var hook = await CreateHookAsync("my hook", Exchange);
        var (cut, _, _) = RenderEditor(hook);
        // The unsaved editor content is what runs: it throws on its third line.
        SetEditorValue("module.exports = function (client, scope, audience, context, cb) {\n  var profile = null;\n  profile.email.toLowerCase();\n};");

        cut.Find("[data-testid=run-test]").Click();
        cut.WaitForElement("[data-testid=result-error-location]").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, JSInterop.VerifyInvoke("blazorMonaco.editor.revealLineInCenter").Arguments[1]));
        var position = JSInterop.VerifyInvoke("blazorMonaco.editor.setPosition").Arguments[1] as BlazorMonaco.Position;
        Assert.Equal(3, position!.LineNumber);
        Assert.Equal(hook.Script, (await Store.GetAsync(hook.Id))!.Script);
    }

    private IRenderedComponent<MudDialogProvider>? _dialogs;

    private IRenderedComponent<MudDialogProvider> DialogHost => _dialogs ?? throw new InvalidOperationException("RenderEditor renders the providers first.");

    /// <summary>A hook that is not live: saving it needs no confirmation.</summary>
    private Task<Hook> CreateDisabledHookAsync() =>
        Store.CreateAsync(new NewHook("my hook", Exchange, Catalog.Find(Exchange)!.Template, Enabled: false));

    private (IRenderedComponent<HookEditor> Cut, IRenderedComponent<MudSnackbarProvider> Snackbars, IRenderedComponent<StandaloneCodeEditor> Editor)
        RenderEditor(Hook hook, bool renderProviders = true)
    {
        IRenderedComponent<MudSnackbarProvider> snackbars;
        if (renderProviders)
            (_dialogs, snackbars) = RenderProviders();
        else
            snackbars = Render<MudSnackbarProvider>();
        // The payload editor holds the sample it was created with.
        JSInterop.SetEditorValue(TestPanel.PayloadEditorId, Catalog.Find(hook.TriggerId)!.SamplePayload);
        var cut = Render<HookEditor>(p => p.Add(x => x.Id, hook.Id));
        return (cut, snackbars, cut.FindEditor(HookEditor.EditorId));
    }

    /// <summary>What the code editor's model holds.</summary>
    private void SetEditorValue(string value) => JSInterop.SetEditorValue(HookEditor.EditorId, value);

    [Fact]
    public async Task Save_LiveHook_AsksWithTheDiffAgainstWhatRunsNowThenSavesWithTheMessage()
    {
        var hook = await CreateHookAsync("my hook", Exchange);
        Assert.True(hook.Enabled);
        var (cut, snackbars, editor) = RenderEditor(hook);
        SetEditorValue(Changed);
        await editor.RaiseContentChangedAsync();

        await cut.InvokeAsync(() => cut.Find("[data-testid=save-hook]").Click());
        DialogHost.WaitForElement("[data-testid=version-diff-dialog]");
        Assert.Contains("This hook is live", DialogHost.Find("[data-testid=diff-warning]").TextContent, StringComparison.Ordinal);
        Assert.Equal("v1 (runs now)", DialogHost.Find("[data-testid=diff-original-label]").TextContent.Trim());
        Assert.Equal(hook.Script, (await Store.GetAsync(hook.Id))!.Script);
        DialogHost.WaitForAssertion(() => Assert.Equal([hook.Script, Changed],
            JSInterop.Invocations["blazorMonaco.editor.createModel"].Select(i => (string?)i.Arguments[0])));
        DialogHost.Find("input[data-testid=version-message]").Input("Empty scopes");
        await DialogHost.Find("[data-testid=diff-confirm]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=unsaved-marker]")));
        var saved = (await Store.GetAsync(hook.Id))!;
        Assert.Equal(Changed, saved.Script);
        Assert.Equal(2, saved.Version);
        var version = await Services.GetRequiredService<HookVersions>().GetAsync(hook.Id, 2);
        Assert.Equal("Empty scopes", version.Info.Message);
        snackbars.WaitForAssertion(() => Assert.Contains("Saved \"my hook\"", snackbars.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Save_LiveHookWithFailingTestCase_RefusedUntilOverriddenThenAudited()
    {
        var hook = await CreateHookAsync("my hook", Exchange);
        await Services.GetRequiredService<HooksDashboard.Hooks.TestCases.ITestCaseStore>().CreateAsync(hook.Id,
            HooksDashboard.Hooks.TestCases.TestCaseJson.Parse("""{"name":"must deny","expect":{"outcome":"error","errorName":"InvalidScopeError"}}"""));
        var (cut, _, editor) = RenderEditor(hook);
        SetEditorValue(Changed);
        await editor.RaiseContentChangedAsync();

        await cut.InvokeAsync(() => cut.Find("[data-testid=save-hook]").Click());
        DialogHost.WaitForElement("[data-testid=test-case-result]");
        var result = DialogHost.Find("[data-testid=test-case-result]");
        Assert.Equal("false", result.GetAttribute("data-passed"));
        Assert.Contains("must deny", result.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("expected an error, got success", DialogHost.Find("[data-testid=test-case-failure]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.True(DialogHost.Find("[data-testid=diff-confirm]").HasAttribute("disabled"));
        await DialogHost.Find("[data-testid=diff-confirm]").ClickAsync(new());
        Assert.Equal(hook.Script, (await Store.GetAsync(hook.Id))!.Script);

        await DialogHost.Find("input[data-testid=live-save-override], [data-testid=live-save-override] input").ChangeAsync(new ChangeEventArgs { Value = true });
        DialogHost.WaitForAssertion(() => Assert.False(DialogHost.Find("[data-testid=diff-confirm]").HasAttribute("disabled")));
        await DialogHost.Find("[data-testid=diff-confirm]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=unsaved-marker]")));
        Assert.Equal(Changed, (await Store.GetAsync(hook.Id))!.Script);
        var trail = await Services.GetRequiredService<HooksDashboard.Audit.IHookAuditLog>().ListForHookAsync(hook.Id);
        var overridden = Assert.Single(trail, e => e.Action == HooksDashboard.Audit.HookAuditActions.TestsOverridden);
        Assert.Contains("1 of 1 test case failed: must deny", overridden.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_LiveHookWithPassingTestCase_ConfirmEnabledAfterTheRun()
    {
        var hook = await CreateHookAsync("my hook", Exchange);
        await Services.GetRequiredService<HooksDashboard.Hooks.TestCases.ITestCaseStore>().CreateAsync(hook.Id,
            HooksDashboard.Hooks.TestCases.TestCaseJson.Parse("""{"name":"succeeds","expect":{"outcome":"success"}}"""));
        var (cut, _, editor) = RenderEditor(hook);
        SetEditorValue(Changed);
        await editor.RaiseContentChangedAsync();

        await cut.InvokeAsync(() => cut.Find("[data-testid=save-hook]").Click());
        DialogHost.WaitForElement("[data-testid=test-case-result][data-passed=true]");

        Assert.Empty(DialogHost.FindAll("[data-testid=live-save-override]"));
        Assert.False(DialogHost.Find("[data-testid=diff-confirm]").HasAttribute("disabled"));
        Assert.Contains("1 test case passed", DialogHost.Find("[data-testid=test-case-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_LiveHookCancelled_NothingSavedAndStillUnsaved()
    {
        var hook = await CreateHookAsync("my hook", Exchange);
        var (cut, _, editor) = RenderEditor(hook);
        SetEditorValue(Changed);
        await editor.RaiseContentChangedAsync();

        await cut.InvokeAsync(() => cut.Find("[data-testid=save-hook]").Click());
        DialogHost.WaitForElement("[data-testid=version-diff-dialog]");
        await DialogHost.Find("[data-testid=diff-cancel]").ClickAsync(new());

        DialogHost.WaitForAssertion(() => Assert.Empty(DialogHost.FindAll("[data-testid=version-diff-dialog]")));
        Assert.Equal(hook.Script, (await Store.GetAsync(hook.Id))!.Script);
        Assert.NotNull(cut.Find("[data-testid=unsaved-marker]"));
        Assert.False(cut.Find("[data-testid=save-hook]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Save_LiveHookSavedElsewhereWhileConfirming_RefusedNotOverwritten()
    {
        var hook = await CreateHookAsync("my hook", Exchange);
        var (cut, snackbars, editor) = RenderEditor(hook);
        SetEditorValue(Changed);
        await editor.RaiseContentChangedAsync();
        await cut.InvokeAsync(() => cut.Find("[data-testid=save-hook]").Click());
        DialogHost.WaitForElement("[data-testid=version-diff-dialog]");

        await Store.UpdateAsync(hook.Id, new HookUpdate(Script: hook.Script + "\n// someone else"));
        await DialogHost.Find("[data-testid=diff-confirm]").ClickAsync(new());

        snackbars.WaitForAssertion(() => Assert.Contains("Not saved: The hook was saved by someone else in the meantime", snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(hook.Script + "\n// someone else", (await Store.GetAsync(hook.Id))!.Script);
        Assert.NotNull(cut.Find("[data-testid=unsaved-marker]"));
    }
}
