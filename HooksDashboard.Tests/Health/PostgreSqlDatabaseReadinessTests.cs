using HooksDashboard.Health;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Tests.Health;

/// <summary>The PostgreSQL provider's readiness: what <c>/readyz</c>'s database check reports on PostgreSQL.</summary>
public sealed class PostgreSqlDatabaseReadinessTests
{
    [Fact]
    public async Task CheckAsync_MigratedDatabase_Ready()
    {
        await using var storage = await StorageFixture.CreateAsync(provider: StorageProvider.PostgreSQL);

        var found = await new PostgreSqlDatabaseReadiness((PostgreSqlDatabase)storage.Engine).CheckAsync();

        Assert.True(found.IsReady, found.Problem);
    }

    [Fact]
    public async Task CheckAsync_EmptyDatabase_ReachableWithEveryMigrationPending()
    {
        await using var storage = await StorageFixture.CreateAsync(provider: StorageProvider.PostgreSQL, migrate: false);

        var found = await new PostgreSqlDatabaseReadiness((PostgreSqlDatabase)storage.Engine).CheckAsync();

        Assert.True(found.Reachable);
        Assert.Equal(Migrations.All.Select(m => $"{m.Version} {m.Name}"), found.PendingMigrations);
    }

    [Fact]
    public async Task CheckAsync_ServerUnreachable_NotReachableWithTheReason()
    {
        await using var database = new PostgreSqlDatabase(Options.Create(new StorageOptions
        {
            Provider = StorageProvider.PostgreSQL,
            // A Unix socket folder with no server in it.
            ConnectionString = $"Host={Path.Combine(Path.GetTempPath(), "no-postgres-here")};Database=hooks;Username=hooks;Timeout=2",
        }));

        var found = await new PostgreSqlDatabaseReadiness(database).CheckAsync();

        Assert.False(found.Reachable);
        Assert.False(string.IsNullOrEmpty(found.Problem));
    }

    [Fact]
    public void AddHealth_PostgreSqlProvider_ChecksThePostgreSqlDatabase()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(new StorageOptions { Provider = StorageProvider.PostgreSQL, ConnectionString = "Host=localhost;Database=hooks" }));
        services.AddSingleton<PostgreSqlDatabase>();
        services.AddSingleton<SqliteDatabase>();
        services.AddHealth();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<PostgreSqlDatabaseReadiness>(provider.GetRequiredService<IDatabaseReadiness>());
    }
}
