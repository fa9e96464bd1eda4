using System.Net;
using HooksDashboard.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HooksDashboard.Cli;

/// <summary>The storage set-ups a benchmark compares (<c>--storage</c>).</summary>
internal enum BenchStorage
{
    /// <summary>One server on SQLite in a temp data folder.</summary>
    Sqlite,

    /// <summary>One server on a scratch PostgreSQL database.</summary>
    PostgreSql,

    /// <summary>Two servers on one scratch PostgreSQL database (a client alternates between them).</summary>
    PostgreSqlTwoInstances,
}

/// <summary>
/// The <c>--storage</c> and <c>--postgres</c> options of the benchmarks: which set-ups to run side by side, and the
/// PostgreSQL server to run the PostgreSQL ones on.
/// </summary>
internal sealed record BenchStorageChoice(IReadOnlyList<BenchStorage> Storages, string? PostgresConnectionString)
{
    public const string Usage = """
            --storage S        comma-separated set-ups measured side by side in alternating rounds: sqlite (one server,
                               a temp data folder), postgres (one server on PostgreSQL), postgres-2 (two servers on one
                               PostgreSQL database; the benchmark's client alternates between them). Default sqlite.
            --postgres CS      an Npgsql connection string to a PostgreSQL server (13 or later) whose user may create
                               databases, e.g. "Host=127.0.0.1;Username=postgres;Password=..."; needed by postgres and
                               postgres-2. Each set-up gets its own scratch database (hooksdashboard_bench_*), dropped at
                               the end. Default: the HOOKS_BENCH_POSTGRES environment variable.
        """;

    public static readonly string[] Options = ["--storage", "--postgres"];

    public static BenchStorageChoice Parse(CliArguments args)
    {
        var storages = new List<BenchStorage>();
        var text = args.Optional("--storage") ?? "sqlite";
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var storage = part switch
            {
                "sqlite" => BenchStorage.Sqlite,
                "postgres" => BenchStorage.PostgreSql,
                "postgres-2" => BenchStorage.PostgreSqlTwoInstances,
                _ => throw new CliUsageException($"--storage takes sqlite, postgres and/or postgres-2 (comma-separated), not '{part}'."),
            };
            if (storages.Contains(storage))
                throw new CliUsageException($"--storage names '{part}' twice.");
            storages.Add(storage);
        }

        var connectionString = args.Optional("--postgres") ?? Environment.GetEnvironmentVariable("HOOKS_BENCH_POSTGRES");
        if (storages.Any(s => s != BenchStorage.Sqlite))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new CliUsageException("--storage postgres and postgres-2 need --postgres with a connection string to a PostgreSQL server (or HOOKS_BENCH_POSTGRES).");
            try
            {
                _ = new NpgsqlConnectionStringBuilder(connectionString);
            }
            catch (ArgumentException e)
            {
                throw new CliUsageException($"--postgres is not a valid connection string: {e.Message}");
            }
        }
        return new BenchStorageChoice(storages, connectionString);
    }

    public static string Name(BenchStorage storage) => storage switch
    {
        BenchStorage.Sqlite => "sqlite",
        BenchStorage.PostgreSql => "postgres",
        _ => "postgres-2",
    };
}

/// <summary>
/// One storage set-up of a benchmark: one or two real servers (Kestrel on 127.0.0.1, each with its own temp data
/// folder) on SQLite or on a scratch PostgreSQL database that is dropped with it.
/// </summary>
internal sealed class BenchDeployment : IAsyncDisposable
{
    private readonly List<WebApplication> _instances = [];
    private readonly List<string> _dataDirectories = [];
    private string? _adminConnectionString;
    private string? _database;

    private BenchDeployment(BenchStorage storage) => Storage = storage;

    public BenchStorage Storage { get; }

    public string Name => BenchStorageChoice.Name(Storage);

    public IReadOnlyList<WebApplication> Instances => _instances;

    /// <summary>Each instance's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public IReadOnlyList<string> Addresses => [.. _instances.Select(app => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First())];

    /// <summary>The first instance's services (where a benchmark sets up its data).</summary>
    public IServiceProvider Services => _instances[0].Services;

    /// <summary>
    /// Starts the set-up's servers one after another (the first applies the migrations and creates the shared keys);
    /// <paramref name="configure"/> adds the benchmark's own settings, <paramref name="map"/> the benchmark's own endpoints
    /// (never part of the product's server: only a benchmark's servers map them).
    /// </summary>
    public static async Task<BenchDeployment> StartAsync(
        BenchStorage storage, string? postgresConnectionString, Action<ConfigurationManager> configure, CancellationToken cancellationToken,
        Action<WebApplication>? map = null)
    {
        var deployment = new BenchDeployment(storage);
        try
        {
            var settings = new Dictionary<string, string?>
            {
                // Known first admin and bootstrap credentials (the same on every instance): the first start prints
                // none, as a benchmark's output is its figures.
                ["Bootstrap:ClientId"] = "bench-bootstrap",
                ["Bootstrap:ClientSecret"] = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
                ["Admin:Email"] = "bench@example.com",
                ["Admin:Password"] = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            };
            if (storage != BenchStorage.Sqlite)
            {
                deployment._adminConnectionString = postgresConnectionString;
                deployment._database = await CreateScratchDatabaseAsync(postgresConnectionString!, cancellationToken).ConfigureAwait(false);
                settings[StorageOptions.ProviderKey] = nameof(StorageProvider.PostgreSQL);
                settings["ConnectionStrings:" + StorageOptions.ConnectionStringName] =
                    new NpgsqlConnectionStringBuilder(postgresConnectionString) { Database = deployment._database }.ToString();
            }
            var count = storage == BenchStorage.PostgreSqlTwoInstances ? 2 : 1;
            for (var i = 0; i < count; i++)
            {
                var dataDirectory = Directory.CreateTempSubdirectory("hooksdashboard-bench-").FullName;
                deployment._dataDirectories.Add(dataDirectory);
                var app = BuildServer(dataDirectory, settings, configure, map);
                deployment._instances.Add(app);
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var app in _instances)
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _instances)
            await app.DisposeAsync().ConfigureAwait(false);
        _instances.Clear();
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        foreach (var directory in _dataDirectories)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open; the temp folder is the system's to clean.
            }
        }
        if (_database is not null)
        {
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync().ConfigureAwait(false);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE);", connection);
            await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    private static WebApplication BuildServer(string dataDirectory, Dictionary<string, string?> settings, Action<ConfigurationManager> configure, Action<WebApplication>? map)
    {
        // The application is HooksDashboard whoever hosts the process (its static assets manifest is named after it).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(BenchDeployment).Assembly.GetName().Name,
        });
        builder.Configuration["DataDirectory"] = dataDirectory;
        foreach (var (key, value) in settings)
            builder.Configuration[key] = value;
        configure(builder.Configuration);
        // Request logging would measure the console, not the server.
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        // The benchmark stops its servers: Ctrl+C and SIGTERM are the command's (CliInterrupt).
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.AddHooksDashboard(builder.Configuration);
        var app = builder.Build();
        app.UseHooksDashboard();
        map?.Invoke(app);
        return app;
    }

    private static async Task<string> CreateScratchDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        // A name of lower-case letters, digits and underscores: no quoting needed, never user input.
        var name = "hooksdashboard_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw new CliUsageException($"--postgres: cannot create a scratch database on {connection.Host}: {e.Message}");
        }
        return name;
    }
}
