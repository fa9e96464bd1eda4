using System.Text;
using Dapper;
using HooksDashboard.Cluster;
using HooksDashboard.Storage;
using Npgsql;

namespace HooksDashboard.Logs;

/// <summary>
/// <see cref="IExecutionLogQuery"/> on PostgreSQL. Keyset paging on the (created_at, id) key of the day partitions
/// (a time range reads only its days); text search through the <c>search</c> column's GIN index with the FTS5-like
/// literals of <see cref="ExecutionLogSearchText"/>. The filter and keyset SQL is <see cref="ExecutionLogSql"/>'s
/// (shared with SQLite).
/// </summary>
public sealed class PostgresExecutionLogQuery(PostgreSqlDatabase database) : IExecutionLogQuery
{
    private const string TextClause = "l.search @@ CAST(@Match AS tsquery)";

    // Durations grouped at 0.1 ms (floor, as SQLite's CAST truncates), as on SQLite.
    private const string StatsSql = """
        SELECT trigger_id AS TriggerId, CAST(floor(duration_ms * 10) AS BIGINT) AS Bucket,
               COUNT(*) AS Count, COUNT(*) FILTER (WHERE outcome = 'error') AS Errors
        FROM execution_logs
        WHERE created_at >= @Since
        GROUP BY trigger_id, 2;
        """;

    private const string HourlySql = """
        SELECT trigger_id AS TriggerId, substr(created_at, 1, 13) AS Hour,
               COUNT(*) AS Count, COUNT(*) FILTER (WHERE outcome = 'error') AS Errors
        FROM execution_logs
        WHERE created_at >= @Since
        GROUP BY trigger_id, 2;
        """;

    // Several records by id (the live tail of records other instances wrote), oldest first.
    private const string ByIdsSql = ExecutionLogSql.SelectFrom + " WHERE l.id = ANY(@Ids) ORDER BY l.created_at, l.id;";


    public Task<ExecutionLogPage> ListAsync(ExecutionLogFilter filter, ExecutionLogPageRequest page, CancellationToken cancellationToken = default) =>
        ExecutionLogPaging.ListAsync(filter, page, (cursor, newer, take) => QueryAsync(filter, cursor, newer, take, cancellationToken));

    public async Task<ExecutionLogRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenNpgsqlConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ExecutionLogRow>(
            new CommandDefinition(ExecutionLogSql.GetSql, new { Id = id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToRecord();
    }

    /// <summary>The records with these ids that exist, oldest first.</summary>
    internal async Task<IReadOnlyList<ExecutionLogRecord>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
            return [];
        await using var connection = await database.OpenNpgsqlConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ExecutionLogRow>(
            new CommandDefinition(ByIdsSql, new { Ids = ids.ToArray() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<IReadOnlyList<HookLogEntry>> ListHookLogsAsync(string hookId, int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hookId);
        ExecutionLogPaging.RequireHookLogLimit(limit);
        await using var connection = await database.OpenNpgsqlConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ExecutionLogRow>(
            new CommandDefinition(ExecutionLogSql.HookLogsSql, new { HookId = hookId, Take = limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => HookLogEntry.From(r.ToRecord()))];
    }

    public IAsyncEnumerable<ExecutionLogRecord> StreamAsync(ExecutionLogFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return ExecutionLogPaging.StreamAsync((cursor, take) => QueryAsync(filter, cursor, newer: false, take, cancellationToken), cancellationToken);
    }

    public async Task<IReadOnlyList<PointInvocationStats>> GetStatsAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenNpgsqlConnectionAsync(cancellationToken).ConfigureAwait(false);
        var buckets = await connection.QueryAsync<ExecutionLogPaging.StatsBucket>(
            new CommandDefinition(StatsSql, new { Since = since }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var hours = await connection.QueryAsync<ExecutionLogPaging.HourBucket>(
            new CommandDefinition(HourlySql, new { Since = since }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return ExecutionLogPaging.Stats(buckets, hours);
    }

    private async Task<List<ExecutionLogRow>> QueryAsync(
        ExecutionLogFilter filter, ExecutionLogCursor? cursor, bool newer, int take, CancellationToken cancellationToken)
    {
        var match = ExecutionLogSearchText.Query(filter);
        var clauses = ExecutionLogSql.Clauses(filter, cursor, newer);
        if (match is not null)
            clauses.Add(TextClause);

        var sql = new StringBuilder(ExecutionLogSql.SelectFrom);
        if (clauses.Count > 0)
            sql.Append(" WHERE ").AppendJoin(" AND ", clauses);
        sql.Append(ExecutionLogSql.Order(newer));

        var parameters = ExecutionLogSql.For(filter, match, cursor, take);
        await using var connection = await database.OpenNpgsqlConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ExecutionLogRow>(
            new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.AsList();
    }
}
