namespace HooksDashboard.Audit;

/// <summary>The append-only record of changes to hooks.</summary>
public interface IHookAuditLog
{
    /// <summary>Appends entries (one change may touch two hooks: enabling one disables another).</summary>
    Task AppendAsync(IReadOnlyList<HookAuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>A hook's changes, newest first, also after the hook was deleted.</summary>
    Task<IReadOnlyList<HookAuditEntry>> ListForHookAsync(string hookId, int limit = 200, CancellationToken cancellationToken = default);
}
