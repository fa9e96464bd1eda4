using Bunit;
using HooksDashboard.Components.Common;
using HooksDashboard.Components.Editor;
using HooksDashboard.Execution;
using HooksDashboard.Execution.Http;

namespace HooksDashboard.Tests.Components.Common;

/// <summary>The Network list: one row per outbound request, expandable to its error and bodies.</summary>
public class NetworkListTests : DashboardTestBase
{
    private static readonly HttpRequestRecord Posted = new()
    {
        Method = "POST",
        Url = "https://hooks.slack.com/services/T/B?token=[redacted]",
        Status = 200,
        DurationMs = 12.34,
        RequestBytes = 17,
        ResponseBytes = 2,
        RequestBody = "{\"text\":\"hello\"}",
        ResponseBody = "ok",
        Mocked = true,
    };

    private static readonly HttpRequestRecord Refused = new()
    {
        Method = "GET",
        Url = "http://169.254.169.254/latest/meta-data/",
        DurationMs = 0.4,
        Error = "EEGRESS: The egress policy refused GET http://169.254.169.254/latest/meta-data/: 169.254.169.254 is a cloud metadata address (169.254.169.254)",
    };

    [Fact]
    public void Render_Requests_ShowsMethodUrlStatusAndDurationPerRow()
    {
        var cut = Render<NetworkList>(p => p.Add(x => x.Requests, [Posted, Refused]));

        var rows = cut.FindAll("[data-testid=network-request]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("POST", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("https://hooks.slack.com/services/T/B?token=[redacted]", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("200", rows[0].QuerySelector("[data-testid=network-status]")!.TextContent.Trim());
        Assert.Contains("12.3 ms", rows[0].TextContent, StringComparison.Ordinal);
        Assert.NotNull(rows[0].QuerySelector("[data-testid=network-mocked]"));
        Assert.Equal("EEGRESS", rows[1].QuerySelector("[data-testid=network-status]")!.TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=network-details]"));
    }

    [Fact]
    public void Render_ConnectionsAndLookups_ShowHowTheyEndedInsteadOfAStatus()
    {
        HttpRequestRecord[] records =
        [
            new() { Method = "DNS", Url = "dns://smtp.example.com", DurationMs = 3 },
            new() { Method = "SOCKET", Url = "tls://smtp.example.com:465", DurationMs = 120, RequestBytes = 900, ResponseBytes = 400 },
            new() { Method = "SOCKET", Url = "tcp://db.example.com:5432", DurationMs = 2, Error = "ECONNREFUSED: connect ECONNREFUSED db.example.com:5432" },
        ];

        var cut = Render<NetworkList>(p => p.Add(x => x.Requests, records));

        var statuses = cut.FindAll("[data-testid=network-status]");
        Assert.Equal(["resolved", "closed", "ECONNREFUSED"], statuses.Select(s => s.TextContent.Trim()));
        Assert.Contains("mud-chip-color-success", statuses[1].ClassName, StringComparison.Ordinal);
        Assert.Contains("mud-chip-color-error", statuses[2].ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Toggle_ClickedRow_ShowsItsErrorAndBodies()
    {
        var cut = Render<NetworkList>(p => p.Add(x => x.Requests, [Posted, Refused]));

        cut.FindAll("[data-testid=network-toggle]")[1].Click();

        var details = cut.Find("[data-testid=network-details]");
        Assert.Contains("169.254.169.254 is a cloud metadata address", details.QuerySelector("[data-testid=network-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("(none)", details.QuerySelector("[data-testid=network-response-body]")!.TextContent);
        Assert.Equal("true", cut.FindAll("[data-testid=network-toggle]")[1].GetAttribute("aria-expanded"));

        cut.FindAll("[data-testid=network-toggle]")[0].Click();
        Assert.Equal(2, cut.FindAll("[data-testid=network-details]").Count);
        Assert.Equal("{\"text\":\"hello\"}", cut.FindAll("[data-testid=network-request-body]")[0].TextContent);
    }

    [Fact]
    public void Render_TestResultWithoutRequests_SaysNone()
    {
        var cut = Render<TestResultView>(p => p.Add(x => x.Result, new ExecutionResult { Status = ExecutionStatus.Success }));

        Assert.NotNull(cut.Find("[data-testid=network-empty]"));
    }
}
