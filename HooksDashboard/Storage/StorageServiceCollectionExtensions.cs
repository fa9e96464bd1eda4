using HooksDashboard.Catalog;
using HooksDashboard.Hooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The name Data Protection isolates its keys by; fixed so keys stay valid across runs and paths.</summary>
    public const string DataProtectionApplicationName = "HooksDashboard";

    /// <summary>
    /// Registers storage: SQLite under the data folder (configuration key <c>DataDirectory</c>, default
    /// <c>{ContentRoot}/data</c>) or PostgreSQL (<c>Storage:Provider</c>, <c>ConnectionStrings:HooksDashboard</c>):
    /// the database and its start-up migrations, the hook and test-run stores, and the Data Protection key ring
    /// that encrypts secrets (a folder in the data folder, or a table on PostgreSQL). Needs an <see cref="IHookCatalog"/> and an
    /// <see cref="IHostEnvironment"/>.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration)
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                options.DataDirectory = StorageOptions.ResolveDataDirectory(options.DataDirectory, environment.ContentRootPath);
                // Read here rather than at registration: test hosts and the command line add configuration later.
                options.Provider = StorageOptions.ParseProvider(configuration[StorageOptions.ProviderKey]);
                options.ConnectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName);
            });

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<PostgreSqlDatabase>();
        // The engine every ported store uses (Storage:Provider); stores not yet ported still take SqliteDatabase.
        services.AddSingleton<IDatabase>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider switch
        {
            StorageProvider.PostgreSQL => sp.GetRequiredService<PostgreSqlDatabase>(),
            _ => sp.GetRequiredService<SqliteDatabase>(),
        });
        services.AddHostedService<MigrationHostedService>();

        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new KeyRingSetup(
            sp.GetRequiredService<IOptions<StorageOptions>>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            () => sp.GetRequiredService<PostgreSqlDatabase>()));

        services.AddSingleton(sp => KnownTriggerIds.FromCatalog(sp.GetRequiredService<IHookCatalog>()));
        // The runtime reads the enabled hook and its secrets on every request: served from memory between writes.
        services.AddSingleton<SqliteHookStore>();
        services.AddSingleton(sp => new CachingHookStore(sp.GetRequiredService<SqliteHookStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IHookStore>(sp => sp.GetRequiredService<CachingHookStore>());
        // On PostgreSQL, other instances' hook changes drop the cache (LISTEN/NOTIFY); nothing on SQLite.
        services.AddSingleton<HookChangeListener>();
        services.AddHostedService(sp => sp.GetRequiredService<HookChangeListener>());
        // Versions are written by the hook store in each save's transaction; read through the same instance.
        services.AddSingleton<IHookVersionStore>(sp => sp.GetRequiredService<SqliteHookStore>());
        services.AddSingleton<ITestRunStore, SqliteTestRunStore>();
        services.AddSingleton<Hooks.TestCases.ITestCaseStore, SqliteTestCaseStore>();
        // context.webtask.storage of saved hooks.
        services.AddSingleton<SqliteHookStorage>();
        // Each hook's own egress policy (on top of Execution:Egress).
        services.AddSingleton<SqliteHookEgressStore>();
        services.AddSingleton<IHookEgressStore>(sp => sp.GetRequiredService<SqliteHookEgressStore>());
        return services;
    }
}
