using System.Text.Json.Nodes;
using HooksDashboard.Hooks;
using HooksDashboard.Hooks.TestCases;

namespace HooksDashboard.Tests.Hooks.TestCases;

/// <summary>The case shape shared by the API and case files: read strictly, written back the same.</summary>
public sealed class TestCaseJsonTests
{
    [Fact]
    public void Parse_FullCase_RoundTrips()
    {
        const string text = """
            {
              "name": "denies free plan",
              "payload": {"client": {"id": "c"}, "scope": [], "audience": "a"},
              "httpMocks": {"rules": [{"method": "GET", "url": "https://api.example.com/*", "json": {"plan": "free"}}]},
              "secrets": {"API_KEY": "k"},
              "expect": {"outcome": "error", "errorName": "InvalidScopeError", "errorMessage": "free", "console": ["plan free"]}
            }
            """;

        var definition = TestCaseJson.Parse(text);
        var again = TestCaseJson.Parse(TestCaseJson.ToJson(definition, maskSecrets: false));

        Assert.Equal("denies free plan", again.Name);
        Assert.Equal("k", again.Secrets["API_KEY"]);
        Assert.Single(again.HttpMocks!.Rules);
        Assert.Equal(TestCaseOutcome.Error, again.Expect.Outcome);
        Assert.Equal("InvalidScopeError", again.Expect.ErrorName);
        Assert.Equal(["plan free"], again.Expect.Console);
        Assert.Equal(HookRules.SecretMask, (string)TestCaseJson.ToJson(definition, maskSecrets: true)["secrets"]!["API_KEY"]!);
    }

    [Fact]
    public void Parse_NoName_UsesDefaultName()
    {
        Assert.Equal("from-file", TestCaseJson.Parse("""{"expect":{"outcome":"success"}}""", "from-file").Name);
    }

    [Theory]
    [InlineData("""{"expect":{"outcome":"success"}}""", "name", "Name is required")]
    [InlineData("""{"name":"a","expect":{"outcome":"maybe"}}""", "expect.outcome", "must be \"success\" or \"error\", not \"maybe\"")]
    [InlineData("""{"name":"a"}""", "expect", "expect is required")]
    [InlineData("""{"name":"a","expect":{"outcome":"success"},"extra":1}""", "extra", "Unknown property extra")]
    [InlineData("""{"name":"a","expect":{"outcome":"success","errorMessage":"x"}}""", "expect", "apply to \"outcome\": \"error\" only")]
    [InlineData("""{"name":"a","expect":{"outcome":"error","result":{}}}""", "expect", "apply to \"outcome\": \"success\" only")]
    [InlineData("""{"name":"a","payload":[1],"expect":{"outcome":"success"}}""", "payload", "payload must be a JSON object")]
    [InlineData("""{"name":"a","secrets":{"1bad":"x"},"expect":{"outcome":"success"}}""", "secrets", "secrets:")]
    [InlineData("""{"name":"a","secrets":{"K":1},"expect":{"outcome":"success"}}""", "secrets", "secrets.K must be a string")]
    [InlineData("""{"name":"a","httpMocks":{"rules":[{"url":""}]},"expect":{"outcome":"success"}}""", "httpMocks", "httpMocks:")]
    [InlineData("""{"name":"a","expect":{"outcome":"success","console":"x"}}""", "expect.console", "must be an array of strings")]
    [InlineData("""{"name":" a","expect":{"outcome":"success"}}""", "name", "may not start or end with a space")]
    public void Parse_Invalid_NamesFieldAndProblem(string json, string field, string message)
    {
        var error = Assert.Throws<HookValidationException>(() => TestCaseJson.Parse(json));

        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_SaysLine()
    {
        var error = Assert.Throws<HookValidationException>(() => TestCaseJson.Parse("{\n\"name\": \"a\",\n oops }"));

        Assert.StartsWith("Not valid JSON (line 3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeepMaskedSecrets_MaskKeepsStoredValue_UnknownMaskRefused()
    {
        var edited = TestCaseJson.Parse("""{"name":"a","secrets":{"A":"_VALUE_NOT_SHOWN_","B":"new"},"expect":{"outcome":"success"}}""");

        var merged = TestCaseJson.KeepMaskedSecrets(edited, new Dictionary<string, string> { ["A"] = "old" });

        Assert.Equal("old", merged.Secrets["A"]);
        Assert.Equal("new", merged.Secrets["B"]);
        Assert.Throws<HookValidationException>(() => TestCaseJson.KeepMaskedSecrets(edited, new Dictionary<string, string>()));
    }
}
