using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using HooksDashboard.Execution.Http;

namespace HooksDashboard.Hooks.TestCases;

/// <summary>How a test case expects the hook to end.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TestCaseOutcome>))]
public enum TestCaseOutcome
{
    [JsonStringEnumMemberName("success")] Success,
    [JsonStringEnumMemberName("error")] Error,
}

/// <summary>
/// What a test case expects of a run. Every part that is set must hold; parts left out are not checked.
/// </summary>
public sealed record TestCaseExpectation
{
    /// <summary>Success (<c>cb(null, result)</c>) or error.</summary>
    public required TestCaseOutcome Outcome { get; init; }

    /// <summary>With <see cref="TestCaseOutcome.Error"/>: the error's class name must be this one (e.g. <c>InvalidScopeError</c>).</summary>
    public string? ErrorName { get; init; }

    /// <summary>With <see cref="TestCaseOutcome.Error"/>: the error's message must contain this text (case-sensitive).</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>With <see cref="TestCaseOutcome.Success"/>: a JSON subset of the value the hook gave <c>cb</c> (see <see cref="JsonSubset"/>).</summary>
    public JsonNode? Result { get; init; }

    /// <summary>With <see cref="TestCaseOutcome.Success"/>: a JSON subset of what the point applies from that value (the run's <c>applied</c>).</summary>
    public JsonNode? Applied { get; init; }

    /// <summary>Texts that must each appear within some console line (in any order).</summary>
    public IReadOnlyList<string> Console { get; init; } = [];
}

/// <summary>
/// A named test case of a hook: the inputs of one run (payload, HTTP mocks, secret overrides) and what it must give.
/// The same shape is the Management API's body and a case file of <c>run-hook --cases</c> (<see cref="TestCaseJson"/>).
/// </summary>
/// <param name="Name">Unique per hook (<see cref="TestCaseJson.ValidateName"/>).</param>
/// <param name="Payload">The point's payload; null for the point's sample payload.</param>
/// <param name="HttpMocks">Answers for the hook's outbound requests; null lets them go to the network (as the test panel does).</param>
/// <param name="Secrets">Values that replace (or add to) the hook's saved secrets for this case only.</param>
/// <param name="Expect">What the run must give.</param>
public sealed record TestCaseDefinition(
    string Name,
    JsonNode? Payload,
    HttpMockSet? HttpMocks,
    IReadOnlyDictionary<string, string> Secrets,
    TestCaseExpectation Expect);

/// <summary>A stored test case of a hook.</summary>
public sealed record HookTestCase(string Id, string HookId, TestCaseDefinition Definition, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public string Name => Definition.Name;
}
