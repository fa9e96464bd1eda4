using Dapper;
using Microsoft.Extensions.Options;
using HooksDashboard.Cluster;
using HooksDashboard.Storage;
using Npgsql;

namespace HooksDashboard.Logs;

/// <summary>
/// Execution log retention on PostgreSQL: whole days past <see cref="ExecutionLogOptions.RetentionDays"/> (or wholly
/// beyond <see cref="ExecutionLogOptions.MaxRecords"/>) go by dropping their partitions, which costs the same for ten
/// rows or ten million and leaves no dead rows to vacuum; the part of the boundary day that is due goes by DELETE in
/// batches of <see cref="ExecutionLogOptions.RetentionBatchSize"/>. Run by one instance of the cluster at a time
/// (<see cref="ExecutionLogRetentionService"/> asks <see cref="Cluster.IClusterLeadership"/>).
/// </summary>
public sealed partial class PostgresExecutionLogRetention(
    PostgreSqlDatabase database, TimeProvider time, IOptions<ExecutionLogOptions> options, ILogger<PostgresExecutionLogRetention> logger)
    : IExecutionLogRetention
{
    private const string DeleteOlderSql = """
        DELETE FROM execution_logs WHERE (created_at, id) IN (
            SELECT created_at, id FROM execution_logs WHERE created_at < @Cutoff ORDER BY created_at, id LIMIT @Batch);
        """;

    private const string BoundarySql = """
        SELECT created_at AS CreatedAt, id AS Id FROM execution_logs
        ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET @Keep;
        """;

    private const string DeleteUpToSql = """
        DELETE FROM execution_logs WHERE (created_at, id) IN (
            SELECT created_at, id FROM execution_logs WHERE (created_at, id) <= (@CreatedAt, @Id) ORDER BY created_at, id LIMIT @Batch);
        """;

    public async Task<(int ByAge, int ByCount)> PruneAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(settings.RetentionDays);
        long byAge;
        await using (var connection = await database.OpenNpgsqlConnectionAsync(cancellationToken).ConfigureAwait(false))
            byAge = await PostgresExecutionLogPartitions.DropBeforeAsync(connection, PostgresExecutionLogPartitions.DayOf(cutoff), cancellationToken).ConfigureAwait(false);
        byAge += await DeleteInBatchesAsync(DeleteOlderSql, new { Cutoff = cutoff, Batch = settings.RetentionBatchSize }, cancellationToken).ConfigureAwait(false);

        long byCount = 0;
        Boundary? boundary;
        await using (var connection = await database.OpenNpgsqlConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            boundary = await connection.QuerySingleOrDefaultAsync<Boundary>(
                new CommandDefinition(BoundarySql, new { Keep = settings.MaxRecords }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (boundary is not null)
                byCount = await PostgresExecutionLogPartitions.DropBeforeAsync(connection, PostgresExecutionLogPartitions.DayOf(boundary.CreatedAt), cancellationToken).ConfigureAwait(false);
        }
        if (boundary is not null)
        {
            byCount += await DeleteInBatchesAsync(
                DeleteUpToSql, new { boundary.CreatedAt, boundary.Id, Batch = settings.RetentionBatchSize }, cancellationToken).ConfigureAwait(false);
        }

        var result = ((int)Math.Min(byAge, int.MaxValue), (int)Math.Min(byCount, int.MaxValue));
        if (byAge + byCount > 0)
            LogPruned(logger, byAge, settings.RetentionDays, byCount, settings.MaxRecords);
        return result;
    }

    private async Task<long> DeleteInBatchesAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            int deleted;
            await using (var connection = await database.OpenNpgsqlConnectionAsync(cancellationToken).ConfigureAwait(false))
                deleted = await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
            total += deleted;
            if (deleted == 0)
                return total;
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Execution log retention removed {ByAge} records older than {Days} days and {ByCount} beyond {MaxRecords} (whole days by dropping their partitions)")]
    private static partial void LogPruned(ILogger logger, long byAge, double days, long byCount, int maxRecords);

    private sealed class Boundary
    {
        public DateTimeOffset CreatedAt { get; set; }
        public string Id { get; set; } = "";
    }
}
