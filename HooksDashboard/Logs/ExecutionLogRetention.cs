using Dapper;
using HooksDashboard.Storage;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Logs;

/// <summary>
/// Removes records older than <see cref="ExecutionLogOptions.RetentionDays"/> and the oldest beyond
/// <see cref="ExecutionLogOptions.MaxRecords"/>, in transactions of <see cref="ExecutionLogOptions.RetentionBatchSize"/>
/// rows so the writer never waits long for the lock.
/// </summary>
public sealed partial class ExecutionLogRetention(
    SqliteDatabase database, TimeProvider time, IOptions<ExecutionLogOptions> options, ILogger<ExecutionLogRetention> logger) : IExecutionLogRetention
{
    private const string DeleteOlderSql = """
        DELETE FROM execution_logs WHERE seq IN (
            SELECT seq FROM execution_logs WHERE created_at < @Cutoff ORDER BY created_at, id LIMIT @Batch);
        """;

    // The newest record that is beyond the count: it and everything older go.
    private const string BoundarySql = """
        SELECT created_at AS CreatedAt, id AS Id FROM execution_logs
        ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET @Keep;
        """;

    private const string DeleteUpToSql = """
        DELETE FROM execution_logs WHERE seq IN (
            SELECT seq FROM execution_logs WHERE (created_at, id) <= (@CreatedAt, @Id) ORDER BY created_at, id LIMIT @Batch);
        """;

    /// <summary>Runs both rules once.</summary>
    /// <returns>Records removed by age and by count.</returns>
    public async Task<(int ByAge, int ByCount)> PruneAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(settings.RetentionDays);
        var byAge = await DeleteInBatchesAsync(DeleteOlderSql, new { Cutoff = cutoff, Batch = settings.RetentionBatchSize }, cancellationToken).ConfigureAwait(false);

        var byCount = 0;
        Boundary? boundary;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            boundary = await connection.QuerySingleOrDefaultAsync<Boundary>(
                new CommandDefinition(BoundarySql, new { Keep = settings.MaxRecords }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        if (boundary is not null)
        {
            byCount = await DeleteInBatchesAsync(
                DeleteUpToSql, new { boundary.CreatedAt, boundary.Id, Batch = settings.RetentionBatchSize }, cancellationToken).ConfigureAwait(false);
        }

        if (byAge + byCount > 0)
            LogPruned(logger, byAge, settings.RetentionDays, byCount, settings.MaxRecords);
        return (byAge, byCount);
    }

    private async Task<int> DeleteInBatchesAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            int deleted;
            await using (var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            {
                await using var transaction = SqliteDatabase.BeginWrite(connection);
                deleted = await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            total += deleted;
            if (deleted == 0)
                return total;
            // Between batches the lock is free: the log writer and the stores get their turn.
            await Task.Yield();
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Execution log retention removed {ByAge} records older than {Days} days and {ByCount} beyond {MaxRecords}")]
    private static partial void LogPruned(ILogger logger, int byAge, double days, int byCount, int maxRecords);

    private sealed class Boundary
    {
        public DateTimeOffset CreatedAt { get; set; }
        public string Id { get; set; } = "";
    }
}

/// <summary>Removes execution records past the retention rules (<see cref="ExecutionLogOptions"/>).</summary>
public interface IExecutionLogRetention
{
    /// <summary>Runs both rules once.</summary>
    /// <returns>Records removed by age and by count.</returns>
    Task<(int ByAge, int ByCount)> PruneAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Runs <see cref="IExecutionLogRetention"/> at start and then every <see cref="ExecutionLogOptions.RetentionInterval"/>,
/// on the one instance of the cluster that leads the job (always this one on SQLite): instances sharing a PostgreSQL
/// database do not each prune.
/// </summary>
internal sealed partial class ExecutionLogRetentionService(
    IExecutionLogRetention retention, Cluster.IClusterLeadership leadership, TimeProvider time, IOptions<ExecutionLogOptions> options,
    ILogger<ExecutionLogRetentionService> logger) : BackgroundService
{
    /// <summary>The job's name for <see cref="Cluster.IClusterLeadership"/>.</summary>
    public const string JobName = "execution-log-retention";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionInterval, time);
        do
        {
            try
            {
                if (await leadership.TryLeadAsync(JobName, stoppingToken).ConfigureAwait(false))
                    await retention.PruneAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Retention is retried at the next tick; one failure must not stop it for good.
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Execution log retention failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
