using Dapper;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HooksDashboard.Tests.Storage;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly TempDataDirectory _directory = new();
    private readonly ServiceProvider _services;
    private readonly SqliteDatabase _database;

    public SqliteDatabaseTests()
    {
        _services = StorageFixture.BuildServices(_directory.Path);
        _database = _services.GetRequiredService<SqliteDatabase>();
    }

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }

    // Every area adds migrations in its own version range; these tests hold for whatever the list is.
    private static readonly List<int> AllVersions = [.. Migrations.All.Select(m => m.Version).Order()];

    [Fact]
    public void Migrations_Versions_AreUniqueAndStartWithTheHooksSchema()
    {
        Assert.Equal(AllVersions.Distinct(), AllVersions);
        Assert.Equal([1, 2], AllVersions.Take(2));
    }

    [Fact]
    public async Task MigrateAsync_NewDatabase_CreatesSchema()
    {
        var applied = await _database.MigrateAsync();

        Assert.Equal(AllVersions, applied);
        Assert.Equal(Path.Combine(_directory.Path, "hooks.db"), _database.DatabasePath);
        Assert.True(File.Exists(_database.DatabasePath));
        var objects = await QueryAsync<string>("SELECT name FROM sqlite_master WHERE type IN ('table', 'index');");
        Assert.Contains("hooks", objects);
        Assert.Contains("hook_secrets", objects);
        Assert.Contains("test_runs", objects);
        Assert.Contains("schema_migrations", objects);
        Assert.Contains("ux_hooks_enabled_trigger", objects);
    }

    [Fact]
    public async Task MigrateAsync_RunTwice_AppliesEachMigrationOnce()
    {
        await _database.MigrateAsync();

        var second = await _database.MigrateAsync();

        Assert.Empty(second);
        Assert.Equal(AllVersions.Select(v => (long)v), await QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version;"));
    }

    [Fact]
    public async Task MigrateAsync_ManyAtOnce_AppliesEachMigrationOnce()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _database.MigrateAsync())));

        Assert.Equal(AllVersions, results.SelectMany(r => r).Order());
        Assert.Equal(AllVersions.Count, (await QueryAsync<long>("SELECT COUNT(*) FROM schema_migrations;")).Single());
    }

    [Fact]
    public async Task MigrateAsync_NewDatabase_TurnsOnWal()
    {
        await _database.MigrateAsync();

        Assert.Equal("wal", (await QueryAsync<string>("PRAGMA journal_mode;")).Single());
    }

    [Fact]
    public async Task OpenConnectionAsync_Always_EnablesForeignKeysAndBusyTimeout()
    {
        Assert.Equal(1L, (await QueryAsync<long>("PRAGMA foreign_keys;")).Single());
        Assert.True((await QueryAsync<long>("PRAGMA busy_timeout;")).Single() >= 1000);
    }

    [Fact]
    public async Task RelaxedDurability_Disposed_PutsTheConnectionBackToFullSync()
    {
        await _database.MigrateAsync();
        await using var connection = await _database.OpenConnectionAsync();
        const string Synchronous = "PRAGMA synchronous;";

        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>(Synchronous)); // FULL, SQLite's default
        await using (await RelaxedDurability.ApplyAsync(connection))
        {
            Assert.Equal(1L, await connection.ExecuteScalarAsync<long>(Synchronous)); // NORMAL
        }

        // Before the connection goes back to the pool, where hooks and users are written with it.
        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>(Synchronous));
    }

    [Fact]
    public async Task MigrationHostedService_StartingAsync_MigratesBeforeTheServerStarts()
    {
        var lifecycle = Assert.Single(_services.GetServices<IHostedService>().OfType<IHostedLifecycleService>());

        await lifecycle.StartingAsync(CancellationToken.None);

        Assert.Empty(await _database.MigrateAsync());
    }

    private async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = await _database.OpenConnectionAsync();
        return (await connection.QueryAsync<T>(sql)).AsList();
    }
}
