using Bunit;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace HooksDashboard.Tests.Components.Logs;

/// <summary>
/// bUnit context for the Logs components over real services: SQLite in a temp folder, the real runner, writer
/// and feed (from <see cref="StorageFixture"/>), MudBlazor with loose JS interop and its providers rendered.
/// </summary>
public abstract class LogsComponentTestBase : BunitContext, IAsyncLifetime
{
    protected StorageFixture Fixture { get; private set; } = null!;

    protected ManualTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public async Task InitializeAsync()
    {
        Fixture = await StorageFixture.CreateAsync(time: Clock);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton(Fixture.Hooks);
        Services.AddSingleton(Fixture.LogQuery);
        Services.AddSingleton(Fixture.Services.GetRequiredService<HooksDashboard.Logs.IExecutionLogFeed>());
        Services.AddSingleton(Fixture.Services.GetRequiredService<HooksDashboard.Catalog.IHookCatalog>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Fixture.DisposeAsync();
    }

    /// <summary>The providers MudBlazor's selects and dialogs render into.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderProviders()
    {
        Render<MudPopoverProvider>();
        return Render<MudDialogProvider>();
    }
}
