using System.Data.Common;
using Dapper;
using HooksDashboard.Execution;

namespace HooksDashboard.Storage;

/// <summary>
/// Webtask storage of saved hooks (<c>context.webtask.storage</c>): one JSON document per hook in <c>hook_storage</c>
/// (migration 5), with a version for optimistic concurrency. Deleting a hook deletes its document. Survives restarts like
/// everything in the database. Each call is one short statement on its own connection; Microsoft.Data.Sqlite completes
/// its "async" calls synchronously, so waiting on them on the invocation's thread blocks for the statement only (on
/// PostgreSQL for the statement's round trip: the invocation's thread waits, no other thread is held).
/// </summary>
public sealed class SqliteHookStorage(IDatabase database, TimeProvider time)
{
    private const string SelectSql = "SELECT data AS Json, version AS Version FROM hook_storage WHERE hook_id = @HookId;";

    // No version expected (or force): replace whatever is there.
    private const string UpsertSql = """
        INSERT INTO hook_storage (hook_id, data, version, updated_at) VALUES (@HookId, @Data, 1, @Now)
        ON CONFLICT (hook_id) DO UPDATE SET data = excluded.data, version = hook_storage.version + 1, updated_at = excluded.updated_at
        RETURNING version;
        """;

    // Expected "nothing stored yet".
    private const string InsertNewSql = """
        INSERT INTO hook_storage (hook_id, data, version, updated_at) VALUES (@HookId, @Data, 1, @Now)
        ON CONFLICT (hook_id) DO NOTHING
        RETURNING version;
        """;

    private const string UpdateIfVersionSql = """
        UPDATE hook_storage SET data = @Data, version = version + 1, updated_at = @Now
        WHERE hook_id = @HookId AND version = @Expected
        RETURNING version;
        """;

    /// <summary>The storage of one hook, for its invocations.</summary>
    public IWebtaskStorage For(string hookId)
    {
        ArgumentException.ThrowIfNullOrEmpty(hookId);
        return new HookDocument(this, hookId);
    }

    /// <summary>The hook's document (null JSON and version 0 when nothing was stored).</summary>
    public async Task<WebtaskDocument> ReadAsync(string hookId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, hookId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores the document; with <paramref name="expectedVersion"/> and without <paramref name="force"/>, only over that version.</summary>
    public async Task<WebtaskWrite> WriteAsync(string hookId, string json, long? expectedVersion, bool force, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = new { HookId = hookId, Data = json, Now = time.GetUtcNow(), Expected = expectedVersion ?? 0 };
        var sql = force || expectedVersion is null ? UpsertSql : expectedVersion == 0 ? InsertNewSql : UpdateIfVersionSql;
        try
        {
            var version = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(sql, row, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return version is { } v
                ? new WebtaskWrite(v, null)
                : new WebtaskWrite(null, await ReadAsync(connection, hookId, cancellationToken).ConfigureAwait(false));
        }
        catch (DbException ex) when (DatabaseErrors.IsForeignKeyViolation(ex))
        {
            // FOREIGN KEY: the hook was deleted while it ran.
            throw new WebtaskStorageException("The hook was deleted: its storage is gone.", ex);
        }
    }

    private static async Task<WebtaskDocument> ReadAsync(DbConnection connection, string hookId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<DocumentRow>(
            new CommandDefinition(SelectSql, new { HookId = hookId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? new WebtaskDocument(null, 0) : new WebtaskDocument(row.Json, row.Version);
    }

    private sealed class DocumentRow
    {
        public string Json { get; set; } = "";

        public long Version { get; set; }
    }

    private sealed class HookDocument(SqliteHookStorage storage, string hookId) : IWebtaskStorage
    {
        public WebtaskDocument Read() => Run(() => storage.ReadAsync(hookId));

        public WebtaskWrite Write(string json, long? expectedVersion, bool force) => Run(() => storage.WriteAsync(hookId, json, expectedVersion, force));

        private static T Run<T>(Func<Task<T>> operation)
        {
            try
            {
                return operation().GetAwaiter().GetResult();
            }
            catch (DbException ex)
            {
                throw new WebtaskStorageException($"Storage is unavailable: {ex.Message}", ex);
            }
        }
    }
}
