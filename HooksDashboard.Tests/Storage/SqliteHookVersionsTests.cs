using System.Data.Common;
using Dapper;
using HooksDashboard.Audit;
using HooksDashboard.Hooks;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Storage;

/// <summary>Versions kept by the hook store on each engine: one per save of code, immutable, and the migration that starts them.</summary>
public abstract class HookVersionsTests(StorageProvider provider) : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
    private StorageFixture _storage = null!;

    private IHookStore Store => _storage.Hooks;

    private IHookVersionStore Versions => _storage.Services.GetRequiredService<IHookVersionStore>();

    public async Task InitializeAsync() => _storage = await StorageFixture.CreateAsync(time: _time, provider: provider);

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task CreateAsync_NewHook_StoresVersionOneWithAuthorAndMessage()
    {
        var dependencies = new Dictionary<string, string> { ["lodash"] = "4.17.21" };
        var hook = await Store.CreateAsync(new NewHook("Versioned", TestTriggers.CredentialsExchange, "a\nb\nc", false, dependencies,
            Message: "  first cut  ", Author: new Actor(ActorKind.Admin, "owner@example.com")));

        Assert.Equal(1, hook.Version);
        var version = await Versions.GetAsync(hook.Id, 1);
        Assert.NotNull(version);
        Assert.Equal("a\nb\nc", version.Script);
        Assert.Equal(dependencies, version.Info.Dependencies);
        Assert.Empty(version.Info.SecretNames);
        Assert.Equal("first cut", version.Info.Message);
        Assert.Equal(new Actor(ActorKind.Admin, "owner@example.com"), version.Info.Author);
        Assert.Equal(_time.GetUtcNow(), version.Info.CreatedAt);
        Assert.Equal(3, version.Info.ScriptLines);
        Assert.Null(version.Info.RestoredFrom);
    }

    [Fact]
    public async Task UpdateAsync_ScriptChanged_AddsNextVersionWithSecretNamesNeverValues()
    {
        var hook = await _storage.CreateHookAsync(enabled: false);
        await Store.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["B_KEY"] = "value-b", ["A_KEY"] = "value-a" });
        _time.Advance(TimeSpan.FromMinutes(1));

        var updated = await Store.UpdateAsync(hook.Id, new HookUpdate(Script: StorageFixture.Script + "\n// two", Message: "Add a comment"));

        Assert.Equal(2, updated.Version);
        Assert.Equal(2, (await Store.GetAsync(hook.Id))!.Version);
        var version = (await Versions.GetAsync(hook.Id, 2))!;
        Assert.Equal(StorageFixture.Script + "\n// two", version.Script);
        Assert.Equal(["A_KEY", "B_KEY"], version.Info.SecretNames);
        Assert.Equal("Add a comment", version.Info.Message);
        Assert.Equal(Actor.SystemActor, version.Info.Author);
        Assert.Equal(_time.GetUtcNow(), version.Info.CreatedAt);
        await using var connection = await _storage.Engine.OpenConnectionAsync();
        var stored = await connection.QuerySingleAsync<string>("SELECT secret_names || script || coalesce(message, '') FROM hook_versions WHERE number = 2;");
        Assert.DoesNotContain("value-", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAsync_DependenciesChanged_AddsVersion()
    {
        var hook = await _storage.CreateHookAsync(enabled: false);

        var updated = await Store.UpdateAsync(hook.Id, new HookUpdate(Dependencies: new Dictionary<string, string> { ["uuid"] = "9.0.1" }));

        Assert.Equal(2, updated.Version);
        Assert.Equal("9.0.1", (await Versions.GetAsync(hook.Id, 2))!.Info.Dependencies["uuid"]);
    }

    [Fact]
    public async Task UpdateAsync_RenameEnableOrSameCode_AddsNoVersion()
    {
        var hook = await _storage.CreateHookAsync(enabled: false);

        await Store.UpdateAsync(hook.Id, new HookUpdate(Name: "Renamed"));
        await Store.UpdateAsync(hook.Id, new HookUpdate(Enabled: true));
        var same = await Store.UpdateAsync(hook.Id, new HookUpdate(Script: hook.Script, Dependencies: new Dictionary<string, string>()));

        Assert.Equal(1, same.Version);
        Assert.Equal(1, (await Versions.ListAsync(hook.Id)).Total);
    }

    [Fact]
    public async Task UpdateAsync_ExpectedVersionStale_RefusesAndSavesNothing()
    {
        var hook = await _storage.CreateHookAsync(enabled: false);
        await Store.UpdateAsync(hook.Id, new HookUpdate(Script: "module.exports = 2;"));

        var error = await Assert.ThrowsAsync<HookConflictException>(() =>
            Store.UpdateAsync(hook.Id, new HookUpdate(Script: "module.exports = 3;", ExpectedVersion: 1)));

        Assert.Contains("version 2, not 1", error.Message, StringComparison.Ordinal);
        Assert.Equal("module.exports = 2;", (await Store.GetAsync(hook.Id))!.Script);
        Assert.Equal(2, (await Versions.ListAsync(hook.Id)).Total);
        Assert.Equal(3, (await Store.UpdateAsync(hook.Id, new HookUpdate(Script: "module.exports = 3;", ExpectedVersion: 2))).Version);
    }

    [Theory]
    [InlineData("two\nlines", "one line")]
    [InlineData(null, "at most 500")]
    public async Task UpdateAsync_BadMessage_RefusedOnMessage(string? message, string expected)
    {
        var hook = await _storage.CreateHookAsync(enabled: false);

        var error = await Assert.ThrowsAsync<HookValidationException>(() =>
            Store.UpdateAsync(hook.Id, new HookUpdate(Script: "module.exports = 2;", Message: message ?? new string('m', 501))));

        Assert.Equal("message", error.Field);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await Store.GetAsync(hook.Id))!.Version);
    }

    [Fact]
    public async Task ListAsync_ManyVersions_NewestFirstPagedWithTotal()
    {
        var hook = await _storage.CreateHookAsync(enabled: false);
        for (var i = 2; i <= 5; i++)
            await Store.UpdateAsync(hook.Id, new HookUpdate(Script: $"module.exports = {i};"));

        var first = await Versions.ListAsync(hook.Id, page: 0, perPage: 2);
        var last = await Versions.ListAsync(hook.Id, page: 2, perPage: 2);

        Assert.Equal([5, 4], first.Versions.Select(v => v.Number));
        Assert.Equal([1], last.Versions.Select(v => v.Number));
        Assert.Equal(5, first.Total);
    }

    [Fact]
    public async Task ListAndGet_UnknownHookOrVersion_NotFoundOrNull()
    {
        var hook = await _storage.CreateHookAsync(enabled: false);

        await Assert.ThrowsAsync<HookNotFoundException>(() => Versions.ListAsync("01NOSUCHHOOK0000000000000"));
        await Assert.ThrowsAsync<HookNotFoundException>(() => Versions.GetAsync("01NOSUCHHOOK0000000000000", 1));
        Assert.Null(await Versions.GetAsync(hook.Id, 2));
    }

    [Fact]
    public async Task StoredVersion_UpdatedDirectly_RefusedByTheDatabase()
    {
        var hook = await _storage.CreateHookAsync(enabled: false);

        await using var connection = await _storage.Engine.OpenConnectionAsync();
        var error = await Assert.ThrowsAnyAsync<DbException>(() =>
            connection.ExecuteAsync("UPDATE hook_versions SET script = 'tampered' WHERE hook_id = @Id;", new { hook.Id }));

        Assert.Contains("immutable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAsync_Hook_RemovesItsVersions()
    {
        var hook = await _storage.CreateHookAsync(enabled: false);
        await Store.UpdateAsync(hook.Id, new HookUpdate(Script: "module.exports = 2;"));

        await Store.DeleteAsync(hook.Id);

        await using var connection = await _storage.Engine.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM hook_versions WHERE hook_id = @Id;", new { hook.Id }));
    }

    [Fact]
    public async Task Migrate_ExistingHooks_GetTheirCurrentScriptAsVersionOne()
    {
        await using var old = await StorageFixture.CreateAsync(provider: provider, migrate: false);
        var services = old.Services;
        var database = old.Engine;
        await old.MigrateAsync([.. Migrations.All.Where(m => m.Version < 4)]);
        await using (var connection = await database.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("""
                INSERT INTO hooks (id, name, trigger_id, script, dependencies, enabled, created_at, updated_at)
                VALUES ('01OLDHOOK0000000000000000A', 'Old', 'credentials-exchange', @Script, '{"lodash":"4.17.21"}', @Enabled,
                        '2026-01-01T00:00:00.0000000Z', '2026-02-01T00:00:00.0000000Z');
                INSERT INTO hook_secrets (hook_id, name, value, created_at, updated_at) VALUES
                    ('01OLDHOOK0000000000000000A', 'ZED', 'ciphertext', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z'),
                    ('01OLDHOOK0000000000000000A', 'ALPHA', 'ciphertext', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
                """, new { Script = "line 1\nline 2", Enabled = true });
        }

        await database.MigrateAsync();

        var store = services.GetRequiredService<IHookStore>();
        var versions = services.GetRequiredService<IHookVersionStore>();
        Assert.Equal(1, (await store.GetAsync("01OLDHOOK0000000000000000A"))!.Version);
        var version = (await versions.GetAsync("01OLDHOOK0000000000000000A", 1))!;
        Assert.Equal("line 1\nline 2", version.Script);
        Assert.Equal("4.17.21", version.Info.Dependencies["lodash"]);
        Assert.Equal(["ALPHA", "ZED"], version.Info.SecretNames);
        Assert.Equal(2, version.Info.ScriptLines);
        Assert.Equal(Actor.SystemActor, version.Info.Author);
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), version.Info.CreatedAt);
        var next = await store.UpdateAsync("01OLDHOOK0000000000000000A", new HookUpdate(Script: "line 1"));
        Assert.Equal(2, next.Version);
    }
}

public sealed class SqliteHookVersionsTests() : HookVersionsTests(StorageProvider.Sqlite);

public sealed class PostgreSqlHookVersionsTests() : HookVersionsTests(StorageProvider.PostgreSQL);
