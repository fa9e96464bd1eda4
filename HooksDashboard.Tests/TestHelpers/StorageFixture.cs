using HooksDashboard.Hooks;
using HooksDashboard.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// Ready storage on a real SQLite file: services built through <see cref="StorageServiceCollectionExtensions.AddStorage"/>
/// as the app does (with the five known triggers instead of the catalog), schema migrated. Owns a fresh
/// <see cref="TempDataDirectory"/> unless given an existing folder, e.g. to open a second instance on the same data.
/// </summary>
public sealed class StorageFixture : IAsyncDisposable
{
    public const string Script = "module.exports = function (client, scope, audience, context, cb) { cb(null, {}); };";

    private static int _nameCounter;
    private readonly TempDataDirectory? _ownedDirectory;

    private StorageFixture(ServiceProvider services, string dataDirectory, TempDataDirectory? ownedDirectory)
    {
        Services = services;
        DataDirectory = dataDirectory;
        _ownedDirectory = ownedDirectory;
    }

    public ServiceProvider Services { get; }

    public string DataDirectory { get; }

    public SqliteDatabase Database => Services.GetRequiredService<SqliteDatabase>();

    public IHookStore Hooks => Services.GetRequiredService<IHookStore>();

    public ITestRunStore TestRuns => Services.GetRequiredService<ITestRunStore>();

    /// <summary>Storage in a new temp folder (deleted on dispose), or on <paramref name="dataDirectory"/> (left in place).</summary>
    public static async Task<StorageFixture> CreateAsync(string? dataDirectory = null, TimeProvider? time = null)
    {
        var owned = dataDirectory is null ? new TempDataDirectory() : null;
        var directory = dataDirectory ?? owned!.Path;
        var services = BuildServices(directory, time);
        try
        {
            await services.GetRequiredService<SqliteDatabase>().MigrateAsync();
        }
        catch
        {
            await services.DisposeAsync();
            owned?.Dispose();
            throw;
        }
        return new StorageFixture(services, directory, owned);
    }

    /// <summary>The storage services over <paramref name="dataDirectory"/>, not yet migrated.</summary>
    public static ServiceProvider BuildServices(string dataDirectory, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataDirectory"] = dataDirectory })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(dataDirectory));
        if (time is not null)
            services.AddSingleton(time);
        services.AddStorage(configuration);
        // Replaces the catalog-derived view: these tests need the five ids, not the catalog's contracts.
        services.AddSingleton(new KnownTriggerIds(TestTriggers.All));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>A valid new hook with a unique name.</summary>
    public static NewHook NewHook(string triggerId = TestTriggers.CredentialsExchange, bool? enabled = null, string? name = null) =>
        new(name ?? $"Hook {Interlocked.Increment(ref _nameCounter)}", triggerId, Script, enabled);

    public Task<Hook> CreateHookAsync(string triggerId = TestTriggers.CredentialsExchange, bool? enabled = null, string? name = null) =>
        Hooks.CreateAsync(NewHook(triggerId, enabled, name));

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        _ownedDirectory?.Dispose();
    }
}
