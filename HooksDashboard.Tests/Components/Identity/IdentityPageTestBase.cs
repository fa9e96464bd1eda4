using Bunit;
using HooksDashboard.Catalog;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Identity;
using HooksDashboard.Identity.Applications;
using HooksDashboard.Identity.Apis;
using HooksDashboard.Identity.Grants;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MudBlazor;
using MudBlazor.Services;

namespace HooksDashboard.Tests.Components.Identity;

/// <summary>
/// Base of the identity page tests: bUnit with MudBlazor (no transitions, loose JS interop) over the real identity
/// services on a fresh SQLite database. Async disposal matters: MudBlazor's key interceptor is only IAsyncDisposable.
/// </summary>
public abstract class IdentityPageTestBase : BunitContext, IAsyncLifetime
{
    private readonly TempDataDirectory _data = new();

    protected IdentityPageTestBase()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
        Services.AddLogging();
        Services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(_data.Path));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataDirectory"] = _data.Path, ["Issuer"] = "https://tenant.example.com/" })
            .Build();
        Services.AddCatalog().AddStorage(configuration).AddExecution(configuration).AddHookRunner().AddTokens(configuration);
    }

    protected IApplicationStore Applications => Services.GetRequiredService<IApplicationStore>();

    protected IResourceServerStore Apis => Services.GetRequiredService<IResourceServerStore>();

    protected IClientGrantStore Grants => Services.GetRequiredService<IClientGrantStore>();

    /// <summary>The dialog and snackbar providers a page needs; dialogs render inside them.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderProviders()
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<MudDialogProvider>();
    }

    public virtual async Task InitializeAsync()
    {
        await Services.GetRequiredService<SqliteDatabase>().MigrateAsync();
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _data.Dispose();
    }
}
