using System.Threading.Channels;
using HooksDashboard.Cluster;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.Logging.Abstractions;
using HooksDashboard.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HooksDashboard.Tests.Cluster;

/// <summary>LISTEN/NOTIFY between instances and the advisory-lock leadership, on a real PostgreSQL.</summary>
public sealed class PostgresClusterTests : IAsyncLifetime
{
    private StorageFixture _fixture = null!;

    public async Task InitializeAsync() => _fixture = await StorageFixture.CreateAsync(provider: StorageProvider.PostgreSQL);

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private PostgreSqlDatabase Database => (PostgreSqlDatabase)_fixture.Engine;

    /// <summary>Another instance's database object on the same database (its own connection pool).</summary>
    private PostgreSqlDatabase NewInstance() => new(Options.Create(new StorageOptions
    {
        Provider = StorageProvider.PostgreSQL,
        ConnectionString = _fixture.EngineSettings["ConnectionStrings:" + StorageOptions.ConnectionStringName],
    }));

    [Fact]
    public async Task PublishAsync_TwoInstances_TheOtherReceivesAndTheSenderDoesNot()
    {
        await using var sourceA = NewInstance();
        await using var sourceB = NewInstance();
        using var a = new PostgresClusterSignals(sourceA, NullLogger<PostgresClusterSignals>.Instance);
        using var b = new PostgresClusterSignals(sourceB, NullLogger<PostgresClusterSignals>.Instance);
        var atA = Channel.CreateUnbounded<ClusterSignal>();
        var atB = Channel.CreateUnbounded<ClusterSignal>();
        using var subA = a.Subscribe(ClusterChannels.Events, s => atA.Writer.TryWrite(s));
        using var subB = b.Subscribe(ClusterChannels.Events, s => atB.Writer.TryWrite(s));
        using var otherChannel = b.Subscribe(ClusterChannels.Logs, s => atB.Writer.TryWrite(s));
        await a.StartAsync(CancellationToken.None);
        await b.StartAsync(CancellationToken.None);
        await Task.WhenAll(a.Listening, b.Listening).WaitAsync(TimeSpan.FromSeconds(30));

        await a.PublishAsync(ClusterChannels.Events, "hook-1");

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = await atB.Reader.ReadAsync(wait.Token);
        Assert.Equal(new ClusterSignal(ClusterChannels.Events, "hook-1"), received);
        // B's own message comes back to A only; A's own never reaches A.
        await b.PublishAsync(ClusterChannels.Events, "hook-2");
        Assert.Equal("hook-2", (await atA.Reader.ReadAsync(wait.Token)).Payload);
        Assert.False(atA.Reader.TryRead(out _));
        Assert.False(atB.Reader.TryRead(out _));
        await a.StopAsync(CancellationToken.None);
        await b.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task PublishAsync_BadInput_ClearErrors()
    {
        using var a = new PostgresClusterSignals(Database, NullLogger<PostgresClusterSignals>.Instance);

        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => a.PublishAsync("other", "x"));
        Assert.Contains("not a cluster channel", unknown.Message, StringComparison.Ordinal);
        var tooLong = await Assert.ThrowsAsync<ArgumentException>(() => a.PublishAsync(ClusterChannels.Events, new string('x', IClusterSignals.MaxPayloadLength + 1)));
        Assert.Contains("at most", tooLong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryLeadAsync_TwoInstances_OneLeadsUntilItStops()
    {
        await using var sourceB = NewInstance();
        var a = new PostgresLeadership(Database);
        await using var b = new PostgresLeadership(sourceB);

        Assert.True(await a.TryLeadAsync("job"));
        Assert.True(await a.TryLeadAsync("job"));
        Assert.False(await b.TryLeadAsync("job"));
        // Another job has its own lock.
        Assert.True(await b.TryLeadAsync("other job"));

        await a.DisposeAsync();

        Assert.True(await b.TryLeadAsync("job"));
    }

    [Fact]
    public async Task TryLeadAsync_LeaderSessionKilled_AnotherInstanceTakesOver()
    {
        await using var sourceB = NewInstance();
        await using var a = new PostgresLeadership(Database);
        await using var b = new PostgresLeadership(sourceB);
        Assert.True(await a.TryLeadAsync("job"));
        Assert.False(await b.TryLeadAsync("job"));

        // The leader's process dies: PostgreSQL ends its session (here: terminated from outside), and the lock with it.
        await using (var admin = (NpgsqlConnection)await sourceB.OpenConnectionAsync())
        {
            await using var kill = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = (@Key & 4294967295)::oid AND granted"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database());", admin);
            kill.Parameters.AddWithValue("Key", PostgresLeadership.KeyOf("job"));
            await kill.ExecuteNonQueryAsync();
        }

        // pg_terminate_backend only signals the backend: the lock goes when that session has ended.
        var led = await b.TryLeadAsync("job");
        for (var i = 0; i < 250 && !led; i++)
        {
            await Task.Delay(20);
            led = await b.TryLeadAsync("job");
        }
        Assert.True(led);
        Assert.False(await a.TryLeadAsync("job"));
    }
}
