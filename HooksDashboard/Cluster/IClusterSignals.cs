namespace HooksDashboard.Cluster;

/// <summary>
/// Small messages between the instances that share one database: a write on one instance tells the others to drop a
/// cache, a committed log batch tells them which records to show in their live tails, a queued event wakes their
/// workers. On PostgreSQL they travel by <c>LISTEN/NOTIFY</c> (<see cref="PostgresClusterSignals"/>); on SQLite there is
/// one instance and nothing travels (<see cref="LocalClusterSignals"/>). Delivery is best effort: a message published
/// while a listener was reconnecting is lost, so every subscriber also gets <see cref="ClusterSignal.Missed"/> after a
/// reconnection and must treat it as "anything may have changed".
/// </summary>
public interface IClusterSignals
{
    /// <summary>This process's id among the instances (random per start).</summary>
    string InstanceId { get; }

    /// <summary>Sends <paramref name="payload"/> (at most <see cref="MaxPayloadLength"/> characters) to every other instance.</summary>
    Task PublishAsync(string channel, string payload, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls <paramref name="handler"/> for each message other instances publish on <paramref name="channel"/>, and with
    /// <see cref="ClusterSignal.Missed"/> after a lost connection came back. The handler runs on the listener's thread:
    /// it must be quick and must not throw (exceptions are logged and dropped). Dispose the result to stop.
    /// </summary>
    IDisposable Subscribe(string channel, Action<ClusterSignal> handler);

    /// <summary>Characters a payload may have (PostgreSQL's NOTIFY takes 8000 bytes; the instance id and ASCII assumed).</summary>
    public const int MaxPayloadLength = 7_900;
}

/// <summary>One message from another instance.</summary>
/// <param name="Payload">What was published; null for <see cref="Missed"/>.</param>
public sealed record ClusterSignal(string Channel, string? Payload)
{
    /// <summary>True when messages may have been lost (the listener reconnected): subscribers refresh everything.</summary>
    public bool Missed => Payload is null;
}

/// <summary>The channels the app uses.</summary>
public static class ClusterChannels
{
    /// <summary>Execution log records were committed: the payload names them (see <c>Logs/ExecutionLogClusterFeed</c>).</summary>
    public const string Logs = "hooksdashboard_logs";

    /// <summary>A hook event was queued: workers look for work now rather than at their next poll.</summary>
    public const string Events = "hooksdashboard_events";
}

/// <summary>One instance, nothing to tell: publishing does nothing and subscribers are never called.</summary>
public sealed class LocalClusterSignals : IClusterSignals
{
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    public Task PublishAsync(string channel, string payload, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public IDisposable Subscribe(string channel, Action<ClusterSignal> handler) => Nothing.Instance;

    private sealed class Nothing : IDisposable
    {
        public static readonly Nothing Instance = new();

        public void Dispose()
        {
        }
    }
}
