using System.Data.Common;
using System.Text.Json;
using Dapper;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;

namespace HooksDashboard.Storage;

/// <summary>
/// <see cref="ITestRunStore"/> on either engine (the name predates PostgreSQL): results stored as the shared result
/// JSON (<see cref="ExecutionJson.Options"/>).
/// </summary>
public sealed class SqliteTestRunStore(IDatabase database, TimeProvider time) : ITestRunStore
{
    /// <summary>How many runs are kept per hook; older ones are dropped as new ones arrive.</summary>
    public const int MaxRunsPerHook = 50;

    private const string HookExistsSql = "SELECT EXISTS (SELECT 1 FROM hooks WHERE id = @HookId);";

    private const string InsertSql =
        "INSERT INTO test_runs (id, hook_id, payload, result, created_at, http_mocks) VALUES (@Id, @HookId, @Payload, @Result, @CreatedAt, @HttpMocks);";

    private const string PruneSql = """
        DELETE FROM test_runs
        WHERE hook_id = @HookId
          AND id NOT IN (SELECT id FROM test_runs WHERE hook_id = @HookId ORDER BY created_at DESC, id DESC LIMIT @Keep);
        """;

    private const string ListSql = """
        SELECT id AS Id, hook_id AS HookId, payload AS Payload, result AS Result, created_at AS CreatedAt, http_mocks AS HttpMocks
        FROM test_runs WHERE hook_id = @HookId ORDER BY created_at DESC, id DESC LIMIT @Limit;
        """;

    /// <inheritdoc />
    /// <exception cref="HookNotFoundException">No hook has this id.</exception>
    public async Task<TestRun> AddAsync(string hookId, string payload, ExecutionResult result, string? httpMocks = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(result);
        var now = time.GetUtcNow();
        var run = new TestRun(Ulid.NewId(now), hookId, payload, result, now) { HttpMocks = httpMocks };
        var row = new TestRunRow
        {
            Id = run.Id,
            HookId = hookId,
            Payload = payload,
            Result = JsonSerializer.Serialize(result, ExecutionJson.Options),
            CreatedAt = now,
            HttpMocks = httpMocks,
        };

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, SqliteHookStore.WriteScope, cancellationToken).ConfigureAwait(false);
        var exists = await connection.ExecuteScalarAsync<bool>(
            new CommandDefinition(HookExistsSql, new { HookId = hookId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (!exists)
            throw new HookNotFoundException();

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (DbException e) when (DatabaseErrors.IsForeignKeyViolation(e))
        {
            // Deleted between the check and the insert (a delete does not take the write scope).
            throw new HookNotFoundException();
        }
        await connection.ExecuteAsync(new CommandDefinition(
            PruneSql, new { HookId = hookId, Keep = MaxRunsPerHook }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return run;
    }

    /// <inheritdoc />
    /// <remarks>An unknown hook has no runs: the list is empty.</remarks>
    public async Task<IReadOnlyList<TestRun>> ListAsync(string hookId, int limit = 20, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<TestRunRow>(
            new CommandDefinition(ListSql, new { HookId = hookId, Limit = limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToTestRun())];
    }

    private sealed class TestRunRow
    {
        public string Id { get; set; } = "";
        public string HookId { get; set; } = "";
        public string Payload { get; set; } = "";
        public string Result { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
        public string? HttpMocks { get; set; }

        public TestRun ToTestRun() => new(
            Id, HookId, Payload,
            JsonSerializer.Deserialize<ExecutionResult>(Result, ExecutionJson.Options)
                ?? throw new InvalidOperationException($"Test run {Id} has no result."),
            CreatedAt)
        {
            HttpMocks = HttpMocks,
        };
    }
}
