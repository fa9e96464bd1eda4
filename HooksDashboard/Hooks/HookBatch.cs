using HooksDashboard.Audit;

namespace HooksDashboard.Hooks;

/// <summary>One hook to create (no <see cref="ExistingId"/>) or to bring to the given state, in a <see cref="HookBatch"/>.</summary>
/// <param name="ExistingId">The hook to update, or null to create one.</param>
/// <param name="TriggerId">The point; for an update it must be the hook's own (a hook never changes point).</param>
/// <param name="SecretsToSet">Secrets to add (new names) or whose values to replace (existing names).</param>
/// <param name="SecretsToRemove">Existing secret names to delete.</param>
/// <param name="ExpectedVersion">For an update: refuse (<see cref="HookConflictException"/>) unless the hook is still at this version.</param>
public sealed record HookBatchItem(
    string? ExistingId,
    string Name,
    string TriggerId,
    string Script,
    IReadOnlyDictionary<string, string> Dependencies,
    bool Enabled,
    IReadOnlyDictionary<string, string> SecretsToSet,
    IReadOnlyCollection<string> SecretsToRemove,
    int? ExpectedVersion = null);

/// <summary>What one <see cref="HookBatchItem"/> did.</summary>
/// <param name="Before">The hook before (null when created).</param>
/// <param name="After">The hook after.</param>
/// <param name="Disabled">Hooks of the same point this item's enabling disabled (not part of the batch themselves).</param>
public sealed record HookBatchChange(
    HookBatchItem Item,
    Hook? Before,
    Hook After,
    IReadOnlyList<Hook> Disabled,
    IReadOnlyList<string> SecretsAdded,
    IReadOnlyList<string> SecretsChanged,
    IReadOnlyList<string> SecretsRemoved);

/// <summary>
/// Hook writes that succeed or fail together (an import). The store applies the items in order, in one database
/// transaction, with the usual rules (names, scripts, secrets, one enabled hook per point, a version per change of code).
/// </summary>
/// <param name="Message">The note stored with every version the batch makes, e.g. "Imported from tenant.yaml".</param>
/// <param name="Author">Who makes the change; the audit decorator fills it from the current actor.</param>
/// <param name="AuditTrail">
/// Given what the batch did, the audit entries to write in the same transaction (the audit decorator sets it), so the
/// trail can never miss a change nor record one that was rolled back.
/// </param>
public sealed record HookBatch(
    IReadOnlyList<HookBatchItem> Items,
    string? Message = null,
    Actor? Author = null,
    Func<IReadOnlyList<HookBatchChange>, IReadOnlyList<HookAuditEntry>>? AuditTrail = null);

/// <summary>
/// All-or-nothing writes of several hooks. The SQLite store implements it, and each <see cref="IHookStore"/> decorator
/// passes it on doing its own part (packages installed first, caches dropped and warm engines discarded after, audit
/// entries written inside the transaction), so <c>IHookStore</c> as registered can be cast to it.
/// </summary>
public interface IHookBatchStore
{
    /// <summary>Applies every item or none.</summary>
    /// <exception cref="HookValidationException">An item breaks a rule; the field is prefixed with the item's name.</exception>
    /// <exception cref="HookNotFoundException">An item's hook no longer exists.</exception>
    /// <exception cref="HookConflictException">A name is taken, or a hook moved on from <see cref="HookBatchItem.ExpectedVersion"/>.</exception>
    Task<IReadOnlyList<HookBatchChange>> ApplyAsync(HookBatch batch, CancellationToken cancellationToken = default);
}

internal static class HookBatchStores
{
    /// <summary>The decorated store's batch support, or a clear error for a store that has none.</summary>
    public static IHookBatchStore Inner(IHookStore inner) =>
        inner as IHookBatchStore ?? throw new NotSupportedException($"{inner.GetType().Name} does not support batch writes (IHookBatchStore).");
}
