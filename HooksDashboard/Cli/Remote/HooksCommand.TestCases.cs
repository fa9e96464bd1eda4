using System.Globalization;
using System.Text.Json.Nodes;
using HooksDashboard.Hooks.TestCases;

namespace HooksDashboard.Cli.Remote;

/// <summary><c>hooks test</c>: run a hook's saved test cases on the server (<c>POST /api/v2/hooks/{id}/test-cases/run</c>).</summary>
internal static partial class HooksCommand
{
    private const string RunTestsFlag = "--run-tests";

    private static async Task TestAsync(ManagementConnection connection, Output output, string reference, IReadOnlyList<string> caseNames, string? junitPath,
        CancellationToken cancellationToken)
    {
        var hook = await ResolveAsync(connection, reference, cancellationToken).ConfigureAwait(false);
        JsonObject? body = caseNames.Count == 0 ? null : new JsonObject { ["cases"] = new JsonArray([.. caseNames.Select(n => (JsonNode)n)]) };
        var answer = await connection.SendAsync(HttpMethod.Post, $"/hooks/{Text(hook, "id")}/test-cases/run", body, cancellationToken).ConfigureAwait(false);
        TestCaseReport report;
        try
        {
            report = TestCaseReportJson.FromJson(answer);
        }
        catch (FormatException e)
        {
            throw new CliRemoteException(RemoteExitCodes.Refused, $"The server's answer is not a test report: {e.Message}");
        }

        if (junitPath is not null)
            await WriteJUnitAsync(report, junitPath, cancellationToken).ConfigureAwait(false);
        if (output.Json)
            await output.JsonAsync(answer).ConfigureAwait(false);
        else
            await PrintReportAsync(output.LineAsync, report).ConfigureAwait(false);
        if (!report.AllPassed)
            throw new CliRemoteException(RemoteExitCodes.Refused, report.Summary + ".");
    }

    /// <summary>Writes a JUnit XML report; a path that cannot be written is a usage error.</summary>
    internal static async Task WriteJUnitAsync(TestCaseReport report, string path, CancellationToken cancellationToken)
    {
        try
        {
            await JUnitReport.WriteAsync(JUnitReport.Create([report], DateTimeOffset.UtcNow), path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliUsageException($"Cannot write the JUnit report '{path}': {e.Message}");
        }
    }

    /// <summary>One line per case (PASS/FAIL, name, duration), each failure's differences indented under it, then a summary.</summary>
    internal static async Task PrintReportAsync(Func<string, Task> line, TestCaseReport report)
    {
        if (report.Total == 0)
        {
            await line($"'{report.Name}' has no test cases. Save some from the dashboard's test panel (\"Save as test\") or the API.").ConfigureAwait(false);
            return;
        }
        foreach (var result in report.Results)
        {
            await line(string.Create(CultureInfo.InvariantCulture, $"{(result.Passed ? "PASS" : "FAIL")}  {result.Name}  ({result.Result.DurationMs:0.#} ms)")).ConfigureAwait(false);
            foreach (var failure in result.Failures)
                await line("      " + failure).ConfigureAwait(false);
        }
        await line($"{report.Summary}.").ConfigureAwait(false);
    }
}
