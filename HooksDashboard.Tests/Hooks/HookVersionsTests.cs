using HooksDashboard.Admins;
using HooksDashboard.Audit;
using HooksDashboard.Hooks;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace HooksDashboard.Tests.Hooks;

/// <summary>Restoring versions through the audited store, as the app composes it.</summary>
public sealed class HookVersionsTests : IAsyncLifetime
{
    private readonly HttpContextAccessor _http = new() { HttpContext = new DefaultHttpContext() };
    private StorageFixture _storage = null!;
    private SqliteHookAuditLog _audit = null!;
    private AuditingHookStore _store = null!;
    private HookVersions _versions = null!;

    public async Task InitializeAsync()
    {
        _storage = await StorageFixture.CreateAsync();
        _audit = new SqliteHookAuditLog(_storage.Database);
        _store = new AuditingHookStore(_storage.Hooks, _audit, new ActorAccessor(_http), TimeProvider.System, NullLogger<AuditingHookStore>.Instance);
        _versions = new HookVersions(_store, (IHookVersionStore)_storage.Services.GetService(typeof(IHookVersionStore))!);
        _http.HttpContext!.User = AdminAuthentication.CreatePrincipal(new AdminAccount("01ADMIN", "owner@example.com", DateTimeOffset.UtcNow));
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task RestoreAsync_OldVersion_MakesItCurrentAsNewAuditedVersion()
    {
        var hook = await _store.CreateAsync(StorageFixture.NewHook(enabled: true));
        await _store.UpdateAsync(hook.Id, new HookUpdate(Script: "module.exports = 2;", Dependencies: new Dictionary<string, string> { ["uuid"] = "9.0.1" }));

        var result = await _versions.RestoreAsync(hook.Id, 1);

        Assert.True(result.Changed);
        Assert.Equal(3, result.Hook.Version);
        Assert.Equal(StorageFixture.Script, result.Hook.Script);
        Assert.Empty(result.Hook.Dependencies);
        Assert.True(result.Hook.Enabled);
        var version = await _versions.GetAsync(hook.Id, 3);
        Assert.Equal(1, version.Info.RestoredFrom);
        Assert.Equal("Restored from version 1", version.Info.Message);
        Assert.Equal(new Actor(ActorKind.Admin, "owner@example.com"), version.Info.Author);
        var entry = (await _audit.ListForHookAsync(hook.Id))[0];
        Assert.Equal(HookAuditActions.VersionRestored, entry.Action);
        Assert.Equal("Restored version 1 as version 3 “Restored from version 1”.", entry.Details);
        Assert.Equal("owner@example.com", entry.Actor);
    }

    [Fact]
    public async Task RestoreAsync_SecretRemovedSince_ReportsItsName()
    {
        var hook = await _store.CreateAsync(StorageFixture.NewHook(enabled: false));
        await _store.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["API_KEY"] = "k" });
        await _store.UpdateAsync(hook.Id, new HookUpdate(Script: "module.exports = 2;"));
        await _store.DeleteSecretsAsync(hook.Id, ["API_KEY"]);
        await _store.UpdateAsync(hook.Id, new HookUpdate(Script: "module.exports = 3;"));

        var result = await _versions.RestoreAsync(hook.Id, 2, message: "back to two");

        Assert.Equal(["API_KEY"], result.MissingSecrets);
        Assert.Equal("back to two", (await _versions.GetAsync(hook.Id, 4)).Info.Message);
    }

    [Fact]
    public async Task RestoreAsync_CurrentCode_ChangesNothing()
    {
        var hook = await _store.CreateAsync(StorageFixture.NewHook(enabled: false));

        var result = await _versions.RestoreAsync(hook.Id, 1);

        Assert.False(result.Changed);
        Assert.Equal(1, result.Hook.Version);
        Assert.Equal(1, (await _versions.ListAsync(hook.Id)).Total);
    }

    [Fact]
    public async Task RestoreAsync_UnknownVersion_NotFound()
    {
        var hook = await _store.CreateAsync(StorageFixture.NewHook(enabled: false));

        var error = await Assert.ThrowsAsync<HookNotFoundException>(() => _versions.RestoreAsync(hook.Id, 9));

        Assert.Equal("Hook version 9 not found", error.Message);
    }

    [Fact]
    public async Task UpdateAsync_ThroughAuditedStore_VersionNamesTheActorAndTrailNamesTheVersion()
    {
        var hook = await _store.CreateAsync(StorageFixture.NewHook(enabled: false));

        await _store.UpdateAsync(hook.Id, new HookUpdate(Script: "module.exports = 2;", Message: "Two"));

        Assert.Equal(new Actor(ActorKind.Admin, "owner@example.com"), (await _versions.GetAsync(hook.Id, 1)).Info.Author);
        Assert.Equal("owner@example.com", (await _versions.GetAsync(hook.Id, 2)).Info.Author.Name);
        var entry = (await _audit.ListForHookAsync(hook.Id))[0];
        Assert.Equal("Script changed (1 → 1 lines), version 2 “Two”.", entry.Details);
    }
}
