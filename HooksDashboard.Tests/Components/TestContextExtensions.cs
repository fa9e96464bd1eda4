using Bunit;
using HooksDashboard.Catalog;
using HooksDashboard.Components.Common;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace HooksDashboard.Tests.Components;

public static class TestContextExtensions
{
    /// <summary>
    /// Loose JS interop (Monaco and MudBlazor call into JS the tests do not check), MudBlazor without
    /// transitions, the real catalog and runner, and in-memory store, test runs and scripted executor.
    /// </summary>
    public static void AddTestServices(this BunitContext context)
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
        context.Services.AddOptions();
        context.Services.AddSingleton<IHookCatalog, HookCatalog>();
        context.Services.AddSingleton<IHookStore, InMemoryHookStore>();
        context.Services.AddSingleton<ITestRunStore, InMemoryTestRunStore>();
        context.Services.AddSingleton<IHookExecutor, ScriptedExecutor>();
        context.Services.AddSingleton<IHookRunner, HookRunner>();
        context.Services.AddScoped<DashboardJs>();
    }
}
