using HooksDashboard.Catalog;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using HooksDashboard.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// Ready core services on a real SQLite file, registered as the app does (catalog, storage, executor, runner),
/// schema migrated; the settings given to <see cref="CreateAsync"/> add configuration such as limits. Owns a fresh
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

    public IHookRunner Runner => Services.GetRequiredService<IHookRunner>();

    /// <summary>The execution log; no background writer runs here, so call <see cref="IExecutionLog.FlushAsync"/> before reading.</summary>
    public IExecutionLog Log => Services.GetRequiredService<IExecutionLog>();

    public IExecutionLogQuery LogQuery => Services.GetRequiredService<IExecutionLogQuery>();

    /// <summary>Storage in a new temp folder (deleted on dispose), or on <paramref name="dataDirectory"/> (left in place).</summary>
    public static async Task<StorageFixture> CreateAsync(
        string? dataDirectory = null, TimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var owned = dataDirectory is null ? new TempDataDirectory() : null;
        var directory = dataDirectory ?? owned!.Path;
        var services = BuildServices(directory, time, settings);
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
    public static ServiceProvider BuildServices(
        string dataDirectory, TimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataDirectory"] = dataDirectory })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(dataDirectory));
        if (time is not null)
            services.AddSingleton(time);
        services.AddCatalog()
            .AddStorage(configuration)
            .AddExecution(configuration)
            .AddHookRunner()
            .AddExecutionLog(configuration);
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
