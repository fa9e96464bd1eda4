using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;
using HookInvocation = HooksDashboard.Hooks.HookInvocation;

namespace HooksDashboard.Tests.Logs;

/// <summary>Filters, keyset paging, the API shape and statistics over records written by the real writer.</summary>
public sealed class ExecutionLogQueryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(Start);
    private StorageFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await StorageFixture.CreateAsync(time: _time);

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private IExecutionLogQuery Query => _fixture.LogQuery;

    /// <summary>Records one invocation as the runner would, at the clock's current time.</summary>
    private void Record(
        string triggerId = CredentialsExchangePoint.TriggerId,
        string? hookId = null,
        InvocationSource source = InvocationSource.Runtime,
        bool success = true,
        string? console = null,
        string? errorMessage = null,
        string? requestId = null,
        double durationMs = 1)
    {
        var invocation = new HookInvocation(triggerId, StorageFixture.Script, null, new Dictionary<string, string>(), source)
        {
            HookId = hookId,
            HookName = hookId is null ? null : "Hook " + hookId,
            RequestId = requestId,
        };
        var result = success
            ? new ExecutionResult { Status = ExecutionStatus.Success, DurationMs = durationMs }
            : ExecutionResult.Failure(ExecutionErrorKind.Hook, "Error", errorMessage ?? "failed", durationMs);
        if (console is not null)
            result = result with { Logs = [new ConsoleLine("log", console)] };
        _fixture.Log.Record(invocation, JsonNode.Parse("{}"), result);
    }

    private async Task<List<ExecutionLogRecord>> ListAsync(ExecutionLogFilter filter)
    {
        await _fixture.Log.FlushAsync();
        return [.. (await Query.ListAsync(filter, ExecutionLogPageRequest.First(ExecutionLogPageRequest.MaxLimit))).Items];
    }

    [Fact]
    public async Task ListAsync_NoFilter_NewestFirst()
    {
        Record(requestId: "first");
        _time.Advance(TimeSpan.FromSeconds(1));
        Record(requestId: "second");

        var items = await ListAsync(ExecutionLogFilter.All);

        Assert.Equal(["second", "first"], items.Select(r => r.RequestId));
    }

    [Fact]
    public async Task ListAsync_ByHook_OnlyThatHook()
    {
        Record(hookId: "H1");
        Record(hookId: "H2");
        Record();

        var items = await ListAsync(new ExecutionLogFilter(HookId: "H1"));

        Assert.Equal("H1", Assert.Single(items).HookId);
    }

    [Fact]
    public async Task ListAsync_ByPoint_OnlyThatPoint()
    {
        Record(PreUserRegistrationPoint.TriggerId);
        Record(CredentialsExchangePoint.TriggerId);

        var items = await ListAsync(new ExecutionLogFilter(TriggerId: PreUserRegistrationPoint.TriggerId));

        Assert.Equal(PreUserRegistrationPoint.TriggerId, Assert.Single(items).TriggerId);
    }

    [Fact]
    public async Task ListAsync_BySource_OnlyThatSource()
    {
        Record(source: InvocationSource.Runtime);
        Record(source: InvocationSource.Test);
        Record(source: InvocationSource.Cli);

        var items = await ListAsync(new ExecutionLogFilter(Source: InvocationSource.Test));

        Assert.Equal(InvocationSource.Test, Assert.Single(items).Source);
    }

    [Fact]
    public async Task ListAsync_ByOutcome_OnlyThatOutcome()
    {
        Record(success: true);
        Record(success: false);

        var items = await ListAsync(new ExecutionLogFilter(Outcome: ExecutionStatus.Error));

        Assert.Equal(ExecutionStatus.Error, Assert.Single(items).Outcome);
    }

    [Fact]
    public async Task ListAsync_ByTimeRange_FromInclusiveToExclusive()
    {
        foreach (var tag in new[] { "a", "b", "c", "d" })
        {
            Record(requestId: tag);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var items = await ListAsync(new ExecutionLogFilter(From: Start.AddMinutes(1), To: Start.AddMinutes(3)));

        Assert.Equal(["c", "b"], items.Select(r => r.RequestId));
    }

    [Theory]
    [InlineData("quota", "console")]
    [InlineData("QUOTA", "console")]
    [InlineData("exceeded", "error")]
    [InlineData("exceed*", "error")]
    [InlineData("exceed", null)]
    [InlineData("req-77", "request")]
    [InlineData("denied quota", null)]
    [InlineData("\"unbalanced", null)]
    public async Task ListAsync_ByText_SearchesConsoleErrorAndRequestId(string text, string? expected)
    {
        Record(console: "quota almost reached", requestId: "console");
        Record(success: false, errorMessage: "limit exceeded for tenant", requestId: "error");
        Record(requestId: "req-77");
        Record(console: "nothing to see", requestId: "other");

        var items = await ListAsync(new ExecutionLogFilter(Text: text));

        if (expected is null)
            Assert.Empty(items);
        else
            Assert.Equal(expected == "request" ? "req-77" : expected, Assert.Single(items).RequestId);
    }

    [Fact]
    public async Task ListAsync_ByText_FindsRecordsOfEveryBatchAndOfWritesWithAChange()
    {
        // The writer indexes each batch's text in the batch's own transaction: records of separate batches, and one
        // stored with a caller's change (WriteAsync), are all searchable, and nothing is indexed twice.
        Record(console: "needle one", requestId: "batch-1");
        await _fixture.Log.FlushAsync();
        Record(requestId: "reqonly77");
        Record(console: "needle two", requestId: "batch-2");
        await _fixture.Log.FlushAsync();
        var invocation = new HookInvocation(CredentialsExchangePoint.TriggerId, StorageFixture.Script, null, new Dictionary<string, string>(), InvocationSource.Runtime)
        {
            RequestId = "with-change",
        };
        var entry = _fixture.Log.Prepare(invocation, null, new ExecutionResult { Status = ExecutionStatus.Success, Logs = [new ConsoleLine("log", "needle three")] });
        await _fixture.Log.WriteAsync(entry, (_, _, _) => Task.FromResult(true));
        Record(console: "needle four", requestId: "batch-3");

        var items = await ListAsync(new ExecutionLogFilter(Text: "needle"));

        Assert.Equal(["batch-3", "with-change", "batch-2", "batch-1"], items.Select(r => r.RequestId));
        Assert.Equal("reqonly77", Assert.Single(await ListAsync(new ExecutionLogFilter(Text: "reqonly77"))).RequestId);
        await using var connection = await _fixture.Database.OpenConnectionAsync();
        Assert.Equal(
            await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM execution_logs;"),
            await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM execution_logs_fts;"));
    }

    [Fact]
    public async Task ListAsync_CombinedFilters_AllMustMatch()
    {
        Record(hookId: "H1", success: false, console: "boom");
        Record(hookId: "H1", success: true, console: "boom");
        Record(hookId: "H2", success: false, console: "boom");

        var items = await ListAsync(new ExecutionLogFilter(HookId: "H1", Outcome: ExecutionStatus.Error, Text: "boom"));

        var record = Assert.Single(items);
        Assert.Equal("H1", record.HookId);
        Assert.Equal(ExecutionStatus.Error, record.Outcome);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("common")]
    public async Task ListAsync_KeysetPagesWithEqualTimestamps_NoDuplicateNoGapBothWays(string? text)
    {
        // 23 records in the same instant, then 4 more a second later: paging must not lean on the time alone.
        // The writer never stores two equal times itself (it keeps write order = time order), so they are set here.
        for (var i = 0; i < 23; i++)
            Record(requestId: "same-" + i, console: "common words");
        _time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 4; i++)
            Record(requestId: "later-" + i, console: i == 2 ? "rare" : "common");
        await _fixture.Log.FlushAsync();
        await using (var connection = await _fixture.Database.OpenConnectionAsync())
        {
            Assert.Equal(23, await connection.ExecuteAsync(
                "UPDATE execution_logs SET created_at = (SELECT MIN(created_at) FROM execution_logs) WHERE request_id LIKE 'same-%';"));
        }
        var filter = new ExecutionLogFilter(Text: text);
        var all = await ListAsync(filter);
        Assert.Equal(text is null ? 27 : 26, all.Count);
        Assert.Equal(all.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).Select(r => r.Id), all.Select(r => r.Id));

        var pages = new List<ExecutionLogPage>();
        var page = await Query.ListAsync(filter, ExecutionLogPageRequest.First(5));
        pages.Add(page);
        while (page.Older is not null)
        {
            page = await Query.ListAsync(filter, new ExecutionLogPageRequest(5, OlderThan: ExecutionLogCursor.Decode(page.Older.Encode())));
            pages.Add(page);
        }
        Assert.Equal(all.Select(r => r.Id), pages.SelectMany(p => p.Items).Select(r => r.Id));
        Assert.Null(pages[0].Newer);
        Assert.Equal(6, pages.Count);

        // Back towards the newest from the last page gives the same pages in reverse.
        var back = new List<ExecutionLogPage> { pages[^1] };
        while (back[^1].Newer is { } newer)
            back.Add(await Query.ListAsync(filter, new ExecutionLogPageRequest(5, NewerThan: newer)));
        Assert.Equal(pages.Select(p => p.Items.Select(r => r.Id).ToList()).Reverse(), back.Select(p => p.Items.Select(r => r.Id).ToList()));
    }

    [Fact]
    public async Task Record_ClockGoesBack_WriteOrderStaysTimeOrder()
    {
        Record(requestId: "first");
        await _fixture.Log.FlushAsync();
        _time.Advance(TimeSpan.FromMinutes(-5));
        Record(requestId: "second");

        var items = await ListAsync(ExecutionLogFilter.All);

        Assert.Equal(["second", "first"], items.Select(r => r.RequestId));
        Assert.True(items[0].CreatedAt > items[1].CreatedAt);
    }

    [Fact]
    public async Task ListAsync_TextWithTimeRangeAndFilters_UsesTheSameBounds()
    {
        for (var i = 0; i < 10; i++)
        {
            Record(requestId: "t" + i, console: "needle", success: i % 2 == 0);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var items = await ListAsync(new ExecutionLogFilter(Outcome: ExecutionStatus.Success, From: Start.AddMinutes(2), To: Start.AddMinutes(7), Text: "needle"));

        Assert.Equal(["t6", "t4", "t2"], items.Select(r => r.RequestId));
    }

    [Fact]
    public async Task ListAsync_BadRequest_ClearErrors()
    {
        var cursor = new ExecutionLogCursor(Start, "01GQN0P01XY4VE0PCK7H20QZ4M");

        await Assert.ThrowsAsync<ArgumentException>(() => Query.ListAsync(ExecutionLogFilter.All, new ExecutionLogPageRequest(0)));
        await Assert.ThrowsAsync<ArgumentException>(() => Query.ListAsync(ExecutionLogFilter.All, new ExecutionLogPageRequest(501)));
        await Assert.ThrowsAsync<ArgumentException>(() => Query.ListAsync(ExecutionLogFilter.All, new ExecutionLogPageRequest(5, cursor, cursor)));
        Assert.Equal("The paging cursor is not valid.", Assert.Throws<FormatException>(() => ExecutionLogCursor.Decode("not a cursor!")).Message);
        Assert.Throws<FormatException>(() => ExecutionLogCursor.Decode("MTIzLmFiYw"));
        Assert.Equal(cursor, ExecutionLogCursor.Decode(cursor.Encode()));
    }

    [Fact]
    public async Task ListHookLogsAsync_ApiShape_IsExactlyTheManagementApiJson()
    {
        Record(hookId: "H1", success: false, console: "hello", errorMessage: "nope", durationMs: 12.5);
        await _fixture.Log.FlushAsync();

        var entry = Assert.Single(await Query.ListHookLogsAsync("H1"));
        var json = JsonNode.Parse(JsonSerializer.Serialize(entry, ExecutionJson.Options))!.AsObject();

        Assert.Equal(["id", "date", "hookId", "triggerId", "source", "outcome", "durationMs", "logs", "error"], json.Select(p => p.Key));
        Assert.Equal(entry.Id, (string?)json["id"]);
        Assert.Equal(Start, DateTimeOffset.Parse((string)json["date"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("H1", (string?)json["hookId"]);
        Assert.Equal("credentials-exchange", (string?)json["triggerId"]);
        Assert.Equal("runtime", (string?)json["source"]);
        Assert.Equal("error", (string?)json["outcome"]);
        Assert.Equal(12.5, (double)json["durationMs"]!);
        Assert.Equal("""[{"level":"log","message":"hello"}]""", json["logs"]!.ToJsonString());
        Assert.Equal("""{"kind":"hook","name":"Error","message":"nope"}""", json["error"]!.ToJsonString());
        Assert.Empty(await Query.ListHookLogsAsync("unknown"));
    }

    [Fact]
    public async Task ListHookLogsAsync_Success_ErrorIsNull()
    {
        Record(hookId: "H1");
        await _fixture.Log.FlushAsync();

        var json = JsonNode.Parse(JsonSerializer.Serialize(Assert.Single(await Query.ListHookLogsAsync("H1")), ExecutionJson.Options))!.AsObject();

        Assert.True(json.ContainsKey("error"));
        Assert.Null(json["error"]);
        Assert.Equal("success", (string?)json["outcome"]);
    }

    [Fact]
    public async Task StreamAsync_ManyRecords_AllInOrderAcrossChunks()
    {
        for (var i = 0; i < 1_203; i++)
            Record(source: i % 2 == 0 ? InvocationSource.Runtime : InvocationSource.Test);
        await _fixture.Log.FlushAsync();

        var streamed = new List<ExecutionLogRecord>();
        await foreach (var record in Query.StreamAsync(new ExecutionLogFilter(Source: InvocationSource.Runtime)))
            streamed.Add(record);

        Assert.Equal(602, streamed.Count);
        Assert.Equal(602, streamed.Select(r => r.Id).Distinct().Count());
        Assert.Equal(streamed.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).Select(r => r.Id), streamed.Select(r => r.Id));
    }

    [Fact]
    public async Task GetStatsAsync_PerPoint_CountsErrorsAndPercentiles()
    {
        Record(requestId: "old", durationMs: 999);
        _time.Advance(TimeSpan.FromHours(2));
        for (var i = 1; i <= 20; i++)
            Record(CredentialsExchangePoint.TriggerId, success: i % 5 != 0, durationMs: i);
        Record(PreUserRegistrationPoint.TriggerId, durationMs: 3.25);
        await _fixture.Log.FlushAsync();

        var stats = await Query.GetStatsAsync(Start.AddHours(1));

        var credentials = Assert.Single(stats, s => s.TriggerId == CredentialsExchangePoint.TriggerId);
        Assert.Equal(20, credentials.Invocations);
        Assert.Equal(4, credentials.Errors);
        Assert.Equal(10, credentials.P50Ms);
        Assert.Equal(19, credentials.P95Ms);
        var pre = Assert.Single(stats, s => s.TriggerId == PreUserRegistrationPoint.TriggerId);
        Assert.Equal(3.2, pre.P50Ms);
        Assert.Equal(2, stats.Count);
    }

    [Fact]
    public async Task GetStatsAsync_PerPoint_CountsInvocationsAndErrorsPerClockHour()
    {
        Record(CredentialsExchangePoint.TriggerId, durationMs: 1);
        _time.Advance(TimeSpan.FromMinutes(59));
        Record(CredentialsExchangePoint.TriggerId, success: false, durationMs: 1);
        _time.Advance(TimeSpan.FromMinutes(2));
        Record(CredentialsExchangePoint.TriggerId, durationMs: 1);
        _time.Advance(TimeSpan.FromHours(2));
        Record(CredentialsExchangePoint.TriggerId, success: false, durationMs: 1);
        Record(PreUserRegistrationPoint.TriggerId, durationMs: 1);
        await _fixture.Log.FlushAsync();

        var stats = await Query.GetStatsAsync(Start);

        var credentials = Assert.Single(stats, s => s.TriggerId == CredentialsExchangePoint.TriggerId);
        // 08:00 and 08:59 share the 08:00 hour; 09:01 is the next; nothing at 10:00; 11:01 the last.
        Assert.Equal(
            [new HourlyInvocations(Start, 2, 1), new HourlyInvocations(Start.AddHours(1), 1, 0), new HourlyInvocations(Start.AddHours(3), 1, 1)],
            credentials.Hours);
        Assert.Equal([new HourlyInvocations(Start.AddHours(3), 1, 0)], Assert.Single(stats, s => s.TriggerId == PreUserRegistrationPoint.TriggerId).Hours);
    }

    [Fact]
    public async Task GetAsync_UnknownId_IsNull()
    {
        Assert.Null(await Query.GetAsync("01GQN0P01XY4VE0PCK7H20QZ4M"));
    }

    [Fact]
    public void Matches_FeedRecord_FollowsTheSameFilterRules()
    {
        var record = new ExecutionLogRecord
        {
            Id = "01GQN0P01XY4VE0PCK7H20QZ4M",
            CreatedAt = Start,
            HookId = "H1",
            TriggerId = CredentialsExchangePoint.TriggerId,
            Source = InvocationSource.Runtime,
            Outcome = ExecutionStatus.Error,
            Logs = [new ConsoleLine("log", "Quota reached")],
        };

        Assert.True(new ExecutionLogFilter(HookId: "H1", Outcome: ExecutionStatus.Error, Text: "quota").Matches(record));
        Assert.False(new ExecutionLogFilter(HookId: "H2").Matches(record));
        Assert.False(new ExecutionLogFilter(Source: InvocationSource.Test).Matches(record));
        Assert.False(new ExecutionLogFilter(From: Start.AddSeconds(1)).Matches(record));
        Assert.False(new ExecutionLogFilter(To: Start).Matches(record));
        Assert.False(new ExecutionLogFilter(Text: "absent").Matches(record));
    }
}

/// <summary>Retention by age and by count, in batches, keeping the full-text index in step.</summary>
public sealed class ExecutionLogRetentionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(Start);
    private StorageFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await StorageFixture.CreateAsync(time: _time, settings: new Dictionary<string, string?>
    {
        ["Logs:RetentionDays"] = "2",
        ["Logs:MaxRecords"] = "5",
        ["Logs:RetentionBatchSize"] = "2",
    });

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private ExecutionLogRetention Retention => _fixture.Services.GetRequiredService<ExecutionLogRetention>();

    private void Record(string tag) => _fixture.Log.Record(
        new HookInvocation(CredentialsExchangePoint.TriggerId, StorageFixture.Script, null, new Dictionary<string, string>(), InvocationSource.Runtime) { RequestId = tag },
        null,
        new ExecutionResult { Status = ExecutionStatus.Success, Logs = [new ConsoleLine("log", "tag " + tag)] });

    private async Task<List<string?>> RemainingAsync() =>
        [.. (await _fixture.LogQuery.ListAsync(ExecutionLogFilter.All, ExecutionLogPageRequest.First(100))).Items.Select(r => r.RequestId)];

    private async Task<long> FtsCountAsync()
    {
        await using var connection = await _fixture.Database.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM execution_logs_fts;");
    }

    [Fact]
    public async Task PruneAsync_OlderThanRetention_RemovedInBatches()
    {
        foreach (var tag in new[] { "d0", "d1", "d2", "d3" })
        {
            Record(tag);
            _time.Advance(TimeSpan.FromDays(1));
        }
        await _fixture.Log.FlushAsync();
        // Now is day 4: with 2 days of retention, days 0 and 1 go (day 2 is exactly at the cutoff and stays).

        var (byAge, byCount) = await Retention.PruneAsync();

        Assert.Equal(2, byAge);
        Assert.Equal(0, byCount);
        Assert.Equal(["d3", "d2"], await RemainingAsync());
        Assert.Equal(2, await FtsCountAsync());
        Assert.Empty((await _fixture.LogQuery.ListAsync(new ExecutionLogFilter(Text: "d0"), ExecutionLogPageRequest.First())).Items);
    }

    [Fact]
    public async Task PruneAsync_BeyondMaxRecords_OldestRemoved()
    {
        for (var i = 0; i < 8; i++)
        {
            Record("r" + i);
            _time.Advance(TimeSpan.FromMinutes(1));
        }
        await _fixture.Log.FlushAsync();

        var (byAge, byCount) = await Retention.PruneAsync();

        Assert.Equal(0, byAge);
        Assert.Equal(3, byCount);
        Assert.Equal(["r7", "r6", "r5", "r4", "r3"], await RemainingAsync());
        Assert.Equal(5, await FtsCountAsync());
        Assert.Equal((0, 0), await Retention.PruneAsync());
    }
}
