using System.Data.Common;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Dapper;
using HooksDashboard.Storage;

namespace HooksDashboard.Events;

/// <summary>
/// <see cref="IHookEventStore"/> on the <c>hook_events</c> table, with an in-process wake-up signal; the SQL is the same
/// on both engines except how an event is claimed (<see cref="ClaimSql"/>) and how a write transaction starts.
/// </summary>
public abstract class HookEventStoreBase(TimeProvider time) : IHookEventStore
{
    protected const string Columns = """
        id AS Id, trigger_id AS TriggerId, payload AS Payload, request_id AS RequestId, status AS Status,
        attempts AS Attempts, available_at AS AvailableAt, lease_until AS LeaseUntil, last_error AS LastError,
        result AS Result, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    private const string InsertSql = """
        INSERT INTO hook_events (id, trigger_id, payload, request_id, status, attempts, available_at, created_at, updated_at)
        VALUES (@Id, @TriggerId, @Payload, @RequestId, 'pending', 0, @Now, @Now, @Now);
        """;

    private const string GetSql = "SELECT " + Columns + " FROM hook_events WHERE id = @Id;";

    private const string ListSql = "SELECT " + Columns + """
         FROM hook_events WHERE (@TriggerId IS NULL OR trigger_id = @TriggerId)
        ORDER BY created_at DESC, id DESC LIMIT @Limit;
        """;

    private const string ExpireSql = """
        UPDATE hook_events
        SET status = 'failed', lease_until = NULL, updated_at = @Now,
            last_error = 'The process running the last attempt stopped before it finished.'
        WHERE status = 'running' AND lease_until <= @Now AND attempts >= @MaxAttempts;
        """;

    /// <summary>
    /// Leases the oldest due event and returns it (<see cref="Columns"/>); parameters @Now, @LeaseUntil, @MaxAttempts.
    /// </summary>
    protected abstract string ClaimSql { get; }

    /// <summary>Opens a connection; the caller disposes it.</summary>
    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Starts a write transaction on <paramref name="connection"/>.</summary>
    protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    // The attempt count guards against a worker whose lease ran out and whose event another worker re-leased.
    private const string CompleteSql = """
        UPDATE hook_events
        SET status = 'done', lease_until = NULL, last_error = NULL, result = @Result, updated_at = @Now
        WHERE id = @Id AND status = 'running' AND attempts = @Attempts;
        """;

    private const string FailSql = """
        UPDATE hook_events
        SET status = @Status, lease_until = NULL, available_at = @AvailableAt, last_error = @Error, result = @Result, updated_at = @Now
        WHERE id = @Id AND status = 'running' AND attempts = @Attempts;
        """;

    private const string ReleaseSql = """
        UPDATE hook_events
        SET status = 'pending', lease_until = NULL, available_at = @Now, updated_at = @Now
        WHERE id = @Id AND status = 'running' AND attempts = @Attempts;
        """;

    // attempts - 1: the claim counted an attempt that never ran the hook.
    private const string DeferSql = """
        UPDATE hook_events
        SET status = 'pending', attempts = attempts - 1, lease_until = NULL, available_at = @AvailableAt, last_error = @Error, updated_at = @Now
        WHERE id = @Id AND status = 'running' AND attempts = @Attempts;
        """;

    // One slot: any number of wake-ups before the worker looks collapse into one.
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public virtual async Task<string> EnqueueAsync(DbConnection connection, DbTransaction transaction, string triggerId, JsonNode payload, string? requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(triggerId);
        ArgumentNullException.ThrowIfNull(payload);
        var now = time.GetUtcNow();
        var id = Ulid.NewId(now);
        var row = new { Id = id, TriggerId = triggerId, Payload = payload.ToJsonString(), RequestId = requestId, Now = now };
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return id;
    }

    public virtual void Wake() => _signal.Writer.TryWrite(true);

    public async Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _signal.Reader.WaitToReadAsync(timer.Token).ConfigureAwait(false);
            _signal.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed without a wake-up: time to look anyway.
        }
    }

    public async Task<HookEvent?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(GetSql, new { Id = id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToEvent();
    }

    public async Task<IReadOnlyList<HookEvent>> ListAsync(string? triggerId = null, int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<EventRow>(
            new CommandDefinition(ListSql, new { TriggerId = triggerId, Limit = limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToEvent())];
    }

    public async Task<HookEvent?> ClaimNextAsync(int maxAttempts, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        var now = time.GetUtcNow();
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            ExpireSql, new { Now = now, MaxAttempts = maxAttempts }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(
            ClaimSql, new { Now = now, LeaseUntil = now + lease, MaxAttempts = maxAttempts }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return row?.ToEvent();
    }

    public async Task<bool> CompleteAsync(HookEvent claimed, string? result, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await CompleteAsync(connection, null, claimed, result, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> CompleteAsync(DbConnection connection, DbTransaction? transaction, HookEvent claimed, string? result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(claimed);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            CompleteSql, new { claimed.Id, claimed.Attempts, Result = result, Now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 1;
    }

    public async Task<bool> FailAsync(HookEvent claimed, string reason, string? result, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await FailAsync(connection, null, claimed, reason, result, retryAt, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> FailAsync(DbConnection connection, DbTransaction? transaction, HookEvent claimed, string reason, string? result, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(claimed);
        var row = new
        {
            claimed.Id,
            claimed.Attempts,
            Status = retryAt is null ? "failed" : "pending",
            AvailableAt = retryAt ?? claimed.AvailableAt,
            Error = reason,
            Result = result,
            Now = time.GetUtcNow(),
        };
        var changed = await connection.ExecuteAsync(new CommandDefinition(FailSql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 1;
    }

    public async Task ReleaseAsync(HookEvent claimed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            ReleaseSql, new { claimed.Id, claimed.Attempts, Now = time.GetUtcNow() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task DeferAsync(HookEvent claimed, DateTimeOffset availableAt, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            DeferSql, new { claimed.Id, claimed.Attempts, AvailableAt = availableAt, Error = reason, Now = time.GetUtcNow() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private sealed class EventRow
    {
        public string Id { get; set; } = "";
        public string TriggerId { get; set; } = "";
        public string Payload { get; set; } = "";
        public string? RequestId { get; set; }
        public string Status { get; set; } = "";
        public long Attempts { get; set; }
        public DateTimeOffset AvailableAt { get; set; }
        public DateTimeOffset? LeaseUntil { get; set; }
        public string? LastError { get; set; }
        public string? Result { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public HookEvent ToEvent() => new(
            Id, TriggerId, Payload, RequestId, ParseStatus(Status), (int)Attempts, AvailableAt, LeaseUntil, LastError, Result, CreatedAt, UpdatedAt);

        private static HookEventStatus ParseStatus(string status) => status switch
        {
            "pending" => HookEventStatus.Pending,
            "running" => HookEventStatus.Running,
            "done" => HookEventStatus.Done,
            "failed" => HookEventStatus.Failed,
            _ => throw new InvalidOperationException($"Unknown hook event status '{status}'."),
        };
    }
}
