using HooksDashboard.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Execution.Modules;

public static class ModulesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the npm package installer: the registry client (configuration section <c>Packages</c>) and the
    /// package cache under the data folder. Needs <see cref="StorageOptions"/> (<c>AddStorage</c>) for the default cache folder.
    /// </summary>
    public static IServiceCollection AddPackages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PackageOptions>()
            .Bind(configuration.GetSection(PackageOptions.SectionName))
            .PostConfigure<IOptions<StorageOptions>>((options, storage) =>
                options.CacheDirectory = PackageOptions.ResolveCacheDirectory(options.CacheDirectory, storage.Value.DataDirectory));
        // The registry is the only thing here that touches the network; its timeouts are per request (PackageOptions).
        services.AddHttpClient(NpmRegistryClient.HttpClientName, client =>
        {
            client.Timeout = Timeout.InfiniteTimeSpan;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("HooksDashboard (npm-compatible installer)");
        });
        services.AddSingleton<NpmRegistryClient>();
        services.AddSingleton<NpmPackageInstaller>();
        services.AddSingleton<IPackageInstaller>(sp => sp.GetRequiredService<NpmPackageInstaller>());
        // Version completion in the dashboard's Modules panel, answers kept briefly.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PackageVersionLookup>();
        return services;
    }
}
