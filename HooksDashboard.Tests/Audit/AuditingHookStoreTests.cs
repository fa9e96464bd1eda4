using System.Security.Claims;
using HooksDashboard.Admins;
using HooksDashboard.Audit;
using HooksDashboard.Hooks;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace HooksDashboard.Tests.Audit;

/// <summary>The auditing store over the real store on each engine, with the actor read from a request's user.</summary>
public abstract class AuditingHookStoreTests(StorageProvider provider) : IAsyncLifetime
{
    private const string SecretValue = "s3cr3t-value-never-logged";
    private readonly HttpContextAccessor _http = new() { HttpContext = new DefaultHttpContext() };
    private StorageFixture _storage = null!;
    private SqliteHookAuditLog _audit = null!;
    private AuditingHookStore _store = null!;

    public async Task InitializeAsync()
    {
        _storage = await StorageFixture.CreateAsync(provider: provider);
        _audit = new SqliteHookAuditLog(_storage.Engine);
        _store = new AuditingHookStore(_storage.Hooks, _audit, new ActorAccessor(_http), TimeProvider.System, NullLogger<AuditingHookStore>.Instance);
        SignInAdmin("owner@example.com");
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private void SignInAdmin(string email) =>
        _http.HttpContext!.User = AdminAuthentication.CreatePrincipal(new AdminAccount("01ADMIN", email, DateTimeOffset.UtcNow));

    private void AuthenticateApplication(string clientId) =>
        _http.HttpContext!.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", clientId + "@clients"), new Claim("azp", clientId)], "Bearer"));

    private async Task<List<HookAuditEntry>> HistoryAsync(string hookId) => [.. await _audit.ListForHookAsync(hookId)];

    [Fact]
    public async Task CreateAsync_RecordsCreatedByAdmin()
    {
        var hook = await _store.CreateAsync(StorageFixture.NewHook(enabled: false));

        var entry = Assert.Single(await HistoryAsync(hook.Id));
        Assert.Equal(HookAuditActions.Created, entry.Action);
        Assert.Equal(ActorKind.Admin, entry.ActorKind);
        Assert.Equal("owner@example.com", entry.Actor);
        Assert.Equal(hook.Name, entry.HookName);
    }

    [Fact]
    public async Task UpdateAsync_RenameScriptAndDependencies_RecordsEach()
    {
        var hook = await _store.CreateAsync(StorageFixture.NewHook(enabled: false));

        await _store.UpdateAsync(hook.Id, new HookUpdate(Name: "Renamed hook", Script: StorageFixture.Script + "\n// v2", Dependencies: new Dictionary<string, string> { ["lodash"] = "4.17.21" }));

        var actions = (await HistoryAsync(hook.Id)).Select(e => e.Action).ToList();
        Assert.Equal(4, actions.Count);
        Assert.Contains(HookAuditActions.Renamed, actions);
        Assert.Contains(HookAuditActions.ScriptChanged, actions);
        Assert.Contains(HookAuditActions.DependenciesChanged, actions);
        var renamed = (await HistoryAsync(hook.Id)).Single(e => e.Action == HookAuditActions.Renamed);
        Assert.Equal($"Renamed from '{hook.Name}' to 'Renamed hook'.", renamed.Details);
    }

    [Fact]
    public async Task UpdateAsync_NothingChanged_RecordsNothing()
    {
        var hook = await _store.CreateAsync(StorageFixture.NewHook(enabled: false));

        await _store.UpdateAsync(hook.Id, new HookUpdate(Name: hook.Name));

        Assert.Single(await HistoryAsync(hook.Id));
    }

    [Fact]
    public async Task UpdateAsync_Enable_RecordsEnabledAndDisablesPrevious()
    {
        var first = await _store.CreateAsync(StorageFixture.NewHook(enabled: true));
        var second = await _store.CreateAsync(StorageFixture.NewHook(enabled: false));
        AuthenticateApplication("mgmt-client");

        await _store.UpdateAsync(second.Id, new HookUpdate(Enabled: true));

        var enabled = (await HistoryAsync(second.Id))[0];
        Assert.Equal(HookAuditActions.Enabled, enabled.Action);
        Assert.Equal(ActorKind.Application, enabled.ActorKind);
        Assert.Equal("mgmt-client", enabled.Actor);
        var disabled = (await HistoryAsync(first.Id))[0];
        Assert.Equal(HookAuditActions.Disabled, disabled.Action);
        Assert.Contains(second.Name, disabled.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAsync_Disable_RecordsDisabled()
    {
        var hook = await _store.CreateAsync(StorageFixture.NewHook(enabled: true));

        await _store.UpdateAsync(hook.Id, new HookUpdate(Enabled: false));

        Assert.Equal(HookAuditActions.Disabled, (await HistoryAsync(hook.Id))[0].Action);
    }

    [Fact]
    public async Task CreateAsync_Enabled_RecordsDisablingThePrevious()
    {
        var first = await _store.CreateAsync(StorageFixture.NewHook(enabled: true));

        var second = await _store.CreateAsync(StorageFixture.NewHook(enabled: true));

        Assert.Equal(HookAuditActions.Disabled, (await HistoryAsync(first.Id))[0].Action);
        Assert.Contains(second.Name, (await HistoryAsync(first.Id))[0].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_AddChangeRemove_RecordNamesNeverValues()
    {
        var hook = await _store.CreateAsync(StorageFixture.NewHook(enabled: false));

        await _store.AddSecretsAsync(hook.Id, new Dictionary<string, string> { ["API_KEY"] = SecretValue, ["OTHER"] = SecretValue });
        await _store.UpdateSecretsAsync(hook.Id, new Dictionary<string, string> { ["API_KEY"] = SecretValue + "2" });
        await _store.DeleteSecretsAsync(hook.Id, ["OTHER"]);

        var history = await HistoryAsync(hook.Id);
        Assert.Equal([HookAuditActions.SecretsRemoved, HookAuditActions.SecretsChanged, HookAuditActions.SecretsAdded, HookAuditActions.Created], history.Select(e => e.Action));
        Assert.Equal("Secrets added: API_KEY, OTHER.", history[2].Details);
        Assert.Equal("Secret values changed: API_KEY.", history[1].Details);
        Assert.Equal("Secrets removed: OTHER.", history[0].Details);
        Assert.All(history, e => Assert.DoesNotContain("s3cr3t", e.Details, StringComparison.Ordinal));
        await using (var connection = await _storage.Engine.OpenConnectionAsync())
        {
            var stored = string.Concat(await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT details || actor FROM hook_audit;"));
            Assert.DoesNotContain(SecretValue, stored, StringComparison.Ordinal);
        }
        if (provider != StorageProvider.Sqlite)
            return;
        var file = System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(_storage.Database.DatabasePath))
            + (File.Exists(_storage.Database.DatabasePath + "-wal") ? System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(_storage.Database.DatabasePath + "-wal")) : "");
        Assert.DoesNotContain(SecretValue, file, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAsync_RecordsDeletedAndKeepsHistory()
    {
        var hook = await _store.CreateAsync(StorageFixture.NewHook(enabled: false));

        await _store.DeleteAsync(hook.Id);

        var history = await HistoryAsync(hook.Id);
        Assert.Equal([HookAuditActions.Deleted, HookAuditActions.Created], history.Select(e => e.Action));
    }

    [Fact]
    public async Task RefusedChange_RecordsNothing()
    {
        var hook = await _store.CreateAsync(StorageFixture.NewHook(enabled: false));

        await Assert.ThrowsAsync<HookValidationException>(() => _store.UpdateAsync(hook.Id, new HookUpdate(Name: "-bad-")));
        await Assert.ThrowsAsync<HookNotFoundException>(() => _store.DeleteSecretsAsync(hook.Id, ["NOPE"]));

        Assert.Single(await HistoryAsync(hook.Id));
    }

    [Fact]
    public async Task NoUser_RecordsSystem()
    {
        _http.HttpContext = null;

        var hook = await _store.CreateAsync(StorageFixture.NewHook(enabled: false));

        Assert.Equal(ActorKind.System, (await HistoryAsync(hook.Id))[0].ActorKind);
    }
}

public sealed class SqliteAuditingHookStoreTests() : AuditingHookStoreTests(StorageProvider.Sqlite);

public sealed class PostgreSqlAuditingHookStoreTests() : AuditingHookStoreTests(StorageProvider.PostgreSQL);
