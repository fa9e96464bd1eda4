using System.Text.Json;
using System.Text.Json.Nodes;
using HooksDashboard.Execution;

namespace HooksDashboard.Hooks.TestCases;

/// <summary>
/// The one JSON shape of a run of test cases (Management API answers, <c>run-hook --cases</c>, <c>hooks test --json</c>):
/// <c>{"hook":{"id","name"},"total","passed","failed","results":[{"id","name","passed","failures":[...],"result":{...}}]}</c>,
/// where <c>result</c> is the run in the shared result shape (<see cref="ExecutionJson.Options"/>), redacted.
/// </summary>
public static class TestCaseReportJson
{
    public static JsonObject ToJson(TestCaseReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonObject
        {
            ["hook"] = new JsonObject { ["id"] = report.HookId, ["name"] = report.Name },
            ["total"] = report.Total,
            ["passed"] = report.Passed,
            ["failed"] = report.Failed,
            ["results"] = new JsonArray([.. report.Results.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.CaseId,
                ["name"] = r.Name,
                ["passed"] = r.Passed,
                ["failures"] = new JsonArray([.. r.Failures.Select(f => (JsonNode)f)]),
                ["result"] = JsonSerializer.SerializeToNode(r.Result, ExecutionJson.Options),
            })]),
        };
    }

    /// <summary>Reads a report back (the command line, from the server's answer); a malformed one is a <see cref="FormatException"/>.</summary>
    public static TestCaseReport FromJson(JsonNode? json)
    {
        try
        {
            var results = new List<TestCaseResult>();
            foreach (var item in json?["results"]?.AsArray() ?? throw new FormatException("The answer has no results."))
            {
                var result = item!["result"].Deserialize<ExecutionResult>(ExecutionJson.Options) ?? throw new FormatException("A result is missing.");
                results.Add(new TestCaseResult(
                    (string?)item["id"], (string?)item["name"] ?? "", [.. item["failures"]!.AsArray().Select(f => (string)f!)], result));
            }
            return new TestCaseReport((string?)json["hook"]?["id"], (string?)json["hook"]?["name"] ?? "", results);
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException or NullReferenceException)
        {
            throw new FormatException($"Not a test case report: {e.Message}", e);
        }
    }
}
