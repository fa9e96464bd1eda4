using HooksDashboard.Execution.Http;

namespace HooksDashboard.Hooks;

/// <summary>
/// Each saved hook's own egress policy (<see cref="HookEgressPolicy"/>): a setting of the hook like its secrets, applied
/// from the next invocation on, audited, not part of the hook's versions (see docs/design.md, "Outbound HTTP").
/// </summary>
public interface IHookEgressStore
{
    /// <summary>The hook's policy; <see cref="HookEgressPolicy.Unrestricted"/> when none was set.</summary>
    /// <exception cref="HookNotFoundException">No hook has this id.</exception>
    Task<HookEgressPolicy> GetAsync(string hookId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the hook's policy (an unrestricted one removes it) and returns it normalized.</summary>
    /// <exception cref="HookValidationException">An entry is invalid; the message names it.</exception>
    /// <exception cref="HookNotFoundException">No hook has this id.</exception>
    Task<HookEgressPolicy> SetAsync(string hookId, HookEgressPolicy policy, CancellationToken cancellationToken = default);

    /// <summary>The checks of the hook's policy for an invocation, null when it restricts nothing; served from memory between writes.</summary>
    Task<HookEgressRules?> GetRulesAsync(string hookId, CancellationToken cancellationToken = default);
}
