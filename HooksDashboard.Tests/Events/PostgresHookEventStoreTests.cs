using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using HooksDashboard.Cluster;
using HooksDashboard.Events;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.Logging.Abstractions;
using HooksDashboard.Storage;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Tests.Events;

/// <summary>The durable event queue on a real PostgreSQL shared by several instances (stores on their own data sources).</summary>
public sealed class PostgresHookEventStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(Start);
    private StorageFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await StorageFixture.CreateAsync(time: _time, provider: StorageProvider.PostgreSQL);

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    /// <summary>Another instance's database object on the same database (its own connection pool).</summary>
    private PostgreSqlDatabase NewInstance() => new(Options.Create(new StorageOptions
    {
        Provider = StorageProvider.PostgreSQL,
        ConnectionString = _fixture.EngineSettings["ConnectionStrings:" + StorageOptions.ConnectionStringName],
    }));

    private PostgresHookEventStore NewStore(PostgreSqlDatabase? database = null, IClusterSignals? signals = null) =>
        new(database ?? (PostgreSqlDatabase)_fixture.Engine, signals ?? new LocalClusterSignals(), _time);

    private async Task<string> EnqueueAsync(PostgresHookEventStore store, string requestId)
    {
        await using var connection = await _fixture.Engine.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var id = await store.EnqueueAsync(connection, transaction, "post-user-registration", new JsonObject { ["n"] = requestId }, requestId);
        await transaction.CommitAsync();
        return id;
    }

    [Fact]
    public async Task ClaimNextAsync_FourInstancesRacing_EachEventClaimedExactlyOnce()
    {
        using var queuing = NewStore();
        for (var i = 0; i < 60; i++)
            await EnqueueAsync(queuing, "r" + i);
        var sources = Enumerable.Range(0, 4).Select(_ => NewInstance()).ToList();
        var claimed = new ConcurrentBag<string>();
        try
        {
            var workers = sources.Select(source => Task.Run(async () =>
            {
                using var store = NewStore(source);
                while (await store.ClaimNextAsync(maxAttempts: 3, TimeSpan.FromMinutes(1)) is { } e)
                {
                    claimed.Add(e.Id);
                    Assert.True(await store.CompleteAsync(e, "{}"));
                }
            }));
            await Task.WhenAll(workers);
        }
        finally
        {
            foreach (var source in sources)
                await source.DisposeAsync();
        }

        Assert.Equal(60, claimed.Count);
        Assert.Equal(60, claimed.Distinct().Count());
        Assert.All(await queuing.ListAsync(limit: 100), e => Assert.Equal((HookEventStatus.Done, 1), (e.Status, e.Attempts)));
    }

    [Fact]
    public async Task ClaimNextAsync_InstanceDiedMidEvent_AnotherTakesItOverWhenTheLeaseRunsOut()
    {
        using var a = NewStore();
        await using var sourceB = NewInstance();
        using var b = NewStore(sourceB);
        var id = await EnqueueAsync(a, "crash");
        var first = await a.ClaimNextAsync(3, TimeSpan.FromSeconds(30));
        Assert.Equal(id, first!.Id);

        // A is gone (never completes). Until the lease runs out nobody else gets the event.
        Assert.Null(await b.ClaimNextAsync(3, TimeSpan.FromSeconds(30)));
        _time.Advance(TimeSpan.FromSeconds(31));
        var second = await b.ClaimNextAsync(3, TimeSpan.FromSeconds(30));

        Assert.Equal((id, 2), (second!.Id, second.Attempts));
        Assert.True(await b.CompleteAsync(second, "{\"ok\":true}"));
        // A's late completion is refused: B's attempt decided the event.
        Assert.False(await a.CompleteAsync(first, "{}"));
        var stored = await a.GetAsync(id);
        Assert.Equal((HookEventStatus.Done, "{\"ok\":true}"), (stored!.Status, stored.Result));
    }

    [Fact]
    public async Task FailAsync_Retry_DueAgainAtTheRetryTimeThenFailedForGood()
    {
        using var store = NewStore();
        var id = await EnqueueAsync(store, "retry");
        var claimed = await store.ClaimNextAsync(2, TimeSpan.FromMinutes(1));
        Assert.True(await store.FailAsync(claimed!, "Error: boom", null, Start.AddSeconds(5)));
        Assert.Null(await store.ClaimNextAsync(2, TimeSpan.FromMinutes(1)));

        _time.Advance(TimeSpan.FromSeconds(5));
        var again = await store.ClaimNextAsync(2, TimeSpan.FromMinutes(1));
        Assert.Equal((id, 2), (again!.Id, again.Attempts));
        Assert.True(await store.FailAsync(again, "Error: boom again", null, retryAt: null));

        var stored = await store.GetAsync(id);
        Assert.Equal((HookEventStatus.Failed, "Error: boom again"), (stored!.Status, stored.LastError));
        Assert.Null(await store.ClaimNextAsync(2, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task ClaimNextAsync_LeaseRanOutOnTheLastAttempt_MarkedFailed()
    {
        using var store = NewStore();
        var id = await EnqueueAsync(store, "last");
        Assert.NotNull(await store.ClaimNextAsync(1, TimeSpan.FromSeconds(10)));
        _time.Advance(TimeSpan.FromSeconds(11));

        Assert.Null(await store.ClaimNextAsync(1, TimeSpan.FromSeconds(10)));
        var stored = await store.GetAsync(id);
        Assert.Equal(HookEventStatus.Failed, stored!.Status);
        Assert.Contains("stopped before it finished", stored.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnqueueAsync_OnAnotherInstance_WakesThisInstancesWorkerAtCommit()
    {
        await using var sourceA = NewInstance();
        await using var sourceB = NewInstance();
        using var signalsA = new PostgresClusterSignals(sourceA, NullLogger<PostgresClusterSignals>.Instance);
        using var signalsB = new PostgresClusterSignals(sourceB, NullLogger<PostgresClusterSignals>.Instance);
        await signalsA.StartAsync(CancellationToken.None);
        await signalsB.StartAsync(CancellationToken.None);
        await Task.WhenAll(signalsA.Listening, signalsB.Listening).WaitAsync(TimeSpan.FromSeconds(30));
        using var a = NewStore(sourceA, signalsA);
        using var b = NewStore(sourceB, signalsB);

        var waiting = b.WaitForWorkAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        await using (var connection = await sourceA.OpenConnectionAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await a.EnqueueAsync(connection, transaction, "post-user-registration", new JsonObject(), null);
            await Task.Delay(300);
            Assert.False(waiting.IsCompleted, "woken before the commit");
            await transaction.CommitAsync();
        }

        var woken = await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(waiting, woken);
        await signalsA.StopAsync(CancellationToken.None);
        await signalsB.StopAsync(CancellationToken.None);
    }
}
