using System.Collections.Concurrent;
using Dapper;
using HooksDashboard.Execution.Http;
using HooksDashboard.Hooks;

namespace HooksDashboard.Storage;

/// <summary>
/// Hooks' own egress policies in <c>hook_egress</c> (<see cref="HookEgressSchema"/>) on either engine (the name predates
/// PostgreSQL). Every invocation of a saved hook asks for its rules, so they are kept in memory, filled on first use
/// and replaced on every write through this store; a deleted hook's row goes with it (cascade) and its cached entry is
/// simply never asked for again. Instances sharing a PostgreSQL database drop the cache when any of them changes a
/// policy (<see cref="Invalidate"/>, called by <see cref="HookChangeListener"/>: migration 402 makes
/// <c>hook_egress</c> notify like the hook tables), so a policy narrowed on one instance is enforced by all of them.
/// </summary>
public sealed class SqliteHookEgressStore(IDatabase database, TimeProvider time) : IHookEgressStore
{
    private const string HookExistsSql = "SELECT COUNT(*) FROM hooks WHERE id = @HookId;";
    private const string SelectSql = "SELECT policy FROM hook_egress WHERE hook_id = @HookId;";
    private const string UpsertSql = """
        INSERT INTO hook_egress (hook_id, policy, updated_at) VALUES (@HookId, @Policy, @Now)
        ON CONFLICT (hook_id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at;
        """;
    private const string DeleteSql = "DELETE FROM hook_egress WHERE hook_id = @HookId;";

    // Each entry remembers the generation it was read in; Invalidate starts a new generation, so entries read before it
    // (also reads still in flight) are never served afterwards.
    private readonly ConcurrentDictionary<string, Entry> _rules = new(StringComparer.Ordinal);
    private long _generation;

    public async Task<HookEgressPolicy> GetAsync(string hookId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hookId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(HookExistsSql, new { HookId = hookId }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 0)
            throw new HookNotFoundException();
        var json = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SelectSql, new { HookId = hookId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return json is null ? HookEgressPolicy.Unrestricted : HookEgressPolicy.FromJson(json);
    }

    public async Task<HookEgressPolicy> SetAsync(string hookId, HookEgressPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hookId);
        ArgumentNullException.ThrowIfNull(policy);
        HookEgressPolicy normalized;
        try
        {
            normalized = policy.Normalize();
        }
        catch (HookEgressPolicyException ex)
        {
            throw new HookValidationException(ex.Field, ex.Message);
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginWriteAsync(connection, SqliteHookStore.WriteScope, cancellationToken).ConfigureAwait(false);
        var row = new { HookId = hookId, Policy = normalized.ToJson(), Now = time.GetUtcNow() };
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(HookExistsSql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) == 0)
            throw new HookNotFoundException();
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(normalized.IsUnrestricted ? DeleteSql : UpsertSql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException e) when (DatabaseErrors.IsForeignKeyViolation(e))
        {
            // The hook was deleted between the check and the write (a delete does not take the write scope).
            throw new HookNotFoundException();
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        var rules = HookEgressRules.For(normalized);
        _rules[hookId] = new Entry(rules, Interlocked.Read(ref _generation));
        return normalized;
    }

    public async Task<HookEgressRules?> GetRulesAsync(string hookId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hookId);
        var generation = Interlocked.Read(ref _generation);
        if (_rules.TryGetValue(hookId, out var cached) && cached.Generation == generation)
            return cached.Rules;
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var json = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SelectSql, new { HookId = hookId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var rules = json is null ? null : HookEgressRules.For(HookEgressPolicy.FromJson(json));
        // A write through this store that happened meanwhile (same or newer generation) wins over what was read before it.
        var stored = _rules.AddOrUpdate(hookId, new Entry(rules, generation),
            (_, existing) => existing.Generation >= generation ? existing : new Entry(rules, generation));
        return stored.Generation >= generation ? stored.Rules : rules;
    }

    /// <summary>Forgets every cached policy (another instance may have changed one); the next use reads it again.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _rules.Clear();
    }

    private sealed record Entry(HookEgressRules? Rules, long Generation);
}
