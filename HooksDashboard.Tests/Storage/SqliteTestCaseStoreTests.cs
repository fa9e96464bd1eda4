using Dapper;
using HooksDashboard.Audit;
using HooksDashboard.Hooks;
using HooksDashboard.Hooks.TestCases;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Storage;

/// <summary>Saved test cases on either engine: names unique per hook, secrets encrypted, cases gone with their hook, audited changes.</summary>
public abstract class TestCaseStoreTests(StorageProvider provider) : IAsyncLifetime
{
    private StorageFixture _storage = null!;

    private ITestCaseStore Store => _storage.Services.GetRequiredService<ITestCaseStore>();

    public async Task InitializeAsync() => _storage = await StorageFixture.CreateAsync(provider: provider);

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private static TestCaseDefinition Case(string name, string secretValue = "s3cret-override") => TestCaseJson.Parse(
        $$$"""{"name":"{{{name}}}","payload":{"scope":[]},"secrets":{"API_KEY":"{{{secretValue}}}"},"expect":{"outcome":"success","console":["hi"]}}""");

    [Fact]
    public async Task CreateAsync_ThenList_ReadsBackEveryPartSortedByName()
    {
        var hook = await _storage.CreateHookAsync();
        await Store.CreateAsync(hook.Id, Case("b case"));
        var created = await Store.CreateAsync(hook.Id, Case("a case"));

        var cases = await Store.ListAsync(hook.Id);

        Assert.Equal(["a case", "b case"], cases.Select(c => c.Name));
        var first = cases[0];
        Assert.Equal(created.Id, first.Id);
        Assert.Equal("s3cret-override", first.Definition.Secrets["API_KEY"]);
        Assert.Equal(["hi"], first.Definition.Expect.Console);
        Assert.Equal("""{"scope":[]}""", first.Definition.Payload!.ToJsonString());
    }

    [Fact]
    public async Task CreateAsync_DuplicateNameSameHook_Conflict_OtherHookFine()
    {
        var hook = await _storage.CreateHookAsync();
        var other = await _storage.CreateHookAsync();
        await Store.CreateAsync(hook.Id, Case("same"));

        var error = await Assert.ThrowsAsync<HookConflictException>(() => Store.CreateAsync(hook.Id, Case("same")));
        await Store.CreateAsync(other.Id, Case("same"));

        Assert.Equal(TestCaseMessages.DuplicateName, error.Message);
    }

    [Fact]
    public async Task UpdateAsync_RenameOntoAnother_Conflict_RenameItself_Fine()
    {
        var hook = await _storage.CreateHookAsync();
        var a = await Store.CreateAsync(hook.Id, Case("a"));
        await Store.CreateAsync(hook.Id, Case("b"));

        await Assert.ThrowsAsync<HookConflictException>(() => Store.UpdateAsync(hook.Id, a.Id, Case("b")));
        var renamed = await Store.UpdateAsync(hook.Id, a.Id, Case("c", "new-value"));

        Assert.Equal("c", renamed.Name);
        Assert.Equal("new-value", (await Store.GetAsync(hook.Id, a.Id))!.Definition.Secrets["API_KEY"]);
        Assert.Equal(a.CreatedAt, renamed.CreatedAt);
    }

    [Fact]
    public async Task Operations_UnknownHookOrCase_NotFound()
    {
        var hook = await _storage.CreateHookAsync();

        await Assert.ThrowsAsync<HookNotFoundException>(() => Store.CreateAsync("01NOSUCHHOOK00000000000000", Case("x")));
        var update = await Assert.ThrowsAsync<HookNotFoundException>(() => Store.UpdateAsync(hook.Id, "nope", Case("x")));
        var delete = await Assert.ThrowsAsync<HookNotFoundException>(() => Store.DeleteAsync(hook.Id, "nope"));

        Assert.Equal(TestCaseMessages.NotFound, update.Message);
        Assert.Equal(TestCaseMessages.NotFound, delete.Message);
    }

    [Fact]
    public async Task DeleteHook_CascadesItsCases()
    {
        var hook = await _storage.CreateHookAsync(enabled: false);
        await Store.CreateAsync(hook.Id, Case("goes"));

        await _storage.Hooks.DeleteAsync(hook.Id);

        await using var connection = await _storage.Engine.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM hook_test_cases;"));
    }

    [Fact]
    public async Task CreateAsync_SecretOverride_NeverStoredInPlainText()
    {
        var hook = await _storage.CreateHookAsync();
        await Store.CreateAsync(hook.Id, Case("secret", "plain-override-value-42"));

        await using var connection = await _storage.Engine.OpenConnectionAsync();
        var stored = await connection.ExecuteScalarAsync<string>("SELECT secrets FROM hook_test_cases;");

        Assert.NotNull(stored);
        Assert.DoesNotContain("plain-override-value-42", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_TooManyCases_ClearError()
    {
        var hook = await _storage.CreateHookAsync();
        for (var i = 0; i < HooksDashboard.Storage.SqliteTestCaseStore.MaxCasesPerHook; i++)
            await Store.CreateAsync(hook.Id, Case($"case {i}"));

        var error = await Assert.ThrowsAsync<HookValidationException>(() => Store.CreateAsync(hook.Id, Case("one more")));

        Assert.Contains("at most 100 test cases", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditedStore_Changes_RecordedInTheHooksTrailWithoutSecretValues()
    {
        var hook = await _storage.CreateHookAsync();
        var audit = new AuditingTestCaseStore(Store, _storage.Hooks, new SqliteHookAuditLog(_storage.Engine),
            new FixedActor(new Actor(ActorKind.Admin, "owner@example.com")), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditingTestCaseStore>.Instance);

        var created = await audit.CreateAsync(hook.Id, Case("first", "audit-secret-value"));
        await audit.UpdateAsync(hook.Id, created.Id, Case("renamed", "audit-secret-value"));
        await audit.DeleteAsync(hook.Id, created.Id);

        var trail = await new SqliteHookAuditLog(_storage.Engine).ListForHookAsync(hook.Id);
        Assert.Equal([HookAuditActions.TestCaseDeleted, HookAuditActions.TestCaseChanged, HookAuditActions.TestCaseAdded], trail.Take(3).Select(e => e.Action));
        Assert.Equal("Test case 'renamed' changed (renamed from 'first') (expects success).", trail[1].Details);
        Assert.All(trail, e => Assert.Equal("owner@example.com", e.Actor));
        Assert.All(trail, e => Assert.DoesNotContain("audit-secret-value", e.Details, StringComparison.Ordinal));
    }

    private sealed class FixedActor(Actor actor) : IActorAccessor
    {
        public Actor Current => actor;
    }
}

public sealed class SqliteTestCaseStoreTests() : TestCaseStoreTests(StorageProvider.Sqlite);

public sealed class PostgreSqlTestCaseStoreTests() : TestCaseStoreTests(StorageProvider.PostgreSQL);
