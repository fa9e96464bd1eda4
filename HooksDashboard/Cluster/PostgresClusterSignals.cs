using System.Collections.Concurrent;
using HooksDashboard.Storage;
using Npgsql;

namespace HooksDashboard.Cluster;

/// <summary>
/// <see cref="IClusterSignals"/> over PostgreSQL's <c>LISTEN/NOTIFY</c>: one connection per instance listens on
/// <see cref="ClusterChannels"/>; a message is <c>{instance id}:{payload}</c>, so an instance skips its own. A lost
/// connection is reopened (with <see cref="ClusterSignal.Missed"/> to every subscriber once it is back), and an idle one
/// is checked every <see cref="KeepAlive"/> so a silently dropped connection does not go unnoticed.
/// </summary>
public sealed partial class PostgresClusterSignals(PostgreSqlDatabase database, ILogger<PostgresClusterSignals> logger)
    : BackgroundService, IClusterSignals
{
    private static readonly string[] Channels = [ClusterChannels.Logs, ClusterChannels.Events];

    // Channel names are constants above: quoted identifiers, never user input.
    private static readonly string ListenSql = string.Concat(Channels.Select(c => $"LISTEN \"{c}\";"));

    private const string NotifySql = "SELECT pg_notify(@Channel, @Message);";

    private readonly ConcurrentDictionary<Subscription, byte> _subscriptions = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How long the listening connection may stay silent before it is checked with a query.</summary>
    public static TimeSpan KeepAlive { get; } = TimeSpan.FromSeconds(15);

    /// <summary>How long to wait before reopening a lost listening connection.</summary>
    public static TimeSpan ReconnectDelay { get; } = TimeSpan.FromSeconds(1);

    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Completes once this instance listens (the first time): messages published after it are received.</summary>
    public Task Listening => _listening.Task;

    public async Task PublishAsync(string channel, string payload, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(payload);
        if (!Channels.Contains(channel, StringComparer.Ordinal))
            throw new ArgumentException($"'{channel}' is not a cluster channel.", nameof(channel));
        if (payload.Length > IClusterSignals.MaxPayloadLength)
            throw new ArgumentException($"A cluster message holds at most {IClusterSignals.MaxPayloadLength} characters.", nameof(payload));
        await using var connection = await database.OpenNpgsqlConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(NotifySql, connection);
        command.Parameters.AddWithValue("Channel", channel);
        command.Parameters.AddWithValue("Message", InstanceId + ":" + payload);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public IDisposable Subscribe(string channel, Action<ClusterSignal> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (!Channels.Contains(channel, StringComparer.Ordinal))
            throw new ArgumentException($"'{channel}' is not a cluster channel.", nameof(channel));
        var subscription = new Subscription(this, channel, handler);
        _subscriptions.TryAdd(subscription, 0);
        return subscription;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reconnecting = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenNpgsqlConnectionAsync(stoppingToken).ConfigureAwait(false);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand(ListenSql, connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                if (reconnecting)
                {
                    LogReconnected(logger);
                    foreach (var channel in Channels)
                        Dispatch(new ClusterSignal(channel, null));
                }
                reconnecting = true;
                _listening.TrySetResult();
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(KeepAlive, stoppingToken).ConfigureAwait(false))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1;", connection);
                        await ping.ExecuteScalarAsync(stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogListenFailed(logger, exception, ReconnectDelay.TotalSeconds);
                reconnecting = true;
                try
                {
                    await Task.Delay(ReconnectDelay, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        var colon = e.Payload.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || e.Payload.AsSpan(0, colon).SequenceEqual(InstanceId))
            return;
        Dispatch(new ClusterSignal(e.Channel, e.Payload[(colon + 1)..]));
    }

    private void Dispatch(ClusterSignal signal)
    {
        foreach (var subscription in _subscriptions.Keys)
        {
            if (!string.Equals(subscription.Channel, signal.Channel, StringComparison.Ordinal))
                continue;
            try
            {
                subscription.Handler(signal);
            }
            catch (Exception exception)
            {
                LogHandlerFailed(logger, exception, signal.Channel);
            }
        }
    }

    private sealed class Subscription(PostgresClusterSignals owner, string channel, Action<ClusterSignal> handler) : IDisposable
    {
        public string Channel { get; } = channel;

        public Action<ClusterSignal> Handler { get; } = handler;

        public void Dispose() => owner._subscriptions.TryRemove(this, out _);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the cluster notification connection; reconnecting in {Seconds} s (other instances' changes are seen by polling meanwhile)")]
    private static partial void LogListenFailed(ILogger logger, Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster notifications reconnected; caches refreshed")]
    private static partial void LogReconnected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "A cluster notification handler for {Channel} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string channel);
}
