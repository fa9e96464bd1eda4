using Dapper;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Data.Sqlite;

namespace HooksDashboard.Tests.Logs;

/// <summary>
/// The SQLite store's batch insert (a statement prepared on the connection's handle, values bound by position): every
/// column, NULLs, text outside ASCII and the full-text index come back as written; a failing row fails the whole batch.
/// </summary>
public sealed class SqliteExecutionLogStorageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    private StorageFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await StorageFixture.CreateAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private SqliteExecutionLogStorage Storage => new(_fixture.Database);

    private static ExecutionLogRecord Full(string id, DateTimeOffset at) => new()
    {
        Id = id,
        CreatedAt = at,
        HookId = "01HOOKFULL0000000000000000",
        HookName = "Grüße 🎉 hook",
        TriggerId = CredentialsExchangePoint.TriggerId,
        Source = InvocationSource.Runtime,
        Outcome = ExecutionStatus.Error,
        DurationMs = 12.375,
        RequestId = "req-Ωmega-7",
        Error = new ExecutionError { Kind = ExecutionErrorKind.Hook, Name = "QuotaError", Message = "Zürich quota exceeded for naïve client 🎉" },
        Logs = [new ConsoleLine("log", "checking plan for Ærøskøbing"), new ConsoleLine("warn", "second line \u2028 with a separator")],
        LogsDropped = 3,
        Payload = """{"client":{"name":"café"},"n":1.50}""",
    };

    private static ExecutionLogRecord Bare(string id, DateTimeOffset at) => new()
    {
        Id = id,
        CreatedAt = at,
        TriggerId = CredentialsExchangePoint.TriggerId,
        Source = InvocationSource.Cli,
        Outcome = ExecutionStatus.Success,
        DurationMs = 0,
    };

    [Fact]
    public async Task WriteBatchAsync_EveryColumnNullsAndNonAsciiText_ReadBackAsWritten()
    {
        var full = Full(Ulid.NewId(Start), Start);
        var bare = Bare(Ulid.NewId(Start.AddMilliseconds(1)), Start.AddMilliseconds(1));

        await Storage.WriteBatchAsync([full, bare], CancellationToken.None);

        var readFull = await _fixture.LogQuery.GetAsync(full.Id);
        Assert.NotNull(readFull);
        Assert.Equal(full.CreatedAt, readFull.CreatedAt);
        Assert.Equal(full.HookId, readFull.HookId);
        Assert.Equal(full.HookName, readFull.HookName);
        Assert.Equal(full.TriggerId, readFull.TriggerId);
        Assert.Equal(full.Source, readFull.Source);
        Assert.Equal(full.Outcome, readFull.Outcome);
        Assert.Equal(full.DurationMs, readFull.DurationMs);
        Assert.Equal(full.RequestId, readFull.RequestId);
        Assert.Equal(full.Error, readFull.Error);
        Assert.Equal(full.Logs, readFull.Logs);
        Assert.Equal(3, readFull.LogsDropped);
        Assert.Equal(full.Payload, readFull.Payload);
        Assert.Empty(readFull.Requests);

        var readBare = await _fixture.LogQuery.GetAsync(bare.Id);
        Assert.NotNull(readBare);
        Assert.Null(readBare.HookId);
        Assert.Null(readBare.HookName);
        Assert.Null(readBare.RequestId);
        Assert.Null(readBare.Error);
        Assert.Null(readBare.Payload);
        Assert.Empty(readBare.Logs);
        Assert.Equal(InvocationSource.Cli, readBare.Source);

        // The columns the queries filter on hold the stores' text forms, NULLs as NULL (not empty text).
        await using var connection = await _fixture.Database.OpenConnectionAsync();
        var stored = (await connection.QueryAsync<(string Id, string CreatedAt, string? HookId, string? ErrorKind, string Logs, string? Requests)>(
            "SELECT id, created_at, hook_id, error_kind, logs, requests FROM execution_logs ORDER BY seq;")).ToList();
        Assert.Equal(("2026-12-06T10:00:00.0000000Z", "hook"), (stored[0].CreatedAt, stored[0].ErrorKind));
        Assert.Equal(("2026-12-06T10:00:00.0010000Z", (string?)null, (string?)null, "[]", (string?)null),
            (stored[1].CreatedAt, stored[1].HookId, stored[1].ErrorKind, stored[1].Logs, stored[1].Requests));
    }

    [Fact]
    public async Task WriteBatchAsync_EmptyTexts_AreStoredAsEmptyTextNotNull()
    {
        var record = Bare(Ulid.NewId(Start), Start) with
        {
            HookId = "",
            HookName = "",
            RequestId = "",
            Error = new ExecutionError { Kind = ExecutionErrorKind.Hook, Name = "", Message = "" },
            Logs = [new ConsoleLine("log", "")],
            Payload = "\"\"",
        };

        await Storage.WriteBatchAsync([record], CancellationToken.None);

        await using var connection = await _fixture.Database.OpenConnectionAsync();
        var stored = await connection.QuerySingleAsync<(string? HookId, string? HookName, string? RequestId, string? ErrorName, string? ErrorMessage)>(
            "SELECT hook_id, hook_name, request_id, error_name, error_message FROM execution_logs;");
        Assert.Equal(("", "", "", "", ""), (stored.HookId, stored.HookName, stored.RequestId, stored.ErrorName, stored.ErrorMessage));
        var read = await _fixture.LogQuery.GetAsync(record.Id);
        Assert.NotNull(read);
        Assert.Equal("\"\"", read.Payload);
        Assert.Equal([new ConsoleLine("log", "")], read.Logs);
    }

    [Theory]
    [InlineData("zurich")]
    [InlineData("Zürich quota")]
    [InlineData("ærøskøbing")]
    [InlineData("req-Ωmega-7")]
    [InlineData("QuotaError")]
    [InlineData("separator")]
    public async Task WriteBatchAsync_NonAsciiText_IsFoundByTheTextSearch(string text)
    {
        var full = Full(Ulid.NewId(Start), Start);
        await Storage.WriteBatchAsync([full, Bare(Ulid.NewId(Start.AddSeconds(1)), Start.AddSeconds(1))], CancellationToken.None);

        var page = await _fixture.LogQuery.ListAsync(new ExecutionLogFilter(Text: text), ExecutionLogPageRequest.First());

        Assert.Equal([full.Id], page.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task WriteBatchAsync_RowViolatingAConstraint_ThrowsAndStoresNothingOfTheBatch()
    {
        var id = Ulid.NewId(Start);
        List<ExecutionLogRecord> batch = [Full(Ulid.NewId(Start.AddMilliseconds(-1)), Start.AddMilliseconds(-1)), Bare(id, Start), Bare(id, Start.AddMilliseconds(1))];

        var error = await Assert.ThrowsAsync<SqliteException>(() => Storage.WriteBatchAsync(batch, CancellationToken.None));

        Assert.Contains("UNIQUE", error.Message, StringComparison.Ordinal);
        var page = await _fixture.LogQuery.ListAsync(ExecutionLogFilter.All, ExecutionLogPageRequest.First());
        Assert.Empty(page.Items);
        // The next batch is written as usual (the failed statement left nothing behind on the pooled connection).
        await Storage.WriteBatchAsync([Bare(Ulid.NewId(Start.AddSeconds(1)), Start.AddSeconds(1))], CancellationToken.None);
        Assert.Single((await _fixture.LogQuery.ListAsync(ExecutionLogFilter.All, ExecutionLogPageRequest.First())).Items);
    }
}
