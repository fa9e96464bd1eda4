using System.Threading.Channels;

namespace HooksDashboard.Hooks;

/// <summary>
/// Warms the engines of enabled hooks in the background, before traffic: every enabled hook when the server starts,
/// then each hook whose save, enable or secret change <see cref="WarmEngineHookStore"/> reports. One hook at a time on
/// one background task; a request for a hook already queued is merged. Failures are logged and left to the first
/// invocation, which reports them to whoever called.
/// </summary>
public sealed partial class HookWarmUp(IServiceProvider services, ILogger<HookWarmUp> logger) : BackgroundService
{
    // Bounded only by the number of hooks: each id is queued at most once at a time.
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);

    /// <summary>Asks for the hook's engine to be warmed (nothing happens when it is not enabled by then).</summary>
    public void Request(string hookId)
    {
        lock (_queued)
        {
            if (!_queued.Add(hookId))
                return;
        }
        _queue.Writer.TryWrite(hookId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The runner needs the store this service's store decorator is part of: resolved here, not injected.
        var runner = services.GetRequiredService<IHookRunner>();
        try
        {
            var store = services.GetRequiredService<IHookStore>();
            foreach (var hook in await store.ListAsync(new HookQuery(Enabled: true), stoppingToken).ConfigureAwait(false))
                Request(hook.Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStartupListFailed(logger, ex);
        }

        await foreach (var hookId in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            lock (_queued)
                _queued.Remove(hookId);
            try
            {
                // Off the request threads: module evaluation of a large package graph takes seconds.
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var warmed = await Task.Run(() => runner.WarmUpAsync(hookId, stoppingToken), stoppingToken).ConfigureAwait(false);
                if (warmed)
                    LogWarmed(logger, hookId, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogWarmUpFailed(logger, hookId, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm engine ready for hook {HookId} in {ElapsedMs:F0} ms")]
    private static partial void LogWarmed(ILogger logger, string hookId, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warming the engine of hook {HookId} failed; its first invocation will load it")]
    private static partial void LogWarmUpFailed(ILogger logger, string hookId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not list the enabled hooks to warm their engines at start-up")]
    private static partial void LogStartupListFailed(ILogger logger, Exception exception);
}
