using HooksDashboard.Execution;
using HooksDashboard.Execution.Modules;

namespace HooksDashboard.Hooks.TestCases;

/// <summary>How one case went.</summary>
/// <param name="CaseId">The stored case's id; null for a case file.</param>
/// <param name="Failures">One readable line per difference from the expectation; empty when it passed.</param>
/// <param name="Result">The run, redacted (the hook's and the case's secret values replaced).</param>
public sealed record TestCaseResult(string? CaseId, string Name, IReadOnlyList<string> Failures, ExecutionResult Result)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>The cases run for one piece of hook code.</summary>
/// <param name="HookId">The stored hook; null for code from a file (<c>run-hook --cases</c>).</param>
/// <param name="Name">The hook's name, or the script file's.</param>
public sealed record TestCaseReport(string? HookId, string Name, IReadOnlyList<TestCaseResult> Results)
{
    public int Total => Results.Count;

    public int Failed => Results.Count(r => !r.Passed);

    public int Passed => Total - Failed;

    public bool AllPassed => Failed == 0;

    /// <summary>"2 of 5 test cases failed: a, b" / "5 test cases passed".</summary>
    public string Summary => AllPassed
        ? $"{Total} test case{(Total == 1 ? "" : "s")} passed"
        : $"{Failed} of {Total} test case{(Total == 1 ? "" : "s")} failed: {string.Join(", ", Results.Where(r => !r.Passed).Select(r => r.Name))}";
}

/// <summary>The code cases run against: what the test panel would run.</summary>
/// <param name="Secrets">The base secrets (a saved hook's, or <c>--secret</c>s); a case's overrides go on top.</param>
public sealed record TestCaseSubject(string TriggerId, string Script, IReadOnlyDictionary<string, string> Secrets, InvocationSource Source)
{
    public string? HookId { get; init; }

    public string? HookName { get; init; }

    public IReadOnlyDictionary<string, string>? Dependencies { get; init; }

    /// <summary>Packages already installed for <see cref="Dependencies"/>; null to read them from the cache or install them.</summary>
    public PackageGraph? Packages { get; init; }

    /// <summary>Overrides the point's wall-time limit (<c>run-hook --timeout-ms</c>).</summary>
    public int? TimeoutMs { get; init; }
}

/// <summary>
/// Runs test cases through the test panel's path (<see cref="IHookRunner.RunAsync"/> with a fresh engine, never a
/// warm one) and compares each run with its expectation. Shared by the dashboard, the Management API and the command
/// line. Case runs have no lasting effect: they are not written to the execution log (a pre-deploy check of twenty
/// cases would crowd the Logs page and the point's error rate) and <c>context.webtask.storage</c> is a fresh in-memory
/// document per case, never the hook's stored one. Outbound HTTP goes where the case's mocks say (the network when a
/// case has none, as in the test panel).
/// </summary>
public sealed class TestCaseRunner(IHookRunner runner, IHookStore hooks, ITestCaseStore cases, HookPackages? packages = null)
{
    /// <summary>How many cases of one report run at once (each holds a hook slot while it runs).</summary>
    public const int MaxParallelCases = 4;

    /// <summary>
    /// Runs a hook's saved cases against its saved code, or against <paramref name="script"/> and
    /// <paramref name="dependencies"/> when given (the editor's unsaved code; the code a save is about to deploy).
    /// </summary>
    /// <param name="caseIds">The cases to run; null for all of them.</param>
    /// <exception cref="HookNotFoundException">No such hook, or a case id is not one of its cases.</exception>
    public async Task<TestCaseReport> RunHookAsync(
        string hookId, string? script = null, IReadOnlyDictionary<string, string>? dependencies = null,
        IReadOnlyCollection<string>? caseIds = null, CancellationToken cancellationToken = default)
    {
        var hook = await hooks.GetAsync(hookId, cancellationToken).ConfigureAwait(false) ?? throw new HookNotFoundException();
        var all = await cases.ListAsync(hookId, cancellationToken).ConfigureAwait(false);
        var selected = all;
        if (caseIds is not null)
        {
            var unknown = caseIds.FirstOrDefault(id => all.All(c => c.Id != id));
            if (unknown is not null)
                throw new HookNotFoundException(TestCaseMessages.NotFound);
            selected = [.. all.Where(c => caseIds.Contains(c.Id))];
        }

        var secrets = await hooks.GetSecretValuesAsync(hookId, cancellationToken).ConfigureAwait(false);
        var subject = new TestCaseSubject(hook.TriggerId, script ?? hook.Script, secrets, InvocationSource.Test)
        {
            HookId = hook.Id,
            HookName = hook.Name,
            Dependencies = dependencies ?? hook.Dependencies,
        };
        return await RunAsync(subject, [.. selected.Select(c => (c.Id, c.Definition))], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs cases against <paramref name="subject"/>, up to <see cref="MaxParallelCases"/> at once; the report lists
    /// them in the given order.
    /// </summary>
    public async Task<TestCaseReport> RunAsync(TestCaseSubject subject, IReadOnlyList<(string? Id, TestCaseDefinition Definition)> testCases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(testCases);
        var name = subject.HookName ?? subject.TriggerId;
        if (testCases.Count == 0)
            return new TestCaseReport(subject.HookId, name, []);

        // As the test panel: what the code requires is installed (not saved) so the runs see it.
        var (dependencies, graph) = (subject.Dependencies, subject.Packages);
        if (graph is null && packages is not null && ((dependencies?.Count ?? 0) > 0 || RequireScanner.Scan(subject.Script).Count > 0))
        {
            try
            {
                var prepared = await packages.PrepareAsync(subject.Script, dependencies, cancellationToken).ConfigureAwait(false);
                (dependencies, graph) = (prepared.Dependencies, prepared.Graph);
            }
            catch (PackageInstallException ex)
            {
                var failed = ExecutionResult.Failure(ExecutionErrorKind.Contract, HookRunner.PackageErrorName, $"Dependencies could not be installed: {ex.Message}");
                return new TestCaseReport(subject.HookId, name,
                    [.. testCases.Select(c => new TestCaseResult(c.Id, c.Definition.Name, [$"not run: {failed.Error!.Message}"], failed))]);
            }
        }

        // Each case takes a hook slot; run a few at once so a live save with many cases does not wait for each in turn,
        // and keep the report in the cases' order.
        var results = new TestCaseResult[testCases.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Min(testCases.Count, MaxParallelCases), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, testCases.Count), parallel, async (index, token) =>
        {
            var (id, definition) = testCases[index];
            var secrets = new Dictionary<string, string>(subject.Secrets, StringComparer.Ordinal);
            foreach (var (secret, value) in definition.Secrets)
                secrets[secret] = value;
            var invocation = new HookInvocation(subject.TriggerId, subject.Script, definition.Payload?.DeepClone(), secrets, subject.Source)
            {
                HookId = subject.HookId,
                HookName = subject.HookName,
                HttpMocks = definition.HttpMocks,
                Dependencies = dependencies,
                Packages = graph,
                Record = false,
                IsolatedStorage = true,
                TimeoutMs = subject.TimeoutMs,
            };
            var result = await runner.RunAsync(invocation, token).ConfigureAwait(false);
            var failures = TestCaseEvaluator.Evaluate(definition.Expect, result).Select(f => result.Redactor.Redact(f)!).ToList();
            results[index] = new TestCaseResult(id, definition.Name, failures, result.Redacted());
        }).ConfigureAwait(false);
        return new TestCaseReport(subject.HookId, name, results);
    }
}
