namespace HooksDashboard.Logs;

/// <summary>
/// Live execution records for the Logs page's tail and the Management API's <c>hooks logs --follow</c>.
/// Records are published AFTER their batch is committed, so every record a subscriber sees can also be
/// queried by id (and has its redacted form).
/// </summary>
public interface IExecutionLogFeed
{
    /// <summary>
    /// Starts a subscription at once: every record committed after this call is delivered to it, in write
    /// order, until it is disposed. A subscriber that falls more than <see cref="ExecutionLogFeed.SubscriberCapacity"/>
    /// records behind loses the oldest ones rather than holding up the writer.
    /// </summary>
    IExecutionLogSubscription Subscribe();
}

/// <summary>One subscriber's view of the feed; dispose it to unsubscribe.</summary>
public interface IExecutionLogSubscription : IDisposable
{
    /// <summary>The records as they arrive; ends when the subscription is disposed or the token is cancelled.</summary>
    IAsyncEnumerable<ExecutionLogRecord> ReadAllAsync(CancellationToken cancellationToken = default);
}
