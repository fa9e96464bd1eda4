using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using HooksDashboard.Cluster;
using HooksDashboard.Storage;
using Npgsql;

namespace HooksDashboard.Events;

/// <summary>
/// The durable hook event queue on PostgreSQL, shared by every instance: a claim locks the oldest due row with
/// <c>FOR UPDATE SKIP LOCKED</c>, so concurrent workers each get a different event and never wait for one another;
/// the lease (<c>lease_until</c>) hands an event whose instance died mid-run to the next claim once it runs out.
/// Queuing an event notifies the other instances in the queuing transaction (delivered at its commit), so their
/// workers look at once instead of at their next poll.
/// </summary>
public sealed class PostgresHookEventStore : HookEventStoreBase, IDisposable
{
    // The CTE's column is renamed so RETURNING's unqualified columns name the updated row only.
    private const string PostgresClaimSql = """
        WITH due AS (
            SELECT id AS due_id FROM hook_events
            WHERE (status = 'pending' AND available_at <= @Now)
               OR (status = 'running' AND lease_until <= @Now AND attempts < @MaxAttempts)
            ORDER BY available_at, id
            LIMIT 1
            FOR UPDATE SKIP LOCKED)
        UPDATE hook_events
        SET status = 'running', attempts = attempts + 1, lease_until = @LeaseUntil, updated_at = @Now
        FROM due WHERE id = due.due_id
        RETURNING
        """ + " " + Columns + ";";

    private const string NotifySql = "SELECT pg_notify(@Channel, @Message);";

    private readonly PostgreSqlDatabase _database;
    private readonly IClusterSignals _signals;
    private readonly IDisposable _subscription;

    public PostgresHookEventStore(PostgreSqlDatabase database, IClusterSignals signals, TimeProvider time)
        : base(time)
    {
        _database = database;
        _signals = signals;
        // Another instance queued an event (or notifications were lost): look now.
        _subscription = signals.Subscribe(ClusterChannels.Events, _ => base.Wake());
    }

    protected override string ClaimSql => PostgresClaimSql;

    public override async Task<string> EnqueueAsync(DbConnection connection, DbTransaction transaction, string triggerId, JsonNode payload, string? requestId, CancellationToken cancellationToken = default)
    {
        var id = await base.EnqueueAsync(connection, transaction, triggerId, payload, requestId, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            NotifySql, new { Channel = ClusterChannels.Events, Message = _signals.InstanceId + ":" + id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return id;
    }

    protected override Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        _database.OpenConnectionAsync(cancellationToken);

    // A plain READ COMMITTED transaction, not IDatabase.BeginWriteAsync's scope lock: SKIP LOCKED is what keeps claims
    // apart, and a lock per scope would make the instances' workers queue for one another.
    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    public void Dispose() => _subscription.Dispose();
}
