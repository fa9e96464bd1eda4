using Bunit;
using HooksDashboard.Catalog;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HooksDashboard.Tests.Components;

/// <summary>
/// Base of the component tests: bUnit's context with the shared services over a fresh SQLite database.
/// Async disposal matters: MudBlazor's key interceptor is only IAsyncDisposable, so a plain Dispose
/// would fail every test.
/// </summary>
public abstract class DashboardTestBase : BunitContext, IAsyncLifetime
{
    private readonly TempDataDirectory _data = new();

    protected DashboardTestBase() => this.AddTestServices(_data.Path);

    protected IHookCatalog Catalog => Services.GetRequiredService<IHookCatalog>();

    protected IHookStore Store => Services.GetRequiredService<IHookStore>();

    protected IHookExecutor Executor => Services.GetRequiredService<IHookExecutor>();

    protected ITestRunStore TestRuns => Services.GetRequiredService<ITestRunStore>();

    /// <summary>The dialog and snackbar providers a page needs; dialogs and snackbars render inside them.</summary>
    protected (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Snackbars) RenderProviders()
    {
        Render<MudPopoverProvider>();
        return (Render<MudDialogProvider>(), Render<MudSnackbarProvider>());
    }

    /// <summary>Creates a hook the way the dashboard does: from the point's template, Auth0's enable rule.</summary>
    protected Task<Hook> CreateHookAsync(string name, string triggerId, string? script = null) =>
        Store.CreateAsync(new NewHook(name, triggerId, script ?? Catalog.Find(triggerId)!.Template));

    /// <summary>A test that replaces a service does so before this runs (the provider is built here).</summary>
    public virtual async Task InitializeAsync()
    {
        await Services.GetRequiredService<SqliteDatabase>().MigrateAsync();
        // Components render as in a live circuit (the layout shows whether it is interactive).
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _data.Dispose();
    }
}
