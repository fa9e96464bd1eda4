using System.Collections.Concurrent;
using System.Threading.Channels;

namespace HooksDashboard.Logs;

/// <summary>In-process fan-out of committed records: one bounded channel per subscriber.</summary>
public sealed class ExecutionLogFeed : IExecutionLogFeed
{
    /// <summary>Records buffered per subscriber before the oldest are dropped.</summary>
    public const int SubscriberCapacity = 1_000;

    private readonly ConcurrentDictionary<Subscription, byte> _subscribers = new();

    public IExecutionLogSubscription Subscribe()
    {
        var subscription = new Subscription(this);
        _subscribers.TryAdd(subscription, 0);
        return subscription;
    }

    /// <summary>How many subscriptions are open (for tests and diagnostics).</summary>
    public int SubscriberCount => _subscribers.Count;

    /// <summary>Delivers committed records to every subscriber; never blocks.</summary>
    internal void Publish(IReadOnlyList<ExecutionLogRecord> records)
    {
        foreach (var subscriber in _subscribers.Keys)
        {
            foreach (var record in records)
                subscriber.Channel.Writer.TryWrite(record);
        }
    }

    private sealed class Subscription(ExecutionLogFeed feed) : IExecutionLogSubscription
    {
        public Channel<ExecutionLogRecord> Channel { get; } = System.Threading.Channels.Channel.CreateBounded<ExecutionLogRecord>(
            new BoundedChannelOptions(SubscriberCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

        public IAsyncEnumerable<ExecutionLogRecord> ReadAllAsync(CancellationToken cancellationToken = default) =>
            Channel.Reader.ReadAllAsync(cancellationToken);

        public void Dispose()
        {
            feed._subscribers.TryRemove(this, out _);
            Channel.Writer.TryComplete();
        }
    }
}
