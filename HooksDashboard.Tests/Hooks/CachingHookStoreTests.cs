using Dapper;
using HooksDashboard.Hooks;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Hooks;

public sealed class CachingHookStoreTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private StorageFixture _storage = null!;

    private IHookStore Store => _storage.Hooks;

    public async Task InitializeAsync() => _storage = await StorageFixture.CreateAsync(time: _time);

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public void Registration_WrapsSqliteStoreInCache()
    {
        Assert.IsType<CachingHookStore>(Store);
    }

    [Fact]
    public async Task GetEnabledAsync_AfterUpdateThroughStore_SeesChangeAtOnce()
    {
        var hook = await _storage.CreateHookAsync(enabled: true);
        Assert.Equal(hook.Id, (await Store.GetEnabledAsync(TestTriggers.CredentialsExchange))!.Id);

        await Store.UpdateAsync(hook.Id, new HookUpdate(Enabled: false));

        Assert.Null(await Store.GetEnabledAsync(TestTriggers.CredentialsExchange));
    }

    [Fact]
    public async Task GetSecretValuesAsync_AfterSecretWrites_SeesEachChangeAtOnce()
    {
        var hook = await _storage.CreateHookAsync(enabled: true);
        Assert.Empty(await Store.GetSecretValuesAsync(hook.Id));

        await Store.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["KEY"] = "one" });
        Assert.Equal("one", (await Store.GetSecretValuesAsync(hook.Id))["KEY"]);

        await Store.UpdateSecretsAsync(hook.Id, new Dictionary<string, string> { ["KEY"] = "two" });
        Assert.Equal("two", (await Store.GetSecretValuesAsync(hook.Id))["KEY"]);

        await Store.DeleteSecretsAsync(hook.Id, ["KEY"]);
        Assert.Empty(await Store.GetSecretValuesAsync(hook.Id));
    }

    [Fact]
    public async Task GetEnabledAsync_ChangeMadeOutsideTheStore_SeenOnceEntryIsOlderThanMaxAge()
    {
        var hook = await _storage.CreateHookAsync(enabled: true);
        Assert.NotNull(await Store.GetEnabledAsync(TestTriggers.CredentialsExchange));
        await using (var connection = await _storage.Database.OpenConnectionAsync())
            await connection.ExecuteAsync("UPDATE hooks SET enabled = 0 WHERE id = @Id;", new { hook.Id });

        var cached = await Store.GetEnabledAsync(TestTriggers.CredentialsExchange);
        _time.Advance(CachingHookStore.MaxAge);
        var refreshed = await Store.GetEnabledAsync(TestTriggers.CredentialsExchange);

        Assert.NotNull(cached);
        Assert.Null(refreshed);
    }
}
