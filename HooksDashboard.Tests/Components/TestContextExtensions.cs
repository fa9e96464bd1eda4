using Bunit;
using HooksDashboard.Catalog;
using HooksDashboard.Components.Common;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MudBlazor.Services;

namespace HooksDashboard.Tests.Components;

public static class TestContextExtensions
{
    /// <summary>
    /// Loose JS interop (Monaco and MudBlazor call into JS the tests do not check), MudBlazor without
    /// transitions, and the app's real catalog, SQLite store (in <paramref name="dataDirectory"/>, to be
    /// migrated by the caller) and runner. The executor is scripted: these tests check what the
    /// dashboard shows for a result, not how scripts run.
    /// </summary>
    public static void AddTestServices(this BunitContext context, string dataDirectory)
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
        context.Services.AddOptions();
        context.Services.AddLogging();
        context.Services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(dataDirectory));
        context.Services.AddCatalog();
        context.Services.AddStorage(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataDirectory"] = dataDirectory })
            .Build());
        context.Services.AddSingleton<IHookExecutor, ScriptedExecutor>();
        context.Services.AddSingleton<IHookRunner, HookRunner>();
        context.Services.AddScoped<DashboardJs>();
    }
}
