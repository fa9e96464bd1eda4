using System.Collections.Concurrent;
using Dapper;
using HooksDashboard.Execution.Http;
using HooksDashboard.Hooks;

namespace HooksDashboard.Storage;

/// <summary>
/// Hooks' own egress policies in <c>hook_egress</c> (<see cref="HookEgressSchema"/>). Every invocation of a saved hook
/// asks for its rules, so they are kept in memory, filled on first use and replaced on every write through this store
/// (the only writer); a deleted hook's row goes with it (cascade) and its cached entry is simply never asked for again.
/// </summary>
public sealed class SqliteHookEgressStore(SqliteDatabase database, TimeProvider time) : IHookEgressStore
{
    private const string HookExistsSql = "SELECT COUNT(*) FROM hooks WHERE id = @HookId;";
    private const string SelectSql = "SELECT policy FROM hook_egress WHERE hook_id = @HookId;";
    private const string UpsertSql = """
        INSERT INTO hook_egress (hook_id, policy, updated_at) VALUES (@HookId, @Policy, @Now)
        ON CONFLICT (hook_id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at;
        """;
    private const string DeleteSql = "DELETE FROM hook_egress WHERE hook_id = @HookId;";

    private readonly ConcurrentDictionary<string, HookEgressRules?> _rules = new(StringComparer.Ordinal);

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
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var row = new { HookId = hookId, Policy = normalized.ToJson(), Now = time.GetUtcNow() };
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(HookExistsSql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) == 0)
            throw new HookNotFoundException();
        await connection.ExecuteAsync(new CommandDefinition(normalized.IsUnrestricted ? DeleteSql : UpsertSql, row, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _rules[hookId] = HookEgressRules.For(normalized);
        return normalized;
    }

    public async Task<HookEgressRules?> GetRulesAsync(string hookId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hookId);
        if (_rules.TryGetValue(hookId, out var cached))
            return cached;
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var json = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SelectSql, new { HookId = hookId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var rules = json is null ? null : HookEgressRules.For(HookEgressPolicy.FromJson(json));
        // A write that happened meanwhile wins over what was read before it.
        return _rules.GetOrAdd(hookId, rules);
    }
}
