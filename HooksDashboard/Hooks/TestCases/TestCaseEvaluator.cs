using HooksDashboard.Execution;

namespace HooksDashboard.Hooks.TestCases;

/// <summary>Compares a run with a case's expectation: one readable line per difference, none when the case passes.</summary>
public static class TestCaseEvaluator
{
    public static IReadOnlyList<string> Evaluate(TestCaseExpectation expect, ExecutionResult result)
    {
        ArgumentNullException.ThrowIfNull(expect);
        ArgumentNullException.ThrowIfNull(result);
        var failures = new List<string>();
        if (expect.Outcome == TestCaseOutcome.Success)
        {
            if (!result.IsSuccess)
            {
                failures.Add($"expected success, got error: {Describe(result.Error)}");
            }
            else
            {
                if (expect.Result is not null)
                    failures.AddRange(JsonSubset.Compare(expect.Result, result.Data).Select(m => "result: " + m));
                if (expect.Applied is not null)
                    failures.AddRange(JsonSubset.Compare(expect.Applied, result.Applied).Select(m => "applied: " + m));
            }
        }
        else if (result.IsSuccess)
        {
            failures.Add($"expected an error, got success with result {JsonSubset.Show(result.Data)}");
        }
        else
        {
            var error = result.Error!;
            if (expect.ErrorName is { } name && !string.Equals(name, error.Name, StringComparison.Ordinal))
                failures.Add($"expected error name \"{name}\", got \"{error.Name}\" ({Describe(error)})");
            if (expect.ErrorMessage is { } message && !error.Message.Contains(message, StringComparison.Ordinal))
                failures.Add($"expected the error message to contain \"{message}\", got \"{error.Message}\"");
        }

        foreach (var line in expect.Console)
        {
            if (!result.Logs.Any(l => l.Message.Contains(line, StringComparison.Ordinal)))
                failures.Add(result.Logs.Count == 0
                    ? $"missing console line \"{line}\" (the run wrote no console lines)"
                    : $"missing console line \"{line}\" (the run wrote {result.Logs.Count} line{(result.Logs.Count == 1 ? "" : "s")}, none containing it)");
        }
        return failures;
    }

    /// <summary>"TypeError: x is not a function (line 3, column 5)".</summary>
    public static string Describe(ExecutionError? error)
    {
        if (error is null)
            return "(no error)";
        var where = error.Line is { } line ? $" (line {line}{(error.Column is { } column ? $", column {column}" : "")})" : "";
        return $"{error.Name}: {error.Message}{where}";
    }
}
