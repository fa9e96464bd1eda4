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
    /// Registers SQLite storage under the data folder (configuration key <c>DataDirectory</c>, default
    /// <c>{ContentRoot}/data</c>): the database and its start-up migrations, the hook and test-run stores,
    /// and the Data Protection key ring that encrypts secrets. Needs an <see cref="IHookCatalog"/> and an
    /// <see cref="IHostEnvironment"/>.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration)
            .PostConfigure<IHostEnvironment>((options, environment) =>
                options.DataDirectory = StorageOptions.ResolveDataDirectory(options.DataDirectory, environment.ContentRootPath));

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SqliteDatabase>();
        services.AddHostedService<MigrationHostedService>();

        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new KeyRingSetup(
            sp.GetRequiredService<IOptions<StorageOptions>>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));

        services.AddSingleton(sp => KnownTriggerIds.FromCatalog(sp.GetRequiredService<IHookCatalog>()));
        // The runtime reads the enabled hook and its secrets on every request: served from memory between writes.
        services.AddSingleton<SqliteHookStore>();
        services.AddSingleton<IHookStore>(sp => new CachingHookStore(sp.GetRequiredService<SqliteHookStore>(), sp.GetRequiredService<TimeProvider>()));
        // Versions are written by the hook store in each save's transaction; read through the same instance.
        services.AddSingleton<IHookVersionStore>(sp => sp.GetRequiredService<SqliteHookStore>());
        services.AddSingleton<ITestRunStore, SqliteTestRunStore>();
        // context.webtask.storage of saved hooks.
        services.AddSingleton<SqliteHookStorage>();
        // Each hook's own egress policy (on top of Execution:Egress).
        services.AddSingleton<IHookEgressStore, SqliteHookEgressStore>();
        return services;
    }
}
