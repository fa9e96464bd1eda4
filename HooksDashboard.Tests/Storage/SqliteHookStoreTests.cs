using Dapper;
using HooksDashboard.Hooks;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Storage;

/// <summary>The hook store on each engine: <see cref="SqliteHookStoreTests"/> and <see cref="PostgreSqlHookStoreTests"/>.</summary>
public abstract class HookStoreTests(StorageProvider provider) : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private StorageFixture _storage = null!;

    private IHookStore Store => _storage.Hooks;

    public async Task InitializeAsync() => _storage = await StorageFixture.CreateAsync(time: _time, provider: provider);

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    /// <summary>Creates a hook, then moves the clock on so creation order is also created_at order.</summary>
    private async Task<Hook> CreateHookAsync(string triggerId = TestTriggers.CredentialsExchange, bool? enabled = null, string? name = null)
    {
        var hook = await _storage.CreateHookAsync(triggerId, enabled, name);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        return hook;
    }

    [Fact]
    public async Task CreateAsync_ValidHook_StoresAllFields()
    {
        var dependencies = new Dictionary<string, string> { ["lodash"] = "4.17.21", ["@scope/pkg"] = "^1.2.0" };

        var created = await Store.CreateAsync(new NewHook("My hook-1", TestTriggers.PreUserRegistration, "module.exports = f;", Dependencies: dependencies));

        var stored = await Store.GetAsync(created.Id);
        Assert.NotNull(stored);
        Assert.Equal(26, stored.Id.Length);
        Assert.Equal("My hook-1", stored.Name);
        Assert.Equal(TestTriggers.PreUserRegistration, stored.TriggerId);
        Assert.Equal("module.exports = f;", stored.Script);
        Assert.Equal(dependencies, stored.Dependencies);
        Assert.Equal(_time.GetUtcNow(), stored.CreatedAt);
        Assert.Equal(_time.GetUtcNow(), stored.UpdatedAt);
        Assert.Equal(created with { Dependencies = stored.Dependencies }, stored);
    }

    [Fact]
    public async Task CreateAsync_Always_StoresUtcIsoTimestampsAndJsonDependencies()
    {
        var hook = await Store.CreateAsync(new NewHook("Raw", TestTriggers.CredentialsExchange, StorageFixture.Script,
            Dependencies: new Dictionary<string, string> { ["lodash"] = "4.17.21" }));

        await using var connection = await _storage.Engine.OpenConnectionAsync();
        var raw = await connection.QuerySingleAsync<(string CreatedAt, string Dependencies)>(
            "SELECT created_at, dependencies FROM hooks WHERE id = @Id;", new { hook.Id });
        Assert.Equal("2026-11-26T12:00:00.0000000Z", raw.CreatedAt);
        Assert.Equal("""{"lodash":"4.17.21"}""", raw.Dependencies);
    }

    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull()
    {
        Assert.Null(await Store.GetAsync(Ulid.NewId()));
    }

    [Fact]
    public async Task FindByNameAsync_ExactName_ReturnsHookElseNull()
    {
        var hook = await CreateHookAsync(name: "Exact Name");

        Assert.Equal(hook.Id, (await Store.FindByNameAsync("Exact Name"))?.Id);
        Assert.Null(await Store.FindByNameAsync("exact name"));
        Assert.Null(await Store.FindByNameAsync("Exact"));
    }

    [Fact]
    public async Task ListAsync_NoQuery_ReturnsAllInCreationOrder()
    {
        var first = await CreateHookAsync(TestTriggers.SendPhoneMessage);
        var second = await CreateHookAsync(TestTriggers.CredentialsExchange);
        var third = await CreateHookAsync(TestTriggers.SendPhoneMessage);

        var hooks = await Store.ListAsync();

        Assert.Equal([first.Id, second.Id, third.Id], hooks.Select(h => h.Id));
    }

    [Fact]
    public async Task ListAsync_FilterByTriggerAndEnabled_ReturnsMatchingOnly()
    {
        var enabledExchange = await CreateHookAsync(TestTriggers.CredentialsExchange);
        var disabledExchange = await CreateHookAsync(TestTriggers.CredentialsExchange);
        var enabledSignup = await CreateHookAsync(TestTriggers.PreUserRegistration);

        var exchange = await Store.ListAsync(new HookQuery(TriggerId: TestTriggers.CredentialsExchange));
        var enabled = await Store.ListAsync(new HookQuery(Enabled: true));
        var disabledExchangeOnly = await Store.ListAsync(new HookQuery(TestTriggers.CredentialsExchange, Enabled: false));

        Assert.Equal([enabledExchange.Id, disabledExchange.Id], exchange.Select(h => h.Id));
        Assert.Equal([enabledExchange.Id, enabledSignup.Id], enabled.Select(h => h.Id));
        Assert.Equal([disabledExchange.Id], disabledExchangeOnly.Select(h => h.Id));
    }

    [Fact]
    public async Task ListAsync_Paged_ReturnsThePageInOrder()
    {
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await CreateHookAsync()).Id);
        }

        var page0 = await Store.ListAsync(new HookQuery(Page: 0, PerPage: 3));
        var page2 = await Store.ListAsync(new HookQuery(Page: 2, PerPage: 3));
        var beyond = await Store.ListAsync(new HookQuery(Page: 5, PerPage: 3));
        var none = await Store.ListAsync(new HookQuery(PerPage: 0));

        Assert.Equal(ids[..3], page0.Select(h => h.Id));
        Assert.Equal(ids[6..], page2.Select(h => h.Id));
        Assert.Empty(beyond);
        Assert.Empty(none);
    }

    [Fact]
    public async Task ListAsync_NegativePage_ThrowsValidation()
    {
        var error = await Assert.ThrowsAsync<HookValidationException>(() => Store.ListAsync(new HookQuery(Page: -1, PerPage: 10)));

        Assert.Equal("page", error.Field);
    }

    [Fact]
    public async Task CountAsync_WithFilters_CountsMatchingIgnoringPaging()
    {
        await CreateHookAsync(TestTriggers.CredentialsExchange);
        await CreateHookAsync(TestTriggers.CredentialsExchange);
        await CreateHookAsync(TestTriggers.PostChangePassword);

        Assert.Equal(3, await Store.CountAsync());
        Assert.Equal(2, await Store.CountAsync(new HookQuery(TriggerId: TestTriggers.CredentialsExchange, PerPage: 1)));
        Assert.Equal(2, await Store.CountAsync(new HookQuery(Enabled: true)));
        Assert.Equal(0, await Store.CountAsync(new HookQuery(TestTriggers.SendPhoneMessage)));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("My Hook")]
    [InlineData("my-hook-2")]
    [InlineData("A b-C 9")]
    public async Task CreateAsync_ValidName_Succeeds(string name)
    {
        var hook = await CreateHookAsync(name: name);

        Assert.Equal(name, hook.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-starts-with-dash")]
    [InlineData("ends-with-dash-")]
    [InlineData(" starts with space")]
    [InlineData("ends with space ")]
    [InlineData("under_score")]
    [InlineData("dot.name")]
    [InlineData("émoji")]
    public async Task CreateAsync_InvalidName_ThrowsValidationOnName(string name)
    {
        var error = await Assert.ThrowsAsync<HookValidationException>(() => CreateHookAsync(name: name));

        Assert.Equal("name", error.Field);
        Assert.Equal(0, await Store.CountAsync());
    }

    [Fact]
    public async Task CreateAsync_NameTooLong_ThrowsValidationOnName()
    {
        var error = await Assert.ThrowsAsync<HookValidationException>(() => CreateHookAsync(name: new string('a', HookRules.MaxNameLength + 1)));

        Assert.Equal("name", error.Field);
    }

    [Fact]
    public async Task CreateAsync_DuplicateName_ThrowsConflict()
    {
        await CreateHookAsync(TestTriggers.CredentialsExchange, name: "Same");

        var error = await Assert.ThrowsAsync<HookConflictException>(() => CreateHookAsync(TestTriggers.PostChangePassword, name: "Same"));

        Assert.Equal("Hook with the same name already exists", error.Message);
        Assert.Equal(1, await Store.CountAsync());
    }

    [Fact]
    public async Task UpdateAsync_RenameToExistingName_ThrowsConflictAndKeepsName()
    {
        await CreateHookAsync(name: "Taken");
        var other = await CreateHookAsync(name: "Other");

        var error = await Assert.ThrowsAsync<HookConflictException>(() => Store.UpdateAsync(other.Id, new HookUpdate(Name: "Taken")));

        Assert.Equal("Hook with the same name already exists", error.Message);
        Assert.Equal("Other", (await Store.GetAsync(other.Id))?.Name);
    }

    [Fact]
    public async Task UpdateAsync_RenameToOwnName_Succeeds()
    {
        var hook = await CreateHookAsync(name: "Mine");

        var updated = await Store.UpdateAsync(hook.Id, new HookUpdate(Name: "Mine"));

        Assert.Equal("Mine", updated.Name);
    }

    [Fact]
    public async Task CreateAsync_UnknownTrigger_ThrowsValidationOnTriggerId()
    {
        var error = await Assert.ThrowsAsync<HookValidationException>(() => CreateHookAsync("post-login"));

        Assert.Equal("triggerId", error.Field);
        Assert.Contains("post-login", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public async Task CreateAsync_EmptyScript_ThrowsValidationOnScript(string script)
    {
        var error = await Assert.ThrowsAsync<HookValidationException>(() => Store.CreateAsync(new NewHook("Hook", TestTriggers.CredentialsExchange, script)));

        Assert.Equal("script", error.Field);
    }

    [Fact]
    public async Task CreateAsync_ScriptOver100KB_ThrowsValidationOnScript()
    {
        var script = "//" + new string('x', HookRules.MaxScriptBytes);

        var error = await Assert.ThrowsAsync<HookValidationException>(() => Store.CreateAsync(new NewHook("Hook", TestTriggers.CredentialsExchange, script)));

        Assert.Equal("script", error.Field);
    }

    [Fact]
    public async Task CreateAsync_ScriptOf100KB_Succeeds()
    {
        var script = "//" + new string('x', HookRules.MaxScriptBytes - 2);

        var hook = await Store.CreateAsync(new NewHook("Hook", TestTriggers.CredentialsExchange, script));

        Assert.Equal(script, (await Store.GetAsync(hook.Id))?.Script);
    }

    [Fact]
    public async Task UpdateAsync_EmptyScript_ThrowsValidationOnScript()
    {
        var hook = await CreateHookAsync();

        var error = await Assert.ThrowsAsync<HookValidationException>(() => Store.UpdateAsync(hook.Id, new HookUpdate(Script: "")));

        Assert.Equal("script", error.Field);
    }

    [Fact]
    public async Task CreateAsync_InvalidDependency_ThrowsValidationOnDependencies()
    {
        var dependencies = new Dictionary<string, string> { ["Not A Package"] = "1.0.0" };

        var error = await Assert.ThrowsAsync<HookValidationException>(
            () => Store.CreateAsync(new NewHook("Hook", TestTriggers.CredentialsExchange, StorageFixture.Script, Dependencies: dependencies)));

        Assert.Equal("dependencies", error.Field);
    }

    [Fact]
    public async Task UpdateAsync_SomeFields_ChangesOnlyThoseAndBumpsUpdatedAt()
    {
        var hook = await CreateHookAsync(name: "Before");
        _time.Advance(TimeSpan.FromMinutes(5));

        var updated = await Store.UpdateAsync(hook.Id, new HookUpdate(Script: "module.exports = g;", Dependencies: new Dictionary<string, string> { ["axios"] = "1.6.0" }));

        var stored = await Store.GetAsync(hook.Id);
        Assert.NotNull(stored);
        Assert.Equal("Before", stored.Name);
        Assert.Equal("module.exports = g;", stored.Script);
        Assert.Equal(new Dictionary<string, string> { ["axios"] = "1.6.0" }, stored.Dependencies);
        Assert.Equal(hook.TriggerId, stored.TriggerId);
        Assert.Equal(hook.CreatedAt, stored.CreatedAt);
        Assert.Equal(_time.GetUtcNow(), stored.UpdatedAt);
        Assert.Equal(updated.UpdatedAt, stored.UpdatedAt);
    }

    [Fact]
    public async Task UpdateAsync_UnknownId_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<HookNotFoundException>(() => Store.UpdateAsync(Ulid.NewId(), new HookUpdate(Name: "x")));

        Assert.Equal("Hook not found", error.Message);
    }

    [Fact]
    public async Task DeleteAsync_ExistingHook_RemovesIt()
    {
        var hook = await CreateHookAsync();

        await Store.DeleteAsync(hook.Id);

        Assert.Null(await Store.GetAsync(hook.Id));
    }

    [Fact]
    public async Task DeleteAsync_UnknownId_ThrowsNotFound()
    {
        await Assert.ThrowsAsync<HookNotFoundException>(() => Store.DeleteAsync(Ulid.NewId()));
    }
}

public sealed class SqliteHookStoreTests() : HookStoreTests(StorageProvider.Sqlite);

public sealed class PostgreSqlHookStoreTests() : HookStoreTests(StorageProvider.PostgreSQL);
