namespace HooksDashboard.Logs;

/// <summary>Runs the execution log's background writer on a server; writes what is left when the host stops.</summary>
internal sealed partial class ExecutionLogWriterService(ExecutionLog log, ILogger<ExecutionLogWriterService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await log.RunWriterAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the final flush below writes what is still queued.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await log.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout ran out (other services took it): stopping must still succeed.
            LogFinalFlushAbandoned(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown timed out before the execution log's last records were written; records still queued are lost.")]
    private static partial void LogFinalFlushAbandoned(ILogger logger);
}
