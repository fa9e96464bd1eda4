using System.Text.Json.Nodes;
using HooksDashboard.Execution;

namespace HooksDashboard.Tests.Execution;

public sealed class SecretRedactorTests
{
    private static SecretRedactor For(params string[] values) =>
        SecretRedactor.For(values.Select((v, i) => (Name: $"S{i}", Value: v)).ToDictionary(s => s.Name, s => s.Value));

    [Fact]
    public void Redact_TextWithSecrets_ReplacesEveryOccurrenceLongestFirst()
    {
        var redactor = For("abcd", "abcdef");

        Assert.Equal("x [redacted] y [redacted] [redacted]z", redactor.Redact("x abcdef y abcd abcdz"));
    }

    [Fact]
    public void Redact_SecretInsideTheMarker_IsNotReplacedInTheMarkerItAdded()
    {
        // One pass from left to right: "dact" is replaced where the hook wrote it, not inside "[redacted]".
        var redactor = For("k3y-1", "dact");

        Assert.Equal("[redacted] and [redacted]", redactor.Redact("k3y-1 and dact"));
    }

    [Fact]
    public void Redact_ShortValuesAndNoMatch_LeaveTheTextAsItIs()
    {
        var redactor = For("on", "1");
        const string text = "turned on 1 time";

        Assert.Same(text, redactor.Redact(text));
        Assert.Empty(redactor.Values);
    }

    [Fact]
    public void Redact_Json_ScrubsStringsAndKeysAtAnyDepthOnACopy()
    {
        var redactor = For("sk-123456");
        var node = JsonNode.Parse("""{"a":"key sk-123456","b":[1,"sk-123456",{"sk-123456":true}],"c":null}""")!;

        var redacted = redactor.Redact(node)!;

        Assert.Equal("""{"a":"key [redacted]","b":[1,"[redacted]",{"[redacted]":true}],"c":null}""", redacted.ToJsonString());
        Assert.Contains("sk-123456", node.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_Result_ScrubsDataAppliedConsoleAndErrorAndKeepsTheOriginal()
    {
        const string secret = "pa55-word-99";
        var result = new ExecutionResult
        {
            Status = ExecutionStatus.Error,
            Data = JsonNode.Parse($$"""{"echo":"{{secret}}"}"""),
            Applied = new JsonObject { ["claims"] = new JsonObject { ["k"] = secret } },
            Logs = [new ConsoleLine("log", "got " + secret), new ConsoleLine("warn", "plain")],
            Error = new ExecutionError
            {
                Kind = ExecutionErrorKind.Hook,
                Name = "Error",
                Message = "bad " + secret,
                FriendlyMessage = secret,
                Details = new JsonObject { ["extra"] = secret },
            },
            Redactor = For(secret),
        };

        var redacted = result.Redacted();

        Assert.Equal("""{"echo":"[redacted]"}""", redacted.Data!.ToJsonString());
        Assert.Equal("[redacted]", (string?)redacted.Applied!["claims"]!["k"]);
        Assert.Equal([new ConsoleLine("log", "got [redacted]"), new ConsoleLine("warn", "plain")], redacted.Logs);
        Assert.Equal("bad [redacted]", redacted.Error!.Message);
        Assert.Equal("[redacted]", redacted.Error.FriendlyMessage);
        Assert.Equal("[redacted]", (string?)redacted.Error.Details!["extra"]);
        Assert.Same(SecretRedactor.None, redacted.Redactor);
        Assert.Equal("bad " + secret, result.Error.Message);
        Assert.Equal(secret, (string?)result.Data!["echo"]);
    }

    [Fact]
    public void Redacted_ResultWithoutSecrets_IsTheSameResult()
    {
        var result = ExecutionResult.Failure(ExecutionErrorKind.Hook, "Error", "nothing secret");

        Assert.Same(result, result.Redacted());
    }
}
