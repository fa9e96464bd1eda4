using System.Net;
using System.Net.Sockets;
using Dapper;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Tests.Storage;

/// <summary>The engine choice, the PostgreSQL connection and its migration runner, on a real throwaway cluster.</summary>
public sealed class PostgreSqlDatabaseTests : IDisposable
{
    private readonly TempDataDirectory _contentRoot = new();

    public void Dispose() => _contentRoot.Dispose();

    [Fact]
    public async Task MigrateAsync_EmptyDatabase_AppliesEveryMigrationOnceAndIsIdempotent()
    {
        var server = await PostgreSqlServer.GetAsync();
        var name = await server.CreateDatabaseAsync(migrated: false);
        try
        {
            await using var database = Open(server.ConnectionString(name));

            var first = await database.MigrateAsync();
            var second = await database.MigrateAsync();

            Assert.Equal(Migrations.All.Select(m => m.Version), first);
            Assert.Empty(second);
            await using var connection = await database.OpenConnectionAsync();
            Assert.Equal(Migrations.All.Count, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_migrations;"));
        }
        finally
        {
            await server.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task MigrateAsync_FourInstancesStartingTogether_MigrateOnce()
    {
        var server = await PostgreSqlServer.GetAsync();
        var name = await server.CreateDatabaseAsync(migrated: false);
        try
        {
            var instances = Enumerable.Range(0, 4).Select(_ => Open(server.ConnectionString(name))).ToList();

            var applied = await Task.WhenAll(instances.Select(i => Task.Run(() => i.MigrateAsync())));

            // Without the advisory lock, CREATE TABLE of a second runner fails ("relation already exists") or migrations run twice.
            Assert.Single(applied, a => a.Count == Migrations.All.Count);
            Assert.Equal(3, applied.Count(a => a.Count == 0));
            foreach (var instance in instances)
                await instance.DisposeAsync();
        }
        finally
        {
            await server.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task MigrateAsync_MigrationWithoutPostgreSqlText_RefusedNamingIt()
    {
        var server = await PostgreSqlServer.GetAsync();
        await using var database = Open(server.ConnectionString("postgres"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            database.MigrateAsync([new Migration(6, "saved_test_cases", "CREATE TABLE x (id TEXT);")]));

        Assert.Contains("6 (saved_test_cases)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateAsync_NothingListening_ClearErrorNamingTheServer()
    {
        // A loopback port that was free a moment ago: nothing accepts connections there.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var database = Open($"Host=127.0.0.1;Port={port};Database=hooks;Username=hooks;Password=secret-pw;Timeout=3");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => database.MigrateAsync());

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:HooksDashboard", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ConnectionStringMissing_ClearError()
    {
        using var services = Build(new() { ["Storage:Provider"] = "PostgreSQL" });

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IDatabase>());

        Assert.Contains("ConnectionStrings:HooksDashboard is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ConnectionStringMalformed_ClearErrorWithoutTheValue()
    {
        using var services = Build(new()
        {
            ["Storage:Provider"] = "postgresql",
            ["ConnectionStrings:HooksDashboard"] = "Host=db;Pasword=secret-pw",
        });

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IDatabase>());

        Assert.Contains("not a valid PostgreSQL connection string", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddStorage_UnknownProvider_ClearErrorNamingTheChoices()
    {
        using var services = Build(new() { ["Storage:Provider"] = "MySql" });

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IDatabase>());

        Assert.Equal("Configuration key Storage:Provider is 'MySql', which is not a storage engine: use Sqlite (the default) or PostgreSQL.", error.Message);
    }

    [Theory]
    [InlineData(null, StorageProvider.Sqlite)]
    [InlineData("Sqlite", StorageProvider.Sqlite)]
    [InlineData("PostgreSQL", StorageProvider.PostgreSQL)]
    public void AddStorage_Provider_PicksTheEngine(string? configured, StorageProvider expected)
    {
        using var services = Build(new()
        {
            ["Storage:Provider"] = configured,
            ["ConnectionStrings:HooksDashboard"] = "Host=127.0.0.1;Database=hooks;Username=hooks",
        });

        Assert.Equal(expected, services.GetRequiredService<IDatabase>().Provider);
    }

    [Fact]
    public void LockKey_SameScope_SameKeyInEveryProcess()
    {
        // A fixed value (FNV-1a of "HooksDashboard:hooks"), not string.GetHashCode, which differs per process:
        // every instance must lock the same key.
        Assert.Equal(4939055859803791699L, PostgreSqlDatabase.LockKey("hooks"));
        Assert.NotEqual(PostgreSqlDatabase.LockKey("hooks"), PostgreSqlDatabase.LockKey("users"));
    }

    private static PostgreSqlDatabase Open(string connectionString) =>
        new(Options.Create(new StorageOptions { Provider = StorageProvider.PostgreSQL, ConnectionString = connectionString }));

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(_contentRoot.Path));
        services.AddStorage(configuration);
        return services.BuildServiceProvider();
    }
}
