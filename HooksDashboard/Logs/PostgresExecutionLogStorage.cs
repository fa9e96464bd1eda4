using System.Data.Common;
using System.Text;
using Dapper;
using HooksDashboard.Cluster;
using HooksDashboard.Storage;
using Npgsql;

namespace HooksDashboard.Logs;

/// <summary>
/// <see cref="IExecutionLogStorage"/> on PostgreSQL. Each transaction that stores records also notifies the other
/// instances of their ids (<see cref="ClusterChannels.Logs"/>; delivered at commit, never for a rolled-back batch), so
/// their live tails show them too (<see cref="ExecutionLogClusterFeed"/>). A queued batch commits with
/// <c>synchronous_commit = off</c>, PostgreSQL's form of SQLite's relaxed durability: a crash may lose the last moments'
/// records, never corrupt anything; records stored with a change of the caller's commit fully.
/// </summary>
public sealed class PostgresExecutionLogStorage(PostgreSqlDatabase database, IClusterSignals signals) : IExecutionLogStorage
{
    private const string RelaxedSql = "SET LOCAL synchronous_commit = off;";

    private const string NotifySql = "SELECT pg_notify(@Channel, @Message);";

    // A ULID and a comma per record, after the instance id and the time: well within NOTIFY's 8000 bytes.
    internal const int IdsPerMessage = 250;

    private readonly PostgresExecutionLogWriter _writer = new(database);

    public async Task WriteBatchAsync(List<ExecutionLogRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        await using var connection = await database.OpenNpgsqlConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(RelaxedSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await _writer.InsertAsync(connection, transaction, records, cancellationToken).ConfigureAwait(false);
        await NotifyAsync(connection, transaction, records, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> WriteWithAsync<T>(List<ExecutionLogRecord> records, Func<DbConnection, DbTransaction, CancellationToken, Task<T>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await database.OpenNpgsqlConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await _writer.InsertAsync(connection, transaction, records, cancellationToken).ConfigureAwait(false);
        var outcome = await change(connection, transaction, cancellationToken).ConfigureAwait(false);
        await NotifyAsync(connection, transaction, records, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Forgets the day partitions seen, so the next batch checks them again (after retention dropped days).</summary>
    internal void ForgetPartitions() => _writer.Forget();

    private async Task NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<ExecutionLogRecord> records, CancellationToken cancellationToken)
    {
        foreach (var chunk in records.Chunk(IdsPerMessage))
        {
            var message = new StringBuilder(signals.InstanceId).Append(':').AppendJoin(',', chunk.Select(r => r.Id)).ToString();
            await connection.ExecuteAsync(new CommandDefinition(
                NotifySql, new { Channel = ClusterChannels.Logs, Message = message }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }
}
