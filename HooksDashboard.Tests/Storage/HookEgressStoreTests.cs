using Dapper;
using HooksDashboard.Execution.Http;
using HooksDashboard.Hooks;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Storage;

/// <summary>Hooks' own egress policies on either engine: stored normalized, served from memory, gone with their hook.</summary>
public abstract class HookEgressStoreTests(StorageProvider provider) : IAsyncLifetime
{
    private StorageFixture _storage = null!;

    private SqliteHookEgressStore Store => _storage.Services.GetRequiredService<SqliteHookEgressStore>();

    public async Task InitializeAsync() => _storage = await StorageFixture.CreateAsync(provider: provider);

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private static HookEgressPolicy Policy(params string[] allow) => new(allow, ["10.0.0.0/8"], [443], ["https"]);

    [Fact]
    public async Task SetAsync_ThenGet_ReadsBackTheNormalizedPolicy()
    {
        var hook = await _storage.CreateHookAsync();

        var stored = await Store.SetAsync(hook.Id, Policy("API.Example.com", "*.twilio.com"));

        Assert.Equal(stored.ToJson(), (await Store.GetAsync(hook.Id)).ToJson());
        Assert.Contains("api.example.com", stored.Allow);
        Assert.Equal(stored.ToJson(), (await Store.GetRulesAsync(hook.Id))!.Key);
    }

    [Fact]
    public async Task SetAsync_Unrestricted_RemovesTheRow()
    {
        var hook = await _storage.CreateHookAsync();
        await Store.SetAsync(hook.Id, Policy("api.example.com"));

        await Store.SetAsync(hook.Id, HookEgressPolicy.Unrestricted);

        Assert.True((await Store.GetAsync(hook.Id)).IsUnrestricted);
        Assert.Null(await Store.GetRulesAsync(hook.Id));
        await using var connection = await _storage.Engine.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM hook_egress;"));
    }

    [Fact]
    public async Task Operations_UnknownHook_NotFound()
    {
        await Assert.ThrowsAsync<HookNotFoundException>(() => Store.GetAsync(Ulid.NewId()));
        await Assert.ThrowsAsync<HookNotFoundException>(() => Store.SetAsync(Ulid.NewId(), Policy("api.example.com")));
    }

    [Fact]
    public async Task SetAsync_BadEntry_ValidationErrorNamingTheField()
    {
        var hook = await _storage.CreateHookAsync();

        var error = await Assert.ThrowsAsync<HookValidationException>(() => Store.SetAsync(hook.Id, new HookEgressPolicy([], [], [70000], [])));

        Assert.Equal("ports", error.Field);
    }

    [Fact]
    public async Task DeleteHook_CascadesItsPolicy()
    {
        var hook = await _storage.CreateHookAsync(enabled: false);
        await Store.SetAsync(hook.Id, Policy("api.example.com"));

        await _storage.Hooks.DeleteAsync(hook.Id);

        await using var connection = await _storage.Engine.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM hook_egress;"));
    }

    [Fact]
    public async Task GetRulesAsync_ServedFromMemoryUntilInvalidated()
    {
        var hook = await _storage.CreateHookAsync();
        await Store.SetAsync(hook.Id, Policy("api.example.com"));
        Assert.NotNull(await Store.GetRulesAsync(hook.Id));

        // Written behind the store's back (as another instance would).
        await using (var connection = await _storage.Engine.OpenConnectionAsync())
            await connection.ExecuteAsync("DELETE FROM hook_egress;");

        Assert.NotNull(await Store.GetRulesAsync(hook.Id));
        Store.Invalidate();
        Assert.Null(await Store.GetRulesAsync(hook.Id));
    }
}

public sealed class SqliteHookEgressStoreTests() : HookEgressStoreTests(StorageProvider.Sqlite);

public sealed class PostgreSqlHookEgressStoreTests() : HookEgressStoreTests(StorageProvider.PostgreSQL);
