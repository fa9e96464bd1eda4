namespace HooksDashboard.Transfer;

/// <summary>What an import does to one hook of the source.</summary>
public enum HookPlanAction
{
    /// <summary>No stored hook has this name: it is created.</summary>
    Create,

    /// <summary>A stored hook of this name differs: it is brought to the source's state.</summary>
    Update,

    /// <summary>The stored hook already matches.</summary>
    Unchanged,
}

/// <summary>One hook of the source and what importing it would change. Secret values never appear here, only names.</summary>
/// <param name="Name">The name in the source.</param>
/// <param name="ExistingId">The stored hook it updates, if any.</param>
/// <param name="ExistingVersion">That hook's version when the plan was made (an apply refuses if it moved on).</param>
/// <param name="Changes">What differs, one sentence each ("Script: 12 → 14 lines (+3 −1).", "Enabled.").</param>
/// <param name="SecretsAdded">New secrets, with a value.</param>
/// <param name="SecretsChanged">Existing secrets given a different value.</param>
/// <param name="SecretsKept">Existing secrets the source names without a value (masked): their values stay.</param>
/// <param name="SecretsRemoved">Existing secrets the source does not name: removed, as deploy-cli does.</param>
/// <param name="MissingSecrets">New secrets the source names without a value, and none was given: the import cannot be applied.</param>
public sealed record HookPlanEntry(
    string Name,
    string TriggerId,
    string Origin,
    HookPlanAction Action,
    string? ExistingId,
    int? ExistingVersion,
    bool Enabled,
    IReadOnlyList<string> Changes,
    IReadOnlyList<string> SecretsAdded,
    IReadOnlyList<string> SecretsChanged,
    IReadOnlyList<string> SecretsKept,
    IReadOnlyList<string> SecretsRemoved,
    IReadOnlyList<string> MissingSecrets);

/// <summary>A stored hook the import disables, because the source enables another hook of its point.</summary>
public sealed record HookPlanDisable(string Name, string TriggerId, string Because);

/// <summary>
/// An import's dry run: per hook of the source what would be created, updated or left, which stored hooks would be
/// disabled by the one-enabled-per-point rule, and every reason it cannot be applied.
/// </summary>
/// <param name="Source">What was read.</param>
/// <param name="Untouched">Stored hooks the source does not name: an import never deletes them.</param>
/// <param name="Errors">Why it cannot be applied (empty when it can).</param>
public sealed record ImportPlan(
    string Source,
    IReadOnlyList<HookPlanEntry> Hooks,
    IReadOnlyList<HookPlanDisable> Disabled,
    IReadOnlyList<string> Untouched,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Warnings)
{
    public bool CanApply => Errors.Count == 0;

    public bool HasChanges => Hooks.Any(h => h.Action != HookPlanAction.Unchanged);
}

/// <summary>What an applied import did.</summary>
/// <param name="Plan">The plan it carried out.</param>
/// <param name="Versions">Hook name to the version it is at now, for the created and updated hooks.</param>
public sealed record ImportResult(ImportPlan Plan, IReadOnlyDictionary<string, int> Versions);

/// <summary>An import whose plan has errors (<see cref="Plan"/> says which); nothing was written.</summary>
public sealed class ImportRefusedException(ImportPlan plan)
    : Exception("The import cannot be applied: " + string.Join(" ", plan.Errors))
{
    public ImportPlan Plan { get; } = plan;
}
