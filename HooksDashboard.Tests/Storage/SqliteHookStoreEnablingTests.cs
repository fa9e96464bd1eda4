using System.Data.Common;
using Dapper;
using HooksDashboard.Hooks;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Storage;

/// <summary>At most one enabled hook per extensibility point, kept by the store and guaranteed by the database.</summary>
public abstract class HookStoreEnablingTests(StorageProvider provider) : IAsyncLifetime
{
    private StorageFixture _storage = null!;

    private IHookStore Store => _storage.Hooks;

    public async Task InitializeAsync() => _storage = await StorageFixture.CreateAsync(provider: provider);

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task CreateAsync_EnabledUnset_FirstHookOfPointEnabledLaterOnesDisabled()
    {
        var first = await _storage.CreateHookAsync(TestTriggers.CredentialsExchange);
        var second = await _storage.CreateHookAsync(TestTriggers.CredentialsExchange);
        var otherPoint = await _storage.CreateHookAsync(TestTriggers.SendPhoneMessage);

        Assert.True(first.Enabled);
        Assert.False(second.Enabled);
        Assert.True(otherPoint.Enabled);
        Assert.Equal(first.Id, (await Store.GetEnabledAsync(TestTriggers.CredentialsExchange))?.Id);
    }

    [Fact]
    public async Task CreateAsync_EnabledFalse_FirstHookStaysDisabled()
    {
        var hook = await _storage.CreateHookAsync(enabled: false);

        Assert.False(hook.Enabled);
        Assert.Null(await Store.GetEnabledAsync(TestTriggers.CredentialsExchange));
    }

    [Fact]
    public async Task CreateAsync_EnabledTrue_DisablesThePreviouslyEnabledHook()
    {
        var old = await _storage.CreateHookAsync();

        var current = await _storage.CreateHookAsync(enabled: true);

        Assert.True(current.Enabled);
        Assert.False((await Store.GetAsync(old.Id))?.Enabled);
        Assert.Equal(current.Id, (await Store.GetEnabledAsync(TestTriggers.CredentialsExchange))?.Id);
    }

    [Fact]
    public async Task UpdateAsync_EnableAnother_DisablesThePreviouslyEnabledHookOfThatPointOnly()
    {
        var old = await _storage.CreateHookAsync(TestTriggers.CredentialsExchange);
        var next = await _storage.CreateHookAsync(TestTriggers.CredentialsExchange);
        var otherPoint = await _storage.CreateHookAsync(TestTriggers.PreUserRegistration);

        var updated = await Store.UpdateAsync(next.Id, new HookUpdate(Enabled: true));

        Assert.True(updated.Enabled);
        Assert.False((await Store.GetAsync(old.Id))?.Enabled);
        Assert.True((await Store.GetAsync(otherPoint.Id))?.Enabled);
        Assert.Equal(1, await Store.CountAsync(new HookQuery(TestTriggers.CredentialsExchange, Enabled: true)));
    }

    [Fact]
    public async Task UpdateAsync_DisableTheEnabledHook_LeavesPointWithoutEnabledHook()
    {
        var hook = await _storage.CreateHookAsync();

        await Store.UpdateAsync(hook.Id, new HookUpdate(Enabled: false));

        Assert.Null(await Store.GetEnabledAsync(TestTriggers.CredentialsExchange));
    }

    [Fact]
    public async Task PartialUniqueIndex_TwoEnabledRowsOfOnePointByRawSql_Rejected()
    {
        const string insert = """
            INSERT INTO hooks (id, name, trigger_id, script, enabled, created_at, updated_at)
            VALUES (@Id, @Name, 'credentials-exchange', 'x', @Enabled, '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
            """;
        await using var connection = await _storage.Engine.OpenConnectionAsync();
        await connection.ExecuteAsync(insert, new { Id = "a", Name = "A", Enabled = true });
        await connection.ExecuteAsync(insert, new { Id = "b", Name = "B", Enabled = false });

        var error = await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(insert, new { Id = "c", Name = "C", Enabled = true }));

        Assert.True(DatabaseErrors.IsUniqueViolation(error, "hooks.trigger_id", "ux_hooks_enabled_trigger"), error.Message);
    }

    [Fact]
    public async Task UpdateAsync_ConcurrentEnablesOfOnePoint_EndWithExactlyOneEnabled()
    {
        var hooks = new List<Hook>();
        for (var i = 0; i < 12; i++)
            hooks.Add(await _storage.CreateHookAsync(TestTriggers.PostChangePassword, enabled: false));

        // Several rounds of every hook enabling itself at once, from pool threads, each with its own connection.
        var updates = Enumerable.Range(0, 3)
            .SelectMany(_ => hooks)
            .Select(h => Task.Run(() => Store.UpdateAsync(h.Id, new HookUpdate(Enabled: true))));
        await Task.WhenAll(updates);

        var enabled = await Store.ListAsync(new HookQuery(TestTriggers.PostChangePassword, Enabled: true));
        Assert.Single(enabled);
        Assert.Equal(enabled[0].Id, (await Store.GetEnabledAsync(TestTriggers.PostChangePassword))?.Id);
    }

    [Fact]
    public async Task CreateAsync_ConcurrentEnabledCreatesOfOnePoint_EndWithExactlyOneEnabled()
    {
        var creates = Enumerable.Range(0, 16)
            .Select(_ => Task.Run(() => _storage.CreateHookAsync(TestTriggers.SendPhoneMessage, enabled: true)));
        await Task.WhenAll(creates);

        Assert.Equal(16, await Store.CountAsync(new HookQuery(TestTriggers.SendPhoneMessage)));
        Assert.Equal(1, await Store.CountAsync(new HookQuery(TestTriggers.SendPhoneMessage, Enabled: true)));
    }

    [Fact]
    public async Task UpdateAsync_ConcurrentEnablesFromTwoInstances_EndWithExactlyOneEnabled()
    {
        // A second instance: its own services, connection pool and caches, on the same database.
        await using var other = await StorageFixture.CreateAsync(_storage.DataDirectory, settings: _storage.EngineSettings);
        var hooks = new List<Hook>();
        for (var i = 0; i < 8; i++)
            hooks.Add(await _storage.CreateHookAsync(TestTriggers.PreUserRegistration, enabled: false));

        var updates = Enumerable.Range(0, 3)
            .SelectMany(_ => hooks.Select((h, i) => (Hook: h, Instance: i % 2 == 0 ? _storage : other)))
            .Select(u => Task.Run(() => u.Instance.Hooks.UpdateAsync(u.Hook.Id, new HookUpdate(Enabled: true))));
        await Task.WhenAll(updates);

        Assert.Equal(1, await Store.CountAsync(new HookQuery(TestTriggers.PreUserRegistration, Enabled: true)));
        await using var connection = await _storage.Engine.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM hooks WHERE trigger_id = @TriggerId AND enabled = @Enabled;", new { TriggerId = TestTriggers.PreUserRegistration, Enabled = true }));
    }
}

public sealed class SqliteHookStoreEnablingTests() : HookStoreEnablingTests(StorageProvider.Sqlite);

public sealed class PostgreSqlHookStoreEnablingTests() : HookStoreEnablingTests(StorageProvider.PostgreSQL);
