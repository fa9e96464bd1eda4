using HooksDashboard.Execution.Http;
using HooksDashboard.Hooks;
using HooksDashboard.Storage;

namespace HooksDashboard.Audit;

/// <summary>Records every change of a hook's egress policy in the hook's audit trail, with its actor; reads pass through.</summary>
public sealed class AuditingHookEgressStore(IHookEgressStore inner, IHookStore hooks, IHookAuditLog audit, IActorAccessor actors, TimeProvider time,
    ILogger<AuditingHookEgressStore> logger) : IHookEgressStore
{
    public Task<HookEgressPolicy> GetAsync(string hookId, CancellationToken cancellationToken = default) => inner.GetAsync(hookId, cancellationToken);

    public Task<HookEgressRules?> GetRulesAsync(string hookId, CancellationToken cancellationToken = default) => inner.GetRulesAsync(hookId, cancellationToken);

    public async Task<HookEgressPolicy> SetAsync(string hookId, HookEgressPolicy policy, CancellationToken cancellationToken = default)
    {
        var before = await inner.GetAsync(hookId, cancellationToken).ConfigureAwait(false);
        var after = await inner.SetAsync(hookId, policy, cancellationToken).ConfigureAwait(false);
        if (before == after || before.ToJson() == after.ToJson())
            return after;
        var hook = await hooks.GetAsync(hookId, CancellationToken.None).ConfigureAwait(false);
        if (hook is null)
            return after;
        var actor = actors.Current;
        var now = time.GetUtcNow();
        var entry = new HookAuditEntry(Ulid.NewId(now), hook.Id, hook.Name, HookAuditActions.EgressPolicyChanged,
            $"Egress policy set: {after.Describe()} (was: {before.Describe()}).", actor.Kind, actor.Name, now);
        try
        {
            // The change itself is committed: a caller that cancels now must still leave its trace.
            await audit.AppendAsync([entry], CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not record the egress policy change of hook {HookId}", hookId);
        }

        return after;
    }
}
