namespace HooksDashboard.Audit;

/// <summary>The kinds of change the audit trail records.</summary>
public static class HookAuditActions
{
    public const string Created = "created";
    public const string Renamed = "renamed";
    public const string ScriptChanged = "script-changed";
    public const string DependenciesChanged = "dependencies-changed";
    public const string Enabled = "enabled";
    public const string Disabled = "disabled";
    public const string SecretsAdded = "secrets-added";
    public const string SecretsChanged = "secrets-changed";
    public const string SecretsRemoved = "secrets-removed";
    public const string Deleted = "deleted";
    public const string VersionRestored = "version-restored";
    public const string TestCaseAdded = "test-case-added";
    public const string TestCaseChanged = "test-case-changed";
    public const string TestCaseDeleted = "test-case-deleted";

    /// <summary>A save deployed code although saved test cases failed against it (the user overrode the check).</summary>
    public const string TestsOverridden = "tests-overridden";

    public const string EgressPolicyChanged = "egress-policy-changed";
}

/// <summary>One recorded change to a hook. Never holds a secret value: secret changes name the secrets only.</summary>
/// <param name="HookName">The hook's name when the change happened (kept after a rename or delete).</param>
/// <param name="Action">One of <see cref="HookAuditActions"/>.</param>
/// <param name="Details">What changed, in a sentence.</param>
public sealed record HookAuditEntry(
    string Id,
    string HookId,
    string HookName,
    string Action,
    string Details,
    ActorKind ActorKind,
    string Actor,
    DateTimeOffset At);
