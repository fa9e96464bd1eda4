using System.Threading.Channels;
using HooksDashboard.Cluster;

namespace HooksDashboard.Logs;

/// <summary>
/// Brings the records other instances store into this instance's live feed (<see cref="ExecutionLogFeed"/>), so the
/// Logs page's live tail shows invocations from every instance: each notification names a committed batch's ids
/// (<see cref="PostgresExecutionLogStorage"/>), which are read back and published. The listener's thread only queues
/// the ids; reading happens here. Best effort, like the feed itself: ids announced while this instance was not
/// listening are not replayed (the page's list, read from the database, has them).
/// </summary>
public sealed partial class ExecutionLogClusterFeed(
    IClusterSignals signals, PostgresExecutionLogQuery query, ExecutionLogFeed feed, ILogger<ExecutionLogClusterFeed> logger) : BackgroundService
{
    private readonly Channel<string[]> _announced = Channel.CreateBounded<string[]>(
        new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = signals.Subscribe(ClusterChannels.Logs, signal =>
        {
            if (signal.Payload is { Length: > 0 } payload)
                _announced.Writer.TryWrite(payload.Split(',', StringSplitOptions.RemoveEmptyEntries));
        });
        await foreach (var ids in _announced.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var records = await query.GetManyAsync(ids, stoppingToken).ConfigureAwait(false);
                if (records.Count > 0)
                    feed.Publish(records);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogReadFailed(logger, exception, ids.Length);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read {Count} execution records another instance announced; the live tail skips them")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, int count);
}
