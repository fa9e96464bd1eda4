using HooksDashboard.Health;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Tests.Health;

/// <summary>The SQLite provider's readiness: what <c>/readyz</c>'s database check reports.</summary>
public sealed class SqliteDatabaseReadinessTests : IDisposable
{
    private readonly TempDataDirectory _data = new();

    private SqliteDatabase Database() => new(Options.Create(new StorageOptions { DataDirectory = _data.Path }));

    [Fact]
    public async Task CheckAsync_NoDatabaseFile_NotReachableAndCreatesNothing()
    {
        var database = Database();

        var found = await new SqliteDatabaseReadiness(database).CheckAsync();

        Assert.False(found.Reachable);
        Assert.Equal($"The database file {database.DatabasePath} does not exist.", found.Problem);
        Assert.False(File.Exists(database.DatabasePath));
    }

    [Fact]
    public async Task CheckAsync_OlderReleasesDatabase_ListsTheMigrationsItLacks()
    {
        var database = Database();
        await database.MigrateAsync(Migrations.All.Take(3).ToList());

        var found = await new SqliteDatabaseReadiness(database).CheckAsync();

        Assert.True(found.Reachable);
        Assert.False(found.IsReady);
        Assert.Equal(Migrations.All.Skip(3).Select(m => $"{m.Version} {m.Name}"), found.PendingMigrations);
    }

    [Fact]
    public async Task CheckAsync_EmptyFileNeverMigrated_EveryMigrationPending()
    {
        var database = Database();
        await File.WriteAllBytesAsync(database.DatabasePath, []);

        var found = await new SqliteDatabaseReadiness(database).CheckAsync();

        Assert.True(found.Reachable);
        Assert.Equal(Migrations.All.Count, found.PendingMigrations.Count);
    }

    [Fact]
    public async Task CheckAsync_CurrentSchema_Ready()
    {
        var database = Database();
        await database.MigrateAsync();

        var found = await new SqliteDatabaseReadiness(database).CheckAsync();

        Assert.True(found.IsReady);
        Assert.Null(found.Problem);
    }

    public void Dispose() => _data.Dispose();
}
