using Bunit;
using HooksDashboard.Audit;
using HooksDashboard.Components.Audit;
using HooksDashboard.Hooks;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MudBlazor.Services;

namespace HooksDashboard.Tests.Components.Admins;

public sealed class HookHistoryTests : BunitContext, IAsyncLifetime
{
    // Made in the constructor: HttpContextAccessor keeps the context in an AsyncLocal, which a value set
    // inside InitializeAsync would not flow out of.
    private readonly HttpContextAccessor _http = new() { HttpContext = new DefaultHttpContext() };
    private StorageFixture _storage = null!;
    private AuditingHookStore _store = null!;

    public async Task InitializeAsync()
    {
        _storage = await StorageFixture.CreateAsync();
        var audit = new SqliteHookAuditLog(_storage.Database);
        _http.HttpContext!.User = HooksDashboard.Admins.AdminAuthentication.CreatePrincipal(new("01A", "owner@example.com", DateTimeOffset.UtcNow));
        _store = new AuditingHookStore(_storage.Hooks, audit, new ActorAccessor(_http), TimeProvider.System, NullLogger<AuditingHookStore>.Instance);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<IHookAuditLog>(audit);
        Services.AddSingleton<IHookStore>(_store);
        Services.AddSingleton(new HookVersions(_store, _storage.Services.GetRequiredService<IHookVersionStore>()));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task Render_ShowsChangesNewestFirstWithActor()
    {
        var hook = await _store.CreateAsync(StorageFixture.NewHook(enabled: false));
        await _store.UpdateAsync(hook.Id, new HooksDashboard.Hooks.HookUpdate(Enabled: true));

        var history = Render<HookHistory>(p => p.Add(h => h.HookId, hook.Id));

        history.WaitForAssertion(() => Assert.Equal(["enabled", "created"], history.FindAll("[data-testid=history-entry]").Select(e => e.GetAttribute("data-action"))));
        Assert.Contains("owner@example.com", history.Find("[data-testid=history-entry] .history-who").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_ShowsNewChanges()
    {
        var hook = await _store.CreateAsync(StorageFixture.NewHook(enabled: false));
        var history = Render<HookHistory>(p => p.Add(h => h.HookId, hook.Id));
        history.WaitForAssertion(() => Assert.Single(history.FindAll("[data-testid=history-entry]")));

        await _store.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["TOKEN"] = "value" });
        await history.Find("[data-testid=history-refresh]").ClickAsync(new());

        history.WaitForAssertion(() => Assert.Equal(2, history.FindAll("[data-testid=history-entry]").Count));
        Assert.Contains("Secrets added: TOKEN.", history.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoChanges_SaysSo()
    {
        var history = Render<HookHistory>(p => p.Add(h => h.HookId, "01UNKNOWN"));

        history.WaitForAssertion(() => Assert.NotNull(history.Find("[data-testid=history-empty]")));
    }

    private async Task<Hook> HookWithThreeVersionsAsync(bool enabled = true)
    {
        var hook = await _store.CreateAsync(StorageFixture.NewHook(enabled: enabled));
        await _store.UpdateAsync(hook.Id, new HookUpdate(Script: "module.exports = 2;", Message: "Second"));
        await _store.UpdateAsync(hook.Id, new HookUpdate(Script: "module.exports = 3;", Dependencies: new Dictionary<string, string> { ["lodash"] = "4.17.21" }));
        return hook;
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Snackbars) RenderProviders()
    {
        Render<MudPopoverProvider>();
        return (Render<MudDialogProvider>(), Render<MudSnackbarProvider>());
    }

    [Fact]
    public async Task Render_HookWithVersions_ListsThemNewestFirstWithTheCurrentOneMarked()
    {
        var hook = await HookWithThreeVersionsAsync();

        var history = Render<HookHistory>(p => p.Add(h => h.HookId, hook.Id));

        history.WaitForAssertion(() => Assert.Equal(["3", "2", "1"], history.FindAll("[data-testid=version-row]").Select(r => r.GetAttribute("data-version"))));
        Assert.Single(history.FindAll("[data-testid=version-current]"));
        Assert.NotNull(history.Find("[data-version='3'] [data-testid=version-current]"));
        Assert.Equal("Second", history.Find("[data-version='2'] [data-testid=version-message]").TextContent.Trim());
        Assert.Contains("owner@example.com", history.Find("[data-version='3'] .history-who").TextContent, StringComparison.Ordinal);
        Assert.True(history.Find("[data-version='3'] [data-testid=version-restore]").HasAttribute("disabled"));
        Assert.True(history.Find("[data-testid=compare-selected]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task CompareSelected_TwoVersionsTicked_OpensMonacosDiffWithBothScripts()
    {
        var hook = await HookWithThreeVersionsAsync();
        var (dialogs, _) = RenderProviders();
        var history = Render<HookHistory>(p => p.Add(h => h.HookId, hook.Id));
        history.WaitForAssertion(() => Assert.Equal(3, history.FindAll("[data-testid=version-row]").Count));

        history.Find("[data-version='1'] input[type=checkbox]").Change(true);
        history.Find("[data-version='3'] input[type=checkbox]").Change(true);
        history.Find("[data-testid=compare-selected]").Click();

        dialogs.WaitForElement("[data-testid=version-diff-dialog]");
        Assert.Equal("v1", dialogs.Find("[data-testid=diff-original-label]").TextContent.Trim());
        Assert.Equal("v3 (current)", dialogs.Find("[data-testid=diff-modified-label]").TextContent.Trim());
        Assert.Contains("Dependencies: adds lodash@4.17.21.", dialogs.Markup, StringComparison.Ordinal);
        Assert.Empty(dialogs.FindAll("[data-testid=diff-confirm]"));
        dialogs.WaitForAssertion(() => Assert.Equal(
            [StorageFixture.Script, "module.exports = 3;"],
            JSInterop.Invocations["blazorMonaco.editor.createModel"].Select(i => (string?)i.Arguments[0])));
        Assert.Single(JSInterop.Invocations["blazorMonaco.editor.createDiffEditor"]);
    }

    [Fact]
    public async Task Restore_ConfirmedWithMessage_NewCurrentVersionAndTheEditorIsTold()
    {
        var hook = await HookWithThreeVersionsAsync();
        var (dialogs, snackbars) = RenderProviders();
        HookRestoreResult? restored = null;
        var history = Render<HookHistory>(p => p.Add(h => h.HookId, hook.Id).Add(h => h.OnRestored, r => restored = r));
        history.WaitForAssertion(() => Assert.Equal(3, history.FindAll("[data-testid=version-row]").Count));

        history.Find("[data-version='1'] [data-testid=version-restore]").Click();
        dialogs.WaitForElement("[data-testid=version-diff-dialog]");
        Assert.Contains("This hook is live", dialogs.Find("[data-testid=diff-warning]").TextContent, StringComparison.Ordinal);
        Assert.Equal("v3 (current)", dialogs.Find("[data-testid=diff-original-label]").TextContent.Trim());
        dialogs.Find("input[data-testid=version-message]").Input("Back to the template");
        await dialogs.Find("[data-testid=diff-confirm]").ClickAsync(new());

        history.WaitForAssertion(() => Assert.Equal("4", history.Find("[data-testid=version-row]").GetAttribute("data-version")));
        Assert.Equal(4, restored!.Hook.Version);
        Assert.Equal(StorageFixture.Script, (await _store.GetAsync(hook.Id))!.Script);
        Assert.Equal("Back to the template", history.Find("[data-version='4'] [data-testid=version-message]").TextContent.Trim());
        snackbars.WaitForAssertion(() => Assert.Contains("Restored version 1 as version 4.", snackbars.Markup, StringComparison.Ordinal));
        Assert.Contains(history.FindAll("[data-testid=history-entry]"), e => e.GetAttribute("data-action") == HookAuditActions.VersionRestored);
    }

    [Fact]
    public async Task Restore_Cancelled_NothingChanges()
    {
        var hook = await HookWithThreeVersionsAsync(enabled: false);
        var (dialogs, _) = RenderProviders();
        var history = Render<HookHistory>(p => p.Add(h => h.HookId, hook.Id).Add(h => h.HasUnsavedChanges, true));
        history.WaitForAssertion(() => Assert.Equal(3, history.FindAll("[data-testid=version-row]").Count));

        history.Find("[data-version='2'] [data-testid=version-restore]").Click();
        dialogs.WaitForElement("[data-testid=version-diff-dialog]");
        Assert.Empty(dialogs.FindAll("[data-testid=diff-warning]"));
        Assert.Contains("Your unsaved changes in the editor will be replaced", dialogs.Markup, StringComparison.Ordinal);
        await dialogs.Find("[data-testid=diff-cancel]").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=version-diff-dialog]")));
        Assert.Equal(3, (await _store.GetAsync(hook.Id))!.Version);
    }
}
