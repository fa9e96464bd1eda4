using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Storage;

/// <summary>
/// <c>context.webtask.storage</c>'s table on each engine: versions for optimistic concurrency, forced writes, the
/// document going with its hook, and two instances seeing one document.
/// </summary>
public abstract class HookStorageTests(StorageProvider provider) : IAsyncLifetime
{
    private StorageFixture _storage = null!;
    private Hook _hook = null!;

    private SqliteHookStorage Documents => _storage.Services.GetRequiredService<SqliteHookStorage>();

    public async Task InitializeAsync()
    {
        _storage = await StorageFixture.CreateAsync(provider: provider);
        _hook = await _storage.CreateHookAsync(enabled: false);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task WriteAsync_Unversioned_StoresVersionOneThenCounts()
    {
        Assert.Equal(new WebtaskDocument(null, 0), await Documents.ReadAsync(_hook.Id));

        var first = await Documents.WriteAsync(_hook.Id, """{"n":1}""", null, force: false);
        var second = await Documents.WriteAsync(_hook.Id, """{"n":2}""", null, force: false);

        Assert.Equal(new WebtaskWrite(1, null), first);
        Assert.Equal(new WebtaskWrite(2, null), second);
        Assert.Equal(new WebtaskDocument("""{"n":2}""", 2), await Documents.ReadAsync(_hook.Id));
    }

    [Fact]
    public async Task WriteAsync_ExpectedVersionStale_ConflictWithCurrentDocument()
    {
        await Documents.WriteAsync(_hook.Id, """{"n":1}""", null, force: false);
        await Documents.WriteAsync(_hook.Id, """{"n":2}""", expectedVersion: 1, force: false);

        var stale = await Documents.WriteAsync(_hook.Id, """{"n":3}""", expectedVersion: 1, force: false);
        var forced = await Documents.WriteAsync(_hook.Id, """{"n":4}""", expectedVersion: 1, force: true);

        Assert.True(stale.Conflict);
        Assert.Equal(new WebtaskDocument("""{"n":2}""", 2), stale.Current);
        Assert.Equal(3, forced.Version);
    }

    [Fact]
    public async Task WriteAsync_ExpectedNothingButSomethingStored_Conflict()
    {
        await Documents.WriteAsync(_hook.Id, "[1]", null, force: false);

        var write = await Documents.WriteAsync(_hook.Id, "[2]", expectedVersion: 0, force: false);

        Assert.True(write.Conflict);
        Assert.Equal(new WebtaskDocument("[1]", 1), write.Current);
    }

    [Fact]
    public async Task WriteAsync_HookDeleted_ClearStorageError()
    {
        await Documents.WriteAsync(_hook.Id, "[1]", null, force: false);
        await _storage.Hooks.DeleteAsync(_hook.Id);

        Assert.Equal(new WebtaskDocument(null, 0), await Documents.ReadAsync(_hook.Id));
        var error = await Assert.ThrowsAsync<WebtaskStorageException>(() => Documents.WriteAsync(_hook.Id, "[2]", null, force: false));
        Assert.Equal("The hook was deleted: its storage is gone.", error.Message);
    }

    [Fact]
    public async Task WriteAsync_SecondInstance_SeesAndVersionsTheSameDocument()
    {
        await using var other = await StorageFixture.CreateAsync(_storage.DataDirectory, settings: _storage.EngineSettings);
        var otherDocuments = other.Services.GetRequiredService<SqliteHookStorage>();
        await Documents.WriteAsync(_hook.Id, """{"by":"a"}""", null, force: false);

        var fromB = await otherDocuments.WriteAsync(_hook.Id, """{"by":"b"}""", expectedVersion: 1, force: false);
        var staleA = await Documents.WriteAsync(_hook.Id, """{"by":"a again"}""", expectedVersion: 1, force: false);

        Assert.Equal(2, fromB.Version);
        Assert.Equal(new WebtaskDocument("""{"by":"b"}""", 2), staleA.Current);
    }
}

public sealed class SqliteHookStorageTests() : HookStorageTests(StorageProvider.Sqlite);

public sealed class PostgreSqlHookStorageTests() : HookStorageTests(StorageProvider.PostgreSQL);
