using System.Text.Json.Nodes;
using Dapper;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Cluster;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using HooksDashboard.Storage;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using HookInvocation = HooksDashboard.Hooks.HookInvocation;

namespace HooksDashboard.Tests.Logs;

/// <summary>
/// The execution log on a real PostgreSQL: the writer (day partitions), the query (filters, keyset paging and the
/// full-text search, with the same cases as <see cref="ExecutionLogQueryTests"/> on SQLite), retention dropping whole
/// days, and the live tail across instances.
/// </summary>
public sealed class PostgresExecutionLogTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(Start);
    private StorageFixture _fixture = null!;
    private IExecutionLog _log = null!;
    private IExecutionLogQuery _query = null!;

    public async Task InitializeAsync()
    {
        _fixture = await StorageFixture.CreateAsync(time: _time, provider: StorageProvider.PostgreSQL);
        _log = _fixture.Log;
        _query = _fixture.LogQuery;
        Assert.IsType<PostgresExecutionLogQuery>(_query);
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private PostgreSqlDatabase Database => (PostgreSqlDatabase)_fixture.Engine;

    private PostgresExecutionLogRetention Retention(ExecutionLogOptions options) =>
        new(Database, _time, Options.Create(options), NullLogger<PostgresExecutionLogRetention>.Instance);

    private void Record(bool success = true, string? console = null, string? errorMessage = null, string? requestId = null, string? hookId = null, double durationMs = 1, IExecutionLog? log = null)
    {
        var invocation = new HookInvocation(CredentialsExchangePoint.TriggerId, StorageFixture.Script, null, new Dictionary<string, string>(), InvocationSource.Runtime)
        {
            HookId = hookId,
            RequestId = requestId,
        };
        var result = success
            ? new ExecutionResult { Status = ExecutionStatus.Success, DurationMs = durationMs }
            : ExecutionResult.Failure(ExecutionErrorKind.Hook, "Error", errorMessage ?? "failed", durationMs);
        if (console is not null)
            result = result with { Logs = [new ConsoleLine("log", console)] };
        (log ?? _log).Record(invocation, JsonNode.Parse("{}"), result);
    }

    private async Task<List<ExecutionLogRecord>> ListAsync(ExecutionLogFilter filter)
    {
        await _log.FlushAsync();
        return [.. (await _query.ListAsync(filter, ExecutionLogPageRequest.First(ExecutionLogPageRequest.MaxLimit))).Items];
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
    [InlineData("example", "email")]
    [InlineData("cafe", "accent")]
    public async Task ListAsync_ByText_SameMatchesAsSqlitesFullTextSearch(string text, string? expected)
    {
        Record(console: "quota almost reached", requestId: "console");
        Record(success: false, errorMessage: "limit exceeded for tenant", requestId: "error");
        Record(requestId: "req-77");
        Record(console: "nothing to see", requestId: "other");
        Record(console: "sent to user@example.com", requestId: "email");
        Record(console: "Café opened", requestId: "accent");

        var items = await ListAsync(new ExecutionLogFilter(Text: text));

        if (expected is null)
            Assert.Empty(items);
        else
            Assert.Equal(expected == "request" ? "req-77" : expected, Assert.Single(items).RequestId);
    }

    [Fact]
    public async Task ListAsync_KeysetPagesAcrossDays_NoDuplicateNoGapBothWays()
    {
        for (var i = 0; i < 23; i++)
        {
            Record(requestId: "r" + i, console: i % 3 == 0 ? "rare" : "common");
            _time.Advance(TimeSpan.FromHours(3));
        }
        foreach (var text in new string?[] { null, "common" })
        {
            var filter = new ExecutionLogFilter(Text: text);
            var all = await ListAsync(filter);
            Assert.Equal(text is null ? 23 : 15, all.Count);
            Assert.Equal(all.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).Select(r => r.Id), all.Select(r => r.Id));

            var pages = new List<ExecutionLogPage> { await _query.ListAsync(filter, ExecutionLogPageRequest.First(4)) };
            while (pages[^1].Older is { } older)
                pages.Add(await _query.ListAsync(filter, new ExecutionLogPageRequest(4, OlderThan: older)));
            Assert.Equal(all.Select(r => r.Id), pages.SelectMany(p => p.Items).Select(r => r.Id));

            var back = new List<ExecutionLogPage> { pages[^1] };
            while (back[^1].Newer is { } newer)
                back.Add(await _query.ListAsync(filter, new ExecutionLogPageRequest(4, NewerThan: newer)));
            Assert.Equal(pages.Select(p => p.Items.Select(r => r.Id).ToList()).Reverse(), back.Select(p => p.Items.Select(r => r.Id).ToList()));
        }
    }

    [Fact]
    public async Task Record_RecordsOverSeveralDays_EachDayInItsOwnPartition()
    {
        Record(requestId: "day1");
        _time.Advance(TimeSpan.FromDays(1));
        Record(requestId: "day2");
        _time.Advance(TimeSpan.FromDays(2));
        Record(requestId: "day4");
        await _log.FlushAsync();

        await using var connection = await _fixture.Engine.OpenConnectionAsync();
        var partitions = (await connection.QueryAsync<(string, long)>(
            "SELECT tableoid::regclass::text, COUNT(*) FROM execution_logs GROUP BY 1 ORDER BY 1;")).ToList();
        Assert.Equal([("execution_logs_20261120", 1L), ("execution_logs_20261121", 1L), ("execution_logs_20261123", 1L)], partitions);
    }

    [Fact]
    public async Task PruneAsync_OldDays_DropsTheirPartitionsAndTrimsTheBoundaryDay()
    {
        // 20 Nov 08:00 .. 24 Nov 08:00, one record every 12 hours.
        for (var i = 0; i < 9; i++)
        {
            Record(requestId: "r" + i);
            _time.Advance(TimeSpan.FromHours(12));
        }
        await _log.FlushAsync();
        // Now 24 Nov 20:00; keep 2.5 days: cutoff 22 Nov 08:00.
        var retention = Retention(new ExecutionLogOptions { RetentionDays = 2.5 });

        var (byAge, byCount) = await retention.PruneAsync();

        Assert.Equal((4, 0), (byAge, byCount));
        var left = await ListAsync(ExecutionLogFilter.All);
        Assert.Equal(["r8", "r7", "r6", "r5", "r4"], left.Select(r => r.RequestId));
        await using var connection = await _fixture.Engine.OpenConnectionAsync();
        var partitions = await connection.QueryAsync<string>(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'execution_logs'::regclass ORDER BY 1;");
        Assert.Equal(["execution_logs_20261122", "execution_logs_20261123", "execution_logs_20261124"], partitions);
    }

    [Fact]
    public async Task PruneAsync_BeyondMaxRecords_KeepsTheNewest()
    {
        for (var i = 0; i < 7; i++)
        {
            Record(requestId: "r" + i);
            _time.Advance(TimeSpan.FromHours(10));
        }
        await _log.FlushAsync();
        var retention = Retention(new ExecutionLogOptions { MaxRecords = 3 });

        Assert.Equal((0, 4), await retention.PruneAsync());
        Assert.Equal(["r6", "r5", "r4"], (await ListAsync(ExecutionLogFilter.All)).Select(r => r.RequestId));
    }

    [Fact]
    public async Task GetStatsAsync_Durations_PercentilesAndErrorsAsOnSqlite()
    {
        for (var i = 1; i <= 20; i++)
            Record(success: i % 5 != 0, durationMs: i + 0.06);
        await _log.FlushAsync();

        var stats = Assert.Single(await _query.GetStatsAsync(Start.AddHours(-1)));

        Assert.Equal((20L, 4L, 10.0, 19.0), (stats.Invocations, stats.Errors, stats.P50Ms, stats.P95Ms));
        Assert.Equal(20, Assert.Single(stats.Hours).Invocations);
    }

    [Fact]
    public async Task Record_OnAnotherInstance_ReachesThisInstancesLiveFeed()
    {
        await using var other = await StorageFixture.CreateAsync(time: _time, settings: _fixture.EngineSettings);
        var signalsA = other.Services.GetRequiredService<PostgresClusterSignals>();
        var signalsB = _fixture.Services.GetRequiredService<PostgresClusterSignals>();
        var feedB = _fixture.Services.GetRequiredService<ExecutionLogFeed>();
        using var clusterFeedB = new ExecutionLogClusterFeed(signalsB, _fixture.Services.GetRequiredService<PostgresExecutionLogQuery>(), feedB,
            NullLogger<ExecutionLogClusterFeed>.Instance);
        await signalsA.StartAsync(CancellationToken.None);
        await signalsB.StartAsync(CancellationToken.None);
        await clusterFeedB.StartAsync(CancellationToken.None);
        await Task.WhenAll(signalsA.Listening, signalsB.Listening).WaitAsync(TimeSpan.FromSeconds(30));
        using var tailB = feedB.Subscribe();

        for (var i = 0; i < 300; i++)
            Record(requestId: "a" + i, log: other.Log);
        await other.Log.FlushAsync();

        var seen = new List<string>();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await foreach (var record in tailB.ReadAllAsync(wait.Token))
        {
            seen.Add(record.RequestId!);
            if (seen.Count == 300)
                break;
        }
        Assert.Equal(Enumerable.Range(0, 300).Select(i => "a" + i).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        await clusterFeedB.StopAsync(CancellationToken.None);
        await signalsA.StopAsync(CancellationToken.None);
        await signalsB.StopAsync(CancellationToken.None);
    }
}
