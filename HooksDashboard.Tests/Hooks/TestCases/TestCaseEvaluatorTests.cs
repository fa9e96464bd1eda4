using System.Text.Json.Nodes;
using HooksDashboard.Execution;
using HooksDashboard.Hooks.TestCases;

namespace HooksDashboard.Tests.Hooks.TestCases;

/// <summary>Expectations against results: each kind of failure reads as one line naming what and where.</summary>
public sealed class TestCaseEvaluatorTests
{
    private static ExecutionResult Success(string data, string? applied = null, params string[] console) => new()
    {
        Status = ExecutionStatus.Success,
        Data = JsonNode.Parse(data),
        Applied = applied is null ? null : JsonNode.Parse(applied)!.AsObject(),
        Logs = [.. console.Select(c => new ConsoleLine("log", c))],
    };

    private static ExecutionResult Error(string name, string message) => new()
    {
        Status = ExecutionStatus.Error,
        Error = new ExecutionError { Kind = ExecutionErrorKind.Hook, Name = name, Message = message, Line = 3, Column = 7 },
    };

    [Fact]
    public void Evaluate_SubsetOfResultAndApplied_Passes()
    {
        var expect = new TestCaseExpectation
        {
            Outcome = TestCaseOutcome.Success,
            Result = JsonNode.Parse("""{"scope":["read:a"],"https://x/plan":1.0}"""),
            Applied = JsonNode.Parse("""{"scope":["read:a"]}"""),
            Console = ["plan"],
        };

        var failures = TestCaseEvaluator.Evaluate(expect, Success("""{"scope":["read:a"],"https://x/plan":1,"extra":true}""", """{"scope":["read:a"],"claims":{}}""", "checked plan full"));

        Assert.Empty(failures);
    }

    [Fact]
    public void Evaluate_ValueDiffers_NamesPathExpectedAndActual()
    {
        var expect = new TestCaseExpectation { Outcome = TestCaseOutcome.Success, Result = JsonNode.Parse("""{"user":{"app_metadata":{"plan":"full"}}}""") };

        var failures = TestCaseEvaluator.Evaluate(expect, Success("""{"user":{"app_metadata":{"plan":"free"}}}"""));

        Assert.Equal(["result: expected \"full\" at $.user.app_metadata.plan, got \"free\""], failures);
    }

    [Fact]
    public void Evaluate_MissingPropertyWrongTypeAndArrayLength_OneLineEach()
    {
        var expect = new TestCaseExpectation
        {
            Outcome = TestCaseOutcome.Success,
            Applied = JsonNode.Parse("""{"missing":1,"obj":{"a":1},"scope":["a","b"],"odd name":true}"""),
        };

        var failures = TestCaseEvaluator.Evaluate(expect, Success("{}", """{"obj":"text","scope":["a"],"odd name":false}"""));

        Assert.Equal(
        [
            "applied: missing $.missing: expected 1",
            "applied: expected an object at $.obj, got \"text\"",
            "applied: expected 2 items at $.scope, got 1: [\"a\"]",
            "applied: expected true at $[\"odd name\"], got false",
        ], failures);
    }

    [Fact]
    public void Evaluate_ExpectedSuccessGotError_SaysTheError()
    {
        var failures = TestCaseEvaluator.Evaluate(new TestCaseExpectation { Outcome = TestCaseOutcome.Success }, Error("TypeError", "x is not a function"));

        Assert.Equal(["expected success, got error: TypeError: x is not a function (line 3, column 7)"], failures);
    }

    [Fact]
    public void Evaluate_ExpectedErrorGotSuccess_SaysTheResult()
    {
        var failures = TestCaseEvaluator.Evaluate(new TestCaseExpectation { Outcome = TestCaseOutcome.Error }, Success("""{"ok":true}"""));

        Assert.Equal(["expected an error, got success with result {\"ok\":true}"], failures);
    }

    [Fact]
    public void Evaluate_ErrorNameAndMessageDiffer_BothNamed()
    {
        var expect = new TestCaseExpectation { Outcome = TestCaseOutcome.Error, ErrorName = "InvalidScopeError", ErrorMessage = "no plan" };

        var failures = TestCaseEvaluator.Evaluate(expect, Error("Error", "boom"));

        Assert.Equal(2, failures.Count);
        Assert.StartsWith("expected error name \"InvalidScopeError\", got \"Error\"", failures[0], StringComparison.Ordinal);
        Assert.Equal("expected the error message to contain \"no plan\", got \"boom\"", failures[1]);
    }

    [Fact]
    public void Evaluate_ErrorMatches_Passes()
    {
        var expect = new TestCaseExpectation { Outcome = TestCaseOutcome.Error, ErrorName = "InvalidScopeError", ErrorMessage = "no plan" };

        Assert.Empty(TestCaseEvaluator.Evaluate(expect, Error("InvalidScopeError", "denied: no plan for client")));
    }

    [Fact]
    public void Evaluate_ConsoleLineMissing_NamesTheLine()
    {
        var expect = new TestCaseExpectation { Outcome = TestCaseOutcome.Success, Console = ["checked plan", "other"] };

        var failures = TestCaseEvaluator.Evaluate(expect, Success("{}", null, "checked plan: full"));

        Assert.Equal(["missing console line \"other\" (the run wrote 1 line, none containing it)"], failures);
    }

    [Fact]
    public void Compare_ManyDifferences_CappedWithCount()
    {
        var expected = new JsonObject();
        for (var i = 0; i < 25; i++)
            expected["p" + i] = i;

        var mismatches = JsonSubset.Compare(expected, new JsonObject());

        Assert.Equal(JsonSubset.MaxMismatches + 1, mismatches.Count);
        Assert.Equal("… and 5 more differences", mismatches[^1]);
    }
}
