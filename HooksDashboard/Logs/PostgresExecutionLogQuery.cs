using System.Text;
using Dapper;
using HooksDashboard.Storage;

namespace HooksDashboard.Logs;

/// <summary>
/// <see cref="IExecutionLogQuery"/> on PostgreSQL. Keyset paging on the (created_at, id) key of the day partitions
/// (a time range reads only its days); text search through the <c>search</c> column's GIN index with the FTS5-like
/// literals of <see cref="ExecutionLogSearchText"/>. The rest of the logic is <see cref="ExecutionLogQuery"/>'s (shared
/// with SQLite).
/// </summary>
public sealed class PostgresExecutionLogQuery(PostgreSqlDatabase database) : ExecutionLogQuery(database, StatsSql, HourlySql)
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

    /// <summary>The records with these ids that exist, oldest first.</summary>
    internal async Task<IReadOnlyList<ExecutionLogRecord>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
            return [];
        await using var connection = await Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ExecutionLogRow>(
            new CommandDefinition(ByIdsSql, new { Ids = ids.ToArray() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToRecord())];
    }

    private protected override async Task<List<ExecutionLogRow>> QueryAsync(
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
        await using var connection = await Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, sql.ToString(), parameters, cancellationToken).ConfigureAwait(false);
    }
}
