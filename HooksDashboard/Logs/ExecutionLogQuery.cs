using System.Data.Common;
using Dapper;
using HooksDashboard.Storage;

namespace HooksDashboard.Logs;

/// <summary>
/// <see cref="IExecutionLogQuery"/>'s logic, written once for both engines: paging, single records, a hook's newest
/// records, exports and the overview's statistics. An engine gives its database (connections), its statistics texts
/// and its filtered read (<see cref="QueryAsync"/>), which differs only by how text search works: FTS5's index in seq
/// order on SQLite (<see cref="SqliteExecutionLogQuery"/>), a tsvector column on PostgreSQL
/// (<see cref="PostgresExecutionLogQuery"/>). The filter and keyset SQL both use is <see cref="ExecutionLogSql"/>.
/// </summary>
/// <param name="database">The engine's database.</param>
/// <param name="statsSql">Durations per point in 0.1 ms buckets since <c>@Since</c> (<see cref="ExecutionLogPaging.StatsBucket"/>).</param>
/// <param name="hourlySql">Invocations and errors per point and clock hour since <c>@Since</c> (<see cref="ExecutionLogPaging.HourBucket"/>).</param>
public abstract class ExecutionLogQuery(IDatabase database, string statsSql, string hourlySql) : IExecutionLogQuery
{
    /// <summary>The engine's database, for the engine's own reads.</summary>
    protected IDatabase Database { get; } = database;

    public Task<ExecutionLogPage> ListAsync(ExecutionLogFilter filter, ExecutionLogPageRequest page, CancellationToken cancellationToken = default) =>
        ExecutionLogPaging.ListAsync(filter, page, (cursor, newer, take) => QueryAsync(filter, cursor, newer, take, cancellationToken));

    public async Task<ExecutionLogRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ExecutionLogRow>(
            new CommandDefinition(ExecutionLogSql.GetSql, new { Id = id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<HookLogEntry>> ListHookLogsAsync(string hookId, int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hookId);
        ExecutionLogPaging.RequireHookLogLimit(limit);
        await using var connection = await Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
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
        await using var connection = await Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var buckets = await connection.QueryAsync<ExecutionLogPaging.StatsBucket>(
            new CommandDefinition(statsSql, new { Since = since }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var hours = await connection.QueryAsync<ExecutionLogPaging.HourBucket>(
            new CommandDefinition(hourlySql, new { Since = since }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return ExecutionLogPaging.Stats(buckets, hours);
    }

    /// <summary>
    /// Up to <paramref name="take"/> records matching <paramref name="filter"/>, after <paramref name="cursor"/>
    /// (newer than it when <paramref name="newer"/>, oldest first; else older, newest first).
    /// </summary>
    private protected abstract Task<List<ExecutionLogRow>> QueryAsync(
        ExecutionLogFilter filter, ExecutionLogCursor? cursor, bool newer, int take, CancellationToken cancellationToken);

    /// <summary>Runs a filtered read's SQL and parameters on <paramref name="connection"/>.</summary>
    private protected static async Task<List<ExecutionLogRow>> ReadAsync(
        DbConnection connection, string sql, ExecutionLogSql.Parameters parameters, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<ExecutionLogRow>(
            new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.AsList();
    }
}
