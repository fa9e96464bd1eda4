using HooksDashboard.Execution.Modules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>An <see cref="NpmPackageInstaller"/> on a registry URL and a cache folder, built as the app builds it.</summary>
public static class TestPackageInstaller
{
    public static NpmPackageInstaller Create(string registryUrl, string cacheDirectory, Action<PackageOptions>? configure = null)
    {
        var options = new PackageOptions { RegistryUrl = registryUrl, CacheDirectory = cacheDirectory, RequestTimeoutSeconds = 10 };
        configure?.Invoke(options);
        var wrapped = Options.Create(options);
        var clients = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new NpmPackageInstaller(new NpmRegistryClient(clients, wrapped), wrapped, NullLogger<NpmPackageInstaller>.Instance);
    }

    public static NpmRegistryClient Client(string registryUrl)
    {
        var wrapped = Options.Create(new PackageOptions { RegistryUrl = registryUrl, RequestTimeoutSeconds = 10 });
        var clients = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new NpmRegistryClient(clients, wrapped);
    }
}
