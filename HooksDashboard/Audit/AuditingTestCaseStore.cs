using HooksDashboard.Hooks;
using HooksDashboard.Hooks.TestCases;
using HooksDashboard.Storage;

namespace HooksDashboard.Audit;

/// <summary>
/// Records every change to a hook's saved test cases in the hook's audit trail, whoever makes it (dashboard, API),
/// after the store accepted it. Secret override values never reach the trail.
/// </summary>
public sealed class AuditingTestCaseStore(ITestCaseStore inner, IHookStore hooks, IHookAuditLog audit, IActorAccessor actors, TimeProvider time,
    ILogger<AuditingTestCaseStore> logger) : ITestCaseStore
{
    public Task<IReadOnlyList<HookTestCase>> ListAsync(string hookId, CancellationToken cancellationToken = default) => inner.ListAsync(hookId, cancellationToken);

    public Task<HookTestCase?> GetAsync(string hookId, string caseId, CancellationToken cancellationToken = default) => inner.GetAsync(hookId, caseId, cancellationToken);

    public async Task<HookTestCase> CreateAsync(string hookId, TestCaseDefinition definition, CancellationToken cancellationToken = default)
    {
        var created = await inner.CreateAsync(hookId, definition, cancellationToken).ConfigureAwait(false);
        await AppendAsync(hookId, HookAuditActions.TestCaseAdded, $"Test case '{created.Name}' added (expects {Outcome(created.Definition)}).").ConfigureAwait(false);
        return created;
    }

    public async Task<HookTestCase> UpdateAsync(string hookId, string caseId, TestCaseDefinition definition, CancellationToken cancellationToken = default)
    {
        var before = await inner.GetAsync(hookId, caseId, cancellationToken).ConfigureAwait(false);
        var updated = await inner.UpdateAsync(hookId, caseId, definition, cancellationToken).ConfigureAwait(false);
        var renamed = before is not null && before.Name != updated.Name ? $" (renamed from '{before.Name}')" : "";
        await AppendAsync(hookId, HookAuditActions.TestCaseChanged, $"Test case '{updated.Name}' changed{renamed} (expects {Outcome(updated.Definition)}).").ConfigureAwait(false);
        return updated;
    }

    public async Task DeleteAsync(string hookId, string caseId, CancellationToken cancellationToken = default)
    {
        var before = await inner.GetAsync(hookId, caseId, cancellationToken).ConfigureAwait(false);
        await inner.DeleteAsync(hookId, caseId, cancellationToken).ConfigureAwait(false);
        await AppendAsync(hookId, HookAuditActions.TestCaseDeleted, $"Test case '{before?.Name ?? caseId}' deleted.").ConfigureAwait(false);
    }

    private static string Outcome(TestCaseDefinition definition) =>
        definition.Expect.Outcome == TestCaseOutcome.Success ? "success" : "an error";

    private async Task AppendAsync(string hookId, string action, string details)
    {
        try
        {
            // The change is committed: a caller that cancels now must still leave its trace.
            var hook = await hooks.GetAsync(hookId, CancellationToken.None).ConfigureAwait(false);
            var actor = actors.Current;
            var now = time.GetUtcNow();
            await audit.AppendAsync([new HookAuditEntry(Ulid.NewId(now), hookId, hook?.Name ?? "", action, details, actor.Kind, actor.Name, now)],
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The change already happened; failing the caller now would make them retry a done change.
            logger.LogError(e, "Could not record a test case change for hook {HookId}", hookId);
        }
    }
}
