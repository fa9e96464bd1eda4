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
/// Ready core services on a real SQLite file or a real PostgreSQL database (<see cref="PostgreSqlServer"/>, a fresh
/// database per fixture), registered as the app does (catalog, storage, executor, runner), schema migrated; the
/// settings given to <see cref="CreateAsync"/> add configuration such as limits. Owns a fresh
/// <see cref="TempDataDirectory"/> unless given an existing folder, e.g. to open a second instance on the same data
/// (on PostgreSQL pass <see cref="EngineSettings"/> too, so the second instance uses the same database).
/// </summary>
public sealed class StorageFixture : IAsyncDisposable
{
    public const string Script = "module.exports = function (client, scope, audience, context, cb) { cb(null, {}); };";

    private static int _nameCounter;
    private readonly TempDataDirectory? _ownedDirectory;

    private readonly string? _ownedDatabase;

    private StorageFixture(
        ServiceProvider services, string dataDirectory, TempDataDirectory? ownedDirectory, IReadOnlyDictionary<string, string?> engineSettings, string? ownedDatabase)
    {
        Services = services;
        DataDirectory = dataDirectory;
        _ownedDirectory = ownedDirectory;
        EngineSettings = engineSettings;
        _ownedDatabase = ownedDatabase;
    }

    /// <summary>The configuration that selects this fixture's engine and database (empty for SQLite).</summary>
    public IReadOnlyDictionary<string, string?> EngineSettings { get; }

    /// <summary>The engine the stores use.</summary>
    public StorageProvider Provider => Engine.Provider;

    /// <summary>The database the stores use, whatever the engine.</summary>
    public IDatabase Engine => Services.GetRequiredService<IDatabase>();

    public ServiceProvider Services { get; }

    public string DataDirectory { get; }

    public SqliteDatabase Database => Services.GetRequiredService<SqliteDatabase>();

    public IHookStore Hooks => Services.GetRequiredService<IHookStore>();

    public ITestRunStore TestRuns => Services.GetRequiredService<ITestRunStore>();

    public IHookRunner Runner => Services.GetRequiredService<IHookRunner>();

    /// <summary>The execution log; no background writer runs here, so call <see cref="IExecutionLog.FlushAsync"/> before reading.</summary>
    public IExecutionLog Log => Services.GetRequiredService<IExecutionLog>();

    public IExecutionLogQuery LogQuery => Services.GetRequiredService<IExecutionLogQuery>();

    /// <summary>
    /// Storage in a new temp folder (deleted on dispose), or on <paramref name="dataDirectory"/> (left in place).
    /// With <paramref name="provider"/> PostgreSQL and no <c>Storage:Provider</c> in <paramref name="settings"/>, a
    /// new database on the test run's cluster, dropped on dispose.
    /// </summary>
    public static async Task<StorageFixture> CreateAsync(
        string? dataDirectory = null, TimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null,
        StorageProvider provider = StorageProvider.Sqlite, bool migrate = true)
    {
        var owned = dataDirectory is null ? new TempDataDirectory() : null;
        var directory = dataDirectory ?? owned!.Path;
        string? database = null;
        PostgreSqlServer? server = null;
        var engine = new Dictionary<string, string?>();
        if (settings?.ContainsKey(StorageOptions.ProviderKey) == true)
        {
            engine[StorageOptions.ProviderKey] = settings[StorageOptions.ProviderKey];
            engine["ConnectionStrings:" + StorageOptions.ConnectionStringName] = settings.GetValueOrDefault("ConnectionStrings:" + StorageOptions.ConnectionStringName);
        }
        else if (provider == StorageProvider.PostgreSQL)
        {
            server = await PostgreSqlServer.GetAsync();
            database = await server.CreateDatabaseAsync(migrated: migrate);
            engine[StorageOptions.ProviderKey] = nameof(StorageProvider.PostgreSQL);
            engine["ConnectionStrings:" + StorageOptions.ConnectionStringName] = server.ConnectionString(database);
        }

        var all = new Dictionary<string, string?>(engine);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        var services = BuildServices(directory, time, all);
        try
        {
            if (migrate)
                await services.GetRequiredService<IDatabase>().MigrateAsync();
        }
        catch
        {
            await services.DisposeAsync();
            owned?.Dispose();
            if (database is not null)
                await server!.DropDatabaseAsync(database);
            throw;
        }
        return new StorageFixture(services, directory, owned, engine, database);
    }

    /// <summary>Applies only <paramref name="migrations"/> (a database as an older release left it).</summary>
    internal Task<IReadOnlyList<int>> MigrateAsync(IReadOnlyList<Migration> migrations) => Engine switch
    {
        SqliteDatabase sqlite => sqlite.MigrateAsync(migrations),
        PostgreSqlDatabase postgreSql => postgreSql.MigrateAsync(migrations),
        var other => throw new NotSupportedException(other.GetType().Name),
    };

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
        if (_ownedDatabase is not null)
            await (await PostgreSqlServer.GetAsync()).DropDatabaseAsync(_ownedDatabase);
    }
}
