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
/// Storage on a real SQLite file (or a new database on the test run's PostgreSQL cluster) with the audit decorator and
/// the import/export services registered as the app registers them (store → cache → audit → transfer); the schema
/// migrated.
/// </summary>
public sealed class TransferFixture : IAsyncDisposable
{
    private readonly TempDataDirectory _directory;
    private readonly string? _postgreSqlDatabase;

    private TransferFixture(ServiceProvider services, TempDataDirectory directory, string? postgreSqlDatabase)
    {
        Services = services;
        _directory = directory;
        _postgreSqlDatabase = postgreSqlDatabase;
    }

    public ServiceProvider Services { get; }

    public IHookStore Hooks => Services.GetRequiredService<IHookStore>();

    public HookImporter Importer => Services.GetRequiredService<HookImporter>();

    public HookExporter Exporter => Services.GetRequiredService<HookExporter>();

    public IHookAuditLog Audit => Services.GetRequiredService<IHookAuditLog>();

    public IHookVersionStore Versions => Services.GetRequiredService<IHookVersionStore>();

    public IDatabase Database => Services.GetRequiredService<IDatabase>();

    public static async Task<TransferFixture> CreateAsync(StorageProvider provider = StorageProvider.Sqlite)
    {
        var directory = new TempDataDirectory();
        var settings = new Dictionary<string, string?> { ["DataDirectory"] = directory.Path };
        string? database = null;
        if (provider == StorageProvider.PostgreSQL)
        {
            var server = await PostgreSqlServer.GetAsync();
            database = await server.CreateDatabaseAsync(migrated: true);
            settings[StorageOptions.ProviderKey] = nameof(StorageProvider.PostgreSQL);
            settings["ConnectionStrings:" + StorageOptions.ConnectionStringName] = server.ConnectionString(database);
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings)
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
        var built = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await built.GetRequiredService<IDatabase>().MigrateAsync();
        return new TransferFixture(built, directory, database);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        _directory.Dispose();
        if (_postgreSqlDatabase is not null)
            await (await PostgreSqlServer.GetAsync()).DropDatabaseAsync(_postgreSqlDatabase);
    }
}
