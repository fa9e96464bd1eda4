using HooksDashboard.Events;

namespace HooksDashboard.Telemetry;

/// <summary>
/// The event queue's depth and oldest age for the metric gauges. Read from the database only when a gauge is
/// collected (an exporter or a scrape asks), at most once a second, so nothing runs when metrics are not exported.
/// A failed read keeps the last values and is logged.
/// </summary>
public sealed partial class HookEventQueueSampler(IHookEventQueueStatsReader reader, TimeProvider time, ILogger<HookEventQueueSampler> logger)
{
    private static readonly TimeSpan MaxStaleness = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private HookEventQueueStats _stats;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    /// <summary>Unfinished events (pending or running).</summary>
    public long Depth => Current().Depth;

    /// <summary>Seconds since the oldest unfinished event was queued; 0 when none is.</summary>
    public double OldestAgeSeconds
    {
        get
        {
            var oldest = Current().OldestCreatedAt;
            return oldest is { } at ? Math.Max(0, (time.GetUtcNow() - at).TotalSeconds) : 0;
        }
    }

    private HookEventQueueStats Current()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now - _readAt < MaxStaleness)
                return _stats;
            _readAt = now;
            try
            {
                // Gauge callbacks are synchronous; this runs on the collecting thread (scrape or export), never a request's.
                using var timeout = new CancellationTokenSource(ReadTimeout);
                _stats = reader.ReadAsync(timeout.Token).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogReadFailed(logger, ex);
            }
            return _stats;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the event queue's depth for metrics; the last values are reported")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
