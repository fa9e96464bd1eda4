using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Events;

/// <summary>
/// Runs queued events through <see cref="IHookRunner.RunEnabledAsync(string, System.Text.Json.Nodes.JsonNode, string?, CancellationToken)"/> after the requests that queued them
/// have answered. At start it picks up whatever earlier processes left pending; then it works whenever the
/// queue wakes it, and polls as a fallback (retries coming due, events queued by other processes).
/// A failed attempt is retried with a doubling delay up to <see cref="EventsOptions.MaxAttempts"/>; an error
/// never reaches the request that queued the event. Each attempt's execution record is stored in the transaction
/// that records the attempt's outcome (<see cref="IExecutionLog.WriteAsync{T}"/>), not through the log's queue.
/// </summary>
public sealed partial class HookEventWorker(
    IHookEventStore queue,
    IHookRunner runner,
    IExecutionLog log,
    IOptions<EventsOptions> options,
    TimeProvider time,
    ILogger<HookEventWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.WorkerEnabled)
        {
            LogWorkerDisabled(logger);
            return;
        }

        // Leaves StartAsync at once: the host (and the web server) must not wait for the first batch.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (!stoppingToken.IsCancellationRequested && await RunNextAsync(settings, stoppingToken).ConfigureAwait(false))
                {
                }
                await queue.WaitForWorkAsync(settings.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database was unavailable or similar: keep the worker alive and try again at the next poll.
                LogQueueError(logger, exception);
                await Task.Delay(settings.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs one due event; false when none was due.</summary>
    internal async Task<bool> RunNextAsync(EventsOptions settings, CancellationToken stoppingToken)
    {
        var claimed = await queue.ClaimNextAsync(settings.MaxAttempts, settings.Lease, stoppingToken).ConfigureAwait(false);
        if (claimed is null)
            return false;

        HookRun? run;
        try
        {
            var payload = JsonNode.Parse(claimed.Payload) ?? new JsonObject();
            run = await runner.RunEnabledUnrecordedAsync(claimed.TriggerId, payload, claimed.RequestId, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping mid-run: give the event back so the next start runs it again (at-least-once).
            LogReleased(logger, claimed.Id, exception.GetType().Name);
            await queue.ReleaseAsync(claimed, CancellationToken.None).ConfigureAwait(false);
            return false;
        }
        catch (Exception exception)
        {
            // The runner failed before a hook ran (e.g. the store was unavailable): there is no run to record.
            await RecordFailureAsync(settings, claimed, exception.Message, null, retryable: true, run: null).ConfigureAwait(false);
            return true;
        }

        if (run is null)
        {
            await queue.CompleteAsync(claimed, null, CancellationToken.None).ConfigureAwait(false);
            LogCompleted(logger, claimed.Id, claimed.TriggerId, claimed.Attempts, "no enabled hook");
            return true;
        }

        if (stoppingToken.IsCancellationRequested && run.Result is { IsSuccess: false, Error.Kind: ExecutionErrorKind.Timeout })
        {
            // The runner reports a cancelled run as a timeout; it was the shutdown, not the hook. The cut-short run is
            // still recorded, through the log's queue (which the host flushes when it stops).
            log.Enqueue(run.Record);
            await queue.ReleaseAsync(claimed, CancellationToken.None).ConfigureAwait(false);
            return false;
        }

        // What the queue stores and the server log shows is redacted: the hook's secret values reach neither.
        var result = run.Result.Redacted();
        if (result is { IsSuccess: false, Error.Kind: ExecutionErrorKind.Overloaded })
        {
            // Every hook slot was busy: the hook never ran, so the attempt does not count. Back off (the requests
            // being served come first) instead of claiming the next event, which would be refused the same way.
            // The refusal is still recorded, as a runtime refusal is.
            log.Enqueue(run.Record);
            var due = time.GetUtcNow() + settings.RetryDelay;
            await queue.DeferAsync(claimed, due, $"{result.Error!.Name}: {result.Error.Message}", CancellationToken.None).ConfigureAwait(false);
            LogDeferred(logger, claimed.Id, claimed.TriggerId, due);
            return false;
        }

        var resultJson = JsonSerializer.Serialize(result, ExecutionJson.Options);
        if (result.IsSuccess)
        {
            await StoreWithRecordAsync(run, (connection, transaction, cancellationToken) =>
                queue.CompleteAsync(connection, transaction, claimed, resultJson, cancellationToken)).ConfigureAwait(false);
            LogCompleted(logger, claimed.Id, claimed.TriggerId, claimed.Attempts, "success");
            return true;
        }

        var error = result.Error!;
        // A payload the point refuses or code that does not parse fails the same way every time.
        var retryable = error.Kind is not (ExecutionErrorKind.Contract or ExecutionErrorKind.Syntax);
        await RecordFailureAsync(settings, claimed, $"{error.Name}: {error.Message}", resultJson, retryable, run).ConfigureAwait(false);
        return true;
    }

    /// <param name="error">Redacted: it is stored and logged.</param>
    /// <param name="run">The attempt's run, whose record is stored with the failure; null when no hook ran.</param>
    private async Task RecordFailureAsync(EventsOptions settings, HookEvent claimed, string error, string? resultJson, bool retryable, HookRun? run)
    {
        DateTimeOffset? retryAt = retryable && claimed.Attempts < settings.MaxAttempts
            ? time.GetUtcNow() + settings.RetryDelay * Math.Pow(2, claimed.Attempts - 1)
            : null;
        if (run is null)
        {
            await queue.FailAsync(claimed, error, resultJson, retryAt, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            await StoreWithRecordAsync(run, (connection, transaction, cancellationToken) =>
                queue.FailAsync(connection, transaction, claimed, error, resultJson, retryAt, cancellationToken)).ConfigureAwait(false);
        }
        if (retryAt is { } due)
            LogRetrying(logger, claimed.Id, claimed.TriggerId, claimed.Attempts, error, due);
        else
            LogFailed(logger, claimed.Id, claimed.TriggerId, claimed.Attempts, error);
    }

    /// <summary>
    /// Stores the attempt's execution record and the event's new state in one transaction, so an event marked done or
    /// failed always has the record of the run that decided it. A lost lease (another worker took the event over)
    /// changes no event, but the record is still stored: the hook did run.
    /// </summary>
    private async Task StoreWithRecordAsync(HookRun run, Func<DbConnection, DbTransaction, CancellationToken, Task<bool>> change)
    {
        try
        {
            await log.WriteAsync(run.Record, change, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Neither was stored: the event keeps its lease and runs again once it runs out (the worker's loop logs
            // this). The hook did run, so its record still goes to the log's queue.
            log.Enqueue(run.Record);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The hook event worker is disabled (Events:WorkerEnabled = false): queued events wait for a process that runs them.")]
    private static partial void LogWorkerDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hook event {EventId} ({TriggerId}) ran on attempt {Attempt}: {Outcome}")]
    private static partial void LogCompleted(ILogger logger, string eventId, string triggerId, int attempt, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hook event {EventId} ({TriggerId}) failed on attempt {Attempt}: {Error}; next attempt at {RetryAt}")]
    private static partial void LogRetrying(ILogger logger, string eventId, string triggerId, int attempt, string error, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hook event {EventId} ({TriggerId}) failed on attempt {Attempt} and will not be retried: {Error}")]
    private static partial void LogFailed(ILogger logger, string eventId, string triggerId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hook event {EventId} ({TriggerId}) could not start: every hook slot is busy; it runs again at {RetryAt} (the attempt is not counted)")]
    private static partial void LogDeferred(ILogger logger, string eventId, string triggerId, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hook event {EventId} given back to the queue while stopping ({Reason})")]
    private static partial void LogReleased(ILogger logger, string eventId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The hook event worker could not read the queue; it tries again at the next poll")]
    private static partial void LogQueueError(ILogger logger, Exception exception);
}
