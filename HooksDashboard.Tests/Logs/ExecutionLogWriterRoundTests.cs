using System.Data.Common;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using HookInvocation = HooksDashboard.Hooks.HookInvocation;

namespace HooksDashboard.Tests.Logs;

/// <summary>
/// A round of the background writer takes what was queued when it started; records arriving meanwhile wait for the
/// next round's group commit instead of being chased in ever smaller batches. An explicit flush still writes all.
/// </summary>
public sealed class ExecutionLogWriterRoundTests
{
    private static readonly HookInvocation Invocation =
        new(CredentialsExchangePoint.TriggerId, "module.exports = function (c, s, a, x, cb) { cb(); };", null, new Dictionary<string, string>(), InvocationSource.Runtime);

    /// <summary>Storage that records each batch's size and, while writing one, lets a new record arrive (up to a count).</summary>
    private sealed class ArrivingStorage(int arrivals) : IExecutionLogStorage
    {
        private int _arrivals = arrivals;
        public ExecutionLog? Log { get; set; }
        public List<int> Batches { get; } = [];

        public Task WriteBatchAsync(List<ExecutionLogRecord> records, CancellationToken cancellationToken)
        {
            Batches.Add(records.Count);
            if (_arrivals-- > 0)
                Log!.Record(Invocation, null, new ExecutionResult { Status = ExecutionStatus.Success });
            return Task.CompletedTask;
        }

        public Task<T> WriteWithAsync<T>(List<ExecutionLogRecord> records, Func<DbConnection, DbTransaction, CancellationToken, Task<T>> change, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    private static ExecutionLog NewLog(ArrivingStorage storage, ExecutionLogOptions? options = null)
    {
        var log = new ExecutionLog(storage, new ExecutionLogFeed(), TimeProvider.System,
            Options.Create(options ?? new ExecutionLogOptions { WriteBatchSize = 2 }), NullLogger<ExecutionLog>.Instance);
        storage.Log = log;
        return log;
    }

    [Fact]
    public async Task WriteQueuedAsync_RecordsArriveWhileWriting_WritesOnlyWhatWasQueuedAndLeavesTheRestForTheNextRound()
    {
        var storage = new ArrivingStorage(arrivals: 5);
        using var log = NewLog(storage);
        for (var i = 0; i < 3; i++)
            log.Record(Invocation, null, new ExecutionResult { Status = ExecutionStatus.Success });

        await log.WriteQueuedAsync();

        Assert.Equal([2, 1], storage.Batches);
        Assert.Equal(2, log.Backlog);
    }

    [Fact]
    public async Task FlushAsync_RecordsArriveWhileWriting_WritesUntilTheQueueIsEmpty()
    {
        var storage = new ArrivingStorage(arrivals: 5);
        using var log = NewLog(storage);
        for (var i = 0; i < 3; i++)
            log.Record(Invocation, null, new ExecutionResult { Status = ExecutionStatus.Success });

        await log.FlushAsync();

        Assert.Equal(8, storage.Batches.Sum());
        Assert.Equal(0, log.Backlog);
    }

    /// <summary>A log in batches of two with r0-r4 queued and a flush given up while writing the second batch (r2, r3).</summary>
    private static async Task<ExecutionLog> LogAfterACancelledFlushAsync(CancellingStorage storage)
    {
        var log = new ExecutionLog(storage, new ExecutionLogFeed(), TimeProvider.System,
            Options.Create(new ExecutionLogOptions { WriteBatchSize = 2 }), NullLogger<ExecutionLog>.Instance);
        for (var i = 0; i < 5; i++)
            log.Record(Invocation with { RequestId = "r" + i }, null, new ExecutionResult { Status = ExecutionStatus.Success });
        using var cancelled = new CancellationTokenSource();
        storage.CancelOnBatch = (1, cancelled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => log.FlushAsync(cancelled.Token));
        return log;
    }

    [Fact]
    public async Task FlushAsync_CancelledDuringABatch_KeepsTheLaterBatchesForTheNextDrainInOrder()
    {
        var storage = new CancellingStorage();
        using var log = await LogAfterACancelledFlushAsync(storage);

        log.Record(Invocation with { RequestId = "r5" }, null, new ExecutionResult { Status = ExecutionStatus.Success });
        await log.FlushAsync();

        // The batch being written when the flush was given up is lost, as a taken batch always was; the ones after it
        // are written next, before what was queued since.
        Assert.Equal(["r0", "r1", "r4", "r5"], storage.Written);
        Assert.Equal(0, log.Backlog);
    }

    [Fact]
    public async Task WriteQueuedAsync_AfterACancelledFlush_WritesTheLeftoversAndWhatWasQueued()
    {
        var storage = new CancellingStorage();
        using var log = await LogAfterACancelledFlushAsync(storage);

        // The writer's round for a record queued after the cancelled flush: no later record comes to wake it again.
        log.Record(Invocation with { RequestId = "r5" }, null, new ExecutionResult { Status = ExecutionStatus.Success });
        await log.WriteQueuedAsync();

        Assert.Equal(["r0", "r1", "r4", "r5"], storage.Written);
        Assert.Equal(0, log.Backlog);
    }

    [Fact]
    public async Task FlushAsync_SubscriptionMadeDuringTheWrite_ReceivesThatBatch()
    {
        var feed = new ExecutionLogFeed();
        var storage = new SubscribingStorage(feed);
        using var log = new ExecutionLog(storage, feed, TimeProvider.System,
            Options.Create(new ExecutionLogOptions()), NullLogger<ExecutionLog>.Instance);
        for (var i = 0; i < 3; i++)
            log.Record(Invocation with { RequestId = "r" + i }, null, new ExecutionResult { Status = ExecutionStatus.Success });

        // Nobody watched when the batch was taken, so its records were not kept; the one who started watching during
        // the write still gets them once committed.
        await log.FlushAsync();

        using var subscription = storage.Subscription!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = new List<string?>();
        await foreach (var record in subscription.ReadAllAsync(timeout.Token))
        {
            received.Add(record.RequestId);
            if (received.Count == 3)
                break;
        }
        Assert.Equal(["r0", "r1", "r2"], received);
    }

    /// <summary>Storage that subscribes to the feed while it writes a batch.</summary>
    private sealed class SubscribingStorage(ExecutionLogFeed feed) : IExecutionLogStorage
    {
        public IExecutionLogSubscription? Subscription { get; private set; }

        public Task WriteBatchAsync(List<ExecutionLogRecord> records, CancellationToken cancellationToken)
        {
            Subscription ??= feed.Subscribe();
            return Task.CompletedTask;
        }

        public Task<T> WriteWithAsync<T>(List<ExecutionLogRecord> records, Func<DbConnection, DbTransaction, CancellationToken, Task<T>> change, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    /// <summary>Storage that keeps the request ids it stored and cancels (throws) on the batch of a given index.</summary>
    private sealed class CancellingStorage : IExecutionLogStorage
    {
        private int _batches;
        public (int Batch, CancellationTokenSource Source)? CancelOnBatch { get; set; }
        public List<string?> Written { get; } = [];

        public Task WriteBatchAsync(List<ExecutionLogRecord> records, CancellationToken cancellationToken)
        {
            if (CancelOnBatch is { } cancel && _batches++ == cancel.Batch)
            {
                cancel.Source.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }
            Written.AddRange(records.Select(r => r.RequestId));
            return Task.CompletedTask;
        }

        public Task<T> WriteWithAsync<T>(List<ExecutionLogRecord> records, Func<DbConnection, DbTransaction, CancellationToken, Task<T>> change, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    /// <summary>
    /// With the default settings, what the group-commit delay gathers at 3,000 records a second (~450 plus what
    /// arrives during the previous write) is one commit: a commit costs the writer ~2-3 ms of CPU whatever its size
    /// (docs/benchmarks.md, "the log writer under 40 us"), and the former bound of 500 split a 600-record round in two.
    /// </summary>
    [Fact]
    public async Task WriteQueuedAsync_DefaultSettingsRoundAt3000PerSecond_IsOneCommit()
    {
        var defaults = new ExecutionLogOptions();
        var gathered = (int)Math.Ceiling(3_000 * defaults.WriteDelay.TotalSeconds) + 150;
        var storage = new ArrivingStorage(arrivals: 0);
        using var log = NewLog(storage, defaults);
        for (var i = 0; i < gathered; i++)
            log.Record(Invocation, null, new ExecutionResult { Status = ExecutionStatus.Success });

        await log.WriteQueuedAsync();

        Assert.Equal([gathered], storage.Batches);
        Assert.True(defaults.WriteDelay >= TimeSpan.FromMilliseconds(150), "at 3,000 records/s a shorter delay commits fewer than ~450 records at a time");
    }
}
