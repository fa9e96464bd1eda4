using HooksDashboard.Audit;
using HooksDashboard.Catalog;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using HooksDashboard.Storage;
using HooksDashboard.Transfer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// Storage on a real SQLite file with the audit decorator and the import/export services registered as the app
/// registers them (store → cache → audit → transfer); the schema migrated.
/// </summary>
public sealed class TransferFixture : IAsyncDisposable
{
    private readonly TempDataDirectory _directory;

    private TransferFixture(ServiceProvider services, TempDataDirectory directory)
    {
        Services = services;
        _directory = directory;
    }

    public ServiceProvider Services { get; }

    public IHookStore Hooks => Services.GetRequiredService<IHookStore>();

    public HookImporter Importer => Services.GetRequiredService<HookImporter>();

    public HookExporter Exporter => Services.GetRequiredService<HookExporter>();

    public IHookAuditLog Audit => Services.GetRequiredService<IHookAuditLog>();

    public IHookVersionStore Versions => Services.GetRequiredService<IHookVersionStore>();

    public SqliteDatabase Database => Services.GetRequiredService<SqliteDatabase>();

    public static async Task<TransferFixture> CreateAsync()
    {
        var directory = new TempDataDirectory();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataDirectory"] = directory.Path })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(directory.Path));
        services.AddCatalog()
            .AddStorage(configuration)
            .AddExecution(configuration)
            .AddHookRunner()
            .AddExecutionLog(configuration)
            .AddAudit()
            .AddTransfer();
        // Not validated on build: AddAudit registers the Blazor circuit handler, whose authentication state no test here has.
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await provider.GetRequiredService<SqliteDatabase>().MigrateAsync();
        return new TransferFixture(provider, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        _directory.Dispose();
    }
}
