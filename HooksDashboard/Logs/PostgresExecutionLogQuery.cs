using System.Text;
using Dapper;
using HooksDashboard.Cluster;
using HooksDashboard.Storage;
using Npgsql;

namespace HooksDashboard.Logs;

/// <summary>
/// <see cref="IExecutionLogQuery"/> on PostgreSQL. Keyset paging on the (created_at, id) key of the day partitions
/// (a time range reads only its days); text search through the <c>search</c> column's GIN index with the FTS5-like
/// literals of <see cref="ExecutionLogSearchText"/>. WHERE clauses come from constant fragments only.
/// </summary>
public sealed class PostgresExecutionLogQuery(PostgreSqlDatabase database) : IExecutionLogQuery
{
    private const string SelectFrom = "SELECT " + ExecutionLogRow.Columns + " FROM execution_logs l";
    private const string HookClause = "l.hook_id = @HookId";
    private const string TriggerClause = "l.trigger_id = @TriggerId";
    private const string SourceClause = "l.source = @Source";
    private const string OutcomeClause = "l.outcome = @Outcome";
    private const string FromClause = "l.created_at >= @From";
    private const string ToClause = "l.created_at < @To";
    private const string TextClause = "l.search @@ CAST(@Match AS tsquery)";
    private const string OlderClause = "(l.created_at, l.id) < (@CursorTime, @CursorId)";
    private const string NewerClause = "(l.created_at, l.id) > (@CursorTime, @CursorId)";
    private const string NewestFirst = " ORDER BY l.created_at DESC, l.id DESC LIMIT @Take;";
    private const string OldestFirst = " ORDER BY l.created_at ASC, l.id ASC LIMIT @Take;";

    private const string GetSql = SelectFrom + " WHERE l.id = @Id;";

    private const string HookLogsSql = SelectFrom + " WHERE " + HookClause + NewestFirst;

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
    private const string ByIdsSql = SelectFrom + " WHERE l.id = ANY(@Ids) ORDER BY l.created_at, l.id;";


    public Task<ExecutionLogPage> ListAsync(ExecutionLogFilter filter, ExecutionLogPageRequest page, CancellationToken cancellationToken = default) =>
        ExecutionLogPaging.ListAsync(filter, page, (cursor, newer, take) => QueryAsync(filter, cursor, newer, take, cancellationToken));

    public async Task<ExecutionLogRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenNpgsqlConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ExecutionLogRow>(
            new CommandDefinition(GetSql, new { Id = id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
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
            new CommandDefinition(HookLogsSql, new { HookId = hookId, Take = limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
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
        var clauses = new List<string>(9);
        if (filter.HookId is not null)
            clauses.Add(HookClause);
        if (filter.TriggerId is not null)
            clauses.Add(TriggerClause);
        if (filter.Source is not null)
            clauses.Add(SourceClause);
        if (filter.Outcome is not null)
            clauses.Add(OutcomeClause);
        if (filter.From is not null)
            clauses.Add(FromClause);
        if (filter.To is not null)
            clauses.Add(ToClause);
        if (match is not null)
            clauses.Add(TextClause);
        if (cursor is not null)
            clauses.Add(newer ? NewerClause : OlderClause);

        var sql = new StringBuilder(SelectFrom);
        if (clauses.Count > 0)
            sql.Append(" WHERE ").AppendJoin(" AND ", clauses);
        sql.Append(newer ? OldestFirst : NewestFirst);

        var parameters = new
        {
            filter.HookId,
            filter.TriggerId,
            Source = filter.Source is { } source ? ExecutionLogNames.Of(source) : null,
            Outcome = filter.Outcome is { } outcome ? ExecutionLogNames.Of(outcome) : null,
            filter.From,
            filter.To,
            Match = match,
            CursorTime = cursor?.CreatedAt,
            CursorId = cursor?.Id,
            Take = take,
        };
        await using var connection = await database.OpenNpgsqlConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ExecutionLogRow>(
            new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.AsList();
    }
}
