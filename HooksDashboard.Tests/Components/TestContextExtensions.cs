using Bunit;
using HooksDashboard.Audit;
using HooksDashboard.Catalog;
using HooksDashboard.Components.Common;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
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
    /// transitions, and the app's real services: catalog, SQLite store (in <paramref name="dataDirectory"/>,
    /// to be migrated by the caller) wrapped by the audit trail, Jint executor and runner.
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
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataDirectory"] = dataDirectory, ["Packages:RegistryUrl"] = SharedNpmRegistry.Url })
            .Build();
        context.Services.AddStorage(configuration);
        // Saves install npm dependencies as in the app, from the loopback registry.
        context.Services.AddHookPackages(configuration);
        // The store audited as in the app (the History tab reads the trail).
        context.Services.AddAudit();
        context.Services.AddExecution(configuration);
        context.Services.AddHookRunner();
        context.Services.AddExecutionLog(configuration);
        context.Services.AddScoped<DashboardJs>();
        // Every dashboard page is seen by a signed-in admin (the layout shows who, with a sign-out button).
        context.AddAuthorization().SetAuthorized(SignedInAdmin);
    }

    /// <summary>The admin the component tests are signed in as.</summary>
    public const string SignedInAdmin = "admin@example.com";
}
