namespace HooksDashboard.Hooks.TestCases;

/// <summary>
/// The saved test cases of hooks. Names are unique per hook; cases go with their hook. Secret overrides are kept
/// encrypted and returned in clear to the services that run cases (the API and the dashboard mask them).
/// Throws <see cref="HookNotFoundException"/> for an unknown hook or case, <see cref="HookConflictException"/> for a
/// duplicate name and <see cref="HookValidationException"/> for a definition that breaks a rule.
/// </summary>
public interface ITestCaseStore
{
    /// <summary>A hook's cases, by name (ordinal); empty for an unknown hook.</summary>
    Task<IReadOnlyList<HookTestCase>> ListAsync(string hookId, CancellationToken cancellationToken = default);

    /// <summary>One case of a hook, or null.</summary>
    Task<HookTestCase?> GetAsync(string hookId, string caseId, CancellationToken cancellationToken = default);

    Task<HookTestCase> CreateAsync(string hookId, TestCaseDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>Replaces a case's whole definition (name included).</summary>
    Task<HookTestCase> UpdateAsync(string hookId, string caseId, TestCaseDefinition definition, CancellationToken cancellationToken = default);

    Task DeleteAsync(string hookId, string caseId, CancellationToken cancellationToken = default);
}

/// <summary>The refusal messages of the case store, shared by every caller.</summary>
public static class TestCaseMessages
{
    public const string NotFound = "Test case not found";
    public const string DuplicateName = "A test case with the same name already exists for this hook";
}
