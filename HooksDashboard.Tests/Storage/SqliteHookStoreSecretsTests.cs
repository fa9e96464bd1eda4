using Dapper;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Data.Sqlite;

namespace HooksDashboard.Tests.Storage;

public abstract class HookStoreSecretsTests(StorageProvider provider) : IAsyncLifetime
{
    private StorageFixture _storage = null!;
    private Hook _hook = null!;

    private IHookStore Store => _storage.Hooks;

    public async Task InitializeAsync()
    {
        _storage = await StorageFixture.CreateAsync(provider: provider);
        _hook = await _storage.CreateHookAsync();
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private static Dictionary<string, string> Secrets(params (string Name, string Value)[] secrets) =>
        secrets.ToDictionary(s => s.Name, s => s.Value);

    [Fact]
    public async Task AddSecretsAsync_NewNames_ListsNamesSortedAndDecryptsValues()
    {
        await Store.AddSecretsAsync(_hook.Id, Secrets(("TOKEN", "t-123"), ("API_KEY", "k-456")));

        Assert.Equal(["API_KEY", "TOKEN"], await Store.ListSecretNamesAsync(_hook.Id));
        Assert.Equal(Secrets(("API_KEY", "k-456"), ("TOKEN", "t-123")), await Store.GetSecretValuesAsync(_hook.Id));
    }

    [Fact]
    public async Task AddSecretsAsync_Always_StoresCiphertextNotPlainValue()
    {
        const string value = "super-secret-value-0123456789";
        await Store.AddSecretsAsync(_hook.Id, Secrets(("API_KEY", value)));

        await using var connection = await _storage.Engine.OpenConnectionAsync();
        var raw = await connection.QuerySingleAsync<string>("SELECT value FROM hook_secrets WHERE hook_id = @Id;", new { _hook.Id });
        Assert.DoesNotContain(value, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("super-secret", raw, StringComparison.Ordinal);

        // Nor anywhere in the database files (the WAL holds recent pages).
        if (provider != StorageProvider.Sqlite)
            return;
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_storage.DataDirectory, "hooks.db*"))
            Assert.DoesNotContain(value, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSecretValuesAsync_SecondStoreOnSameDatabase_DecryptsWithPersistedKeys()
    {
        await Store.AddSecretsAsync(_hook.Id, Secrets(("API_KEY", "k-456")));

        // SQLite: the same data folder (its key ring is a folder there). PostgreSQL: another instance with a data folder
        // of its own, so only the key ring in the database can decrypt.
        await using var second = await StorageFixture.CreateAsync(
            provider == StorageProvider.Sqlite ? _storage.DataDirectory : null, settings: _storage.EngineSettings);

        Assert.Equal(Secrets(("API_KEY", "k-456")), await second.Hooks.GetSecretValuesAsync(_hook.Id));
    }

    [Fact]
    public async Task GetSecretValuesAsync_CiphertextCopiedToAnotherHook_FailsToDecrypt()
    {
        var other = await _storage.CreateHookAsync();
        await Store.AddSecretsAsync(_hook.Id, Secrets(("API_KEY", "k-456")));
        await Store.AddSecretsAsync(other.Id, Secrets(("API_KEY", "other")));
        await using (var connection = await _storage.Engine.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                "UPDATE hook_secrets SET value = (SELECT value FROM hook_secrets WHERE hook_id = @From) WHERE hook_id = @To;",
                new { From = _hook.Id, To = other.Id });
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.GetSecretValuesAsync(other.Id));

        Assert.DoesNotContain("k-456", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddSecretsAsync_ExistingName_ThrowsConflictAndAddsNothing()
    {
        await Store.AddSecretsAsync(_hook.Id, Secrets(("API_KEY", "k")));

        var error = await Assert.ThrowsAsync<HookConflictException>(
            () => Store.AddSecretsAsync(_hook.Id, Secrets(("NEW_ONE", "n"), ("API_KEY", "again"))));

        Assert.Equal("Secret with the same name already exists", error.Message);
        Assert.Equal(Secrets(("API_KEY", "k")), await Store.GetSecretValuesAsync(_hook.Id));
    }

    [Fact]
    public async Task AddSecretsAsync_Twenty_Succeeds()
    {
        await Store.AddSecretsAsync(_hook.Id, Enumerable.Range(0, HookRules.MaxSecrets).ToDictionary(i => $"S{i}", i => $"v{i}"));

        Assert.Equal(HookRules.MaxSecrets, (await Store.ListSecretNamesAsync(_hook.Id)).Count);
    }

    [Fact]
    public async Task AddSecretsAsync_MoreThanTwentyInTotal_ThrowsValidationAndAddsNothing()
    {
        await Store.AddSecretsAsync(_hook.Id, Enumerable.Range(0, 15).ToDictionary(i => $"S{i}", i => "v"));

        var error = await Assert.ThrowsAsync<HookValidationException>(
            () => Store.AddSecretsAsync(_hook.Id, Enumerable.Range(15, 6).ToDictionary(i => $"S{i}", i => "v")));

        Assert.Equal("secrets", error.Field);
        Assert.Equal(15, (await Store.ListSecretNamesAsync(_hook.Id)).Count);
    }

    [Fact]
    public async Task AddSecretsAsync_MoreThanTwentyAtOnce_ThrowsValidation()
    {
        await Assert.ThrowsAsync<HookValidationException>(
            () => Store.AddSecretsAsync(_hook.Id, Enumerable.Range(0, HookRules.MaxSecrets + 1).ToDictionary(i => $"S{i}", i => "v")));

        Assert.Empty(await Store.ListSecretNamesAsync(_hook.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1STARTS_WITH_DIGIT")]
    [InlineData("-STARTS_WITH_DASH")]
    [InlineData("HAS SPACE")]
    [InlineData("HAS.DOT")]
    public async Task AddSecretsAsync_InvalidName_ThrowsValidationAndAddsNothing(string name)
    {
        var error = await Assert.ThrowsAsync<HookValidationException>(
            () => Store.AddSecretsAsync(_hook.Id, Secrets(("VALID", "v"), (name, "v"))));

        Assert.Equal("secrets", error.Field);
        Assert.Empty(await Store.ListSecretNamesAsync(_hook.Id));
    }

    [Fact]
    public async Task AddSecretsAsync_ValueTooLong_ThrowsValidation()
    {
        await Assert.ThrowsAsync<HookValidationException>(
            () => Store.AddSecretsAsync(_hook.Id, Secrets(("BIG", new string('v', HookRules.MaxSecretValueLength + 1)))));
    }

    [Fact]
    public async Task UpdateSecretsAsync_ExistingNames_ReplacesValues()
    {
        await Store.AddSecretsAsync(_hook.Id, Secrets(("A", "1"), ("B", "2")));

        await Store.UpdateSecretsAsync(_hook.Id, Secrets(("B", "two")));

        Assert.Equal(Secrets(("A", "1"), ("B", "two")), await Store.GetSecretValuesAsync(_hook.Id));
    }

    [Fact]
    public async Task UpdateSecretsAsync_UnknownName_ThrowsNotFoundAndChangesNothing()
    {
        await Store.AddSecretsAsync(_hook.Id, Secrets(("A", "1")));

        var error = await Assert.ThrowsAsync<HookNotFoundException>(
            () => Store.UpdateSecretsAsync(_hook.Id, Secrets(("A", "changed"), ("MISSING", "x"))));

        Assert.Equal("Hook or secret not found", error.Message);
        Assert.Equal(Secrets(("A", "1")), await Store.GetSecretValuesAsync(_hook.Id));
    }

    [Fact]
    public async Task DeleteSecretsAsync_ExistingNames_RemovesThem()
    {
        await Store.AddSecretsAsync(_hook.Id, Secrets(("A", "1"), ("B", "2"), ("C", "3")));

        await Store.DeleteSecretsAsync(_hook.Id, ["A", "C"]);

        Assert.Equal(["B"], await Store.ListSecretNamesAsync(_hook.Id));
    }

    [Fact]
    public async Task DeleteSecretsAsync_UnknownName_ThrowsNotFoundAndDeletesNothing()
    {
        await Store.AddSecretsAsync(_hook.Id, Secrets(("A", "1")));

        var error = await Assert.ThrowsAsync<HookNotFoundException>(() => Store.DeleteSecretsAsync(_hook.Id, ["A", "MISSING"]));

        Assert.Equal("Hook or secret not found", error.Message);
        Assert.Equal(["A"], await Store.ListSecretNamesAsync(_hook.Id));
    }

    [Fact]
    public async Task SecretMethods_UnknownHook_ThrowHookNotFound()
    {
        var unknown = Ulid.NewId();

        Assert.Equal("Hook not found", (await Assert.ThrowsAsync<HookNotFoundException>(() => Store.ListSecretNamesAsync(unknown))).Message);
        await Assert.ThrowsAsync<HookNotFoundException>(() => Store.GetSecretValuesAsync(unknown));
        await Assert.ThrowsAsync<HookNotFoundException>(() => Store.AddSecretsAsync(unknown, Secrets(("A", "1"))));
        await Assert.ThrowsAsync<HookNotFoundException>(() => Store.UpdateSecretsAsync(unknown, Secrets(("A", "1"))));
        await Assert.ThrowsAsync<HookNotFoundException>(() => Store.DeleteSecretsAsync(unknown, ["A"]));
    }

    [Fact]
    public async Task ListSecretNamesAsync_HookWithoutSecrets_ReturnsEmpty()
    {
        Assert.Empty(await Store.ListSecretNamesAsync(_hook.Id));
        Assert.Empty(await Store.GetSecretValuesAsync(_hook.Id));
    }

    [Fact]
    public async Task DeleteAsync_HookWithSecretsAndTestRuns_RemovesThemToo()
    {
        await Store.AddSecretsAsync(_hook.Id, Secrets(("A", "1")));
        await _storage.TestRuns.AddAsync(_hook.Id, "{}", ExecutionResult.Failure(ExecutionErrorKind.Timeout, "TimeoutError", "late"));

        await Store.DeleteAsync(_hook.Id);

        await using var connection = await _storage.Engine.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM hook_secrets WHERE hook_id = @Id;", new { _hook.Id }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM test_runs WHERE hook_id = @Id;", new { _hook.Id }));
    }
}

public sealed class SqliteHookStoreSecretsTests() : HookStoreSecretsTests(StorageProvider.Sqlite);

public sealed class PostgreSqlHookStoreSecretsTests() : HookStoreSecretsTests(StorageProvider.PostgreSQL);
