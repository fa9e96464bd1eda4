using Bunit;

namespace HooksDashboard.Tests.Components.Editor;

/// <summary>The test panel's HTTP mocks: rules answer the run's requests, show in the Network list and are saved with the run.</summary>
public partial class TestPanelTests
{
    private const string SlackScript = """
        module.exports = async function (client, scope, audience, context, cb) {
          var r = await fetch('https://hooks.slack.com/services/T/B/X', { method: 'POST', body: JSON.stringify({ text: 'hi' }) });
          cb(null, { scope: [await r.text()] });
        };
        """;

    [Fact]
    public async Task Run_MocksOn_AnswersFromTheRulesShowsTheNetworkAndSavesThem()
    {
        _script = SlackScript;
        var (cut, hookId) = await RenderPanelWithHookAsync(Exchange);

        cut.Find("[data-testid=http-mocks] input[type=checkbox]").Change(true);
        cut.Find("[data-testid=http-mocks] textarea").Input("""{ "rules": [ { "method": "POST", "url": "https://hooks.slack.com/services/*", "body": "mocked-ok" } ] }""");
        await cut.InvokeAsync(() => cut.Find("[data-testid=run-test]").Click());

        cut.WaitForAssertion(() => Assert.Equal("Success", cut.Find("[data-testid=result-status]").TextContent.Trim()));
        Assert.Contains("mocked-ok", cut.Find("[data-testid=result-data]").TextContent, StringComparison.Ordinal);
        var row = cut.Find("[data-testid=network-request]");
        Assert.Equal("POST", row.GetAttribute("data-method"));
        Assert.Equal("200", row.GetAttribute("data-status"));
        Assert.NotNull(row.QuerySelector("[data-testid=network-mocked]"));
        var saved = Assert.Single(await TestRuns.ListAsync(hookId));
        Assert.Contains("mocked-ok", saved.HttpMocks, StringComparison.Ordinal);
        Assert.True(Assert.Single(saved.Result.Requests).Mocked);
    }

    [Fact]
    public async Task Run_InvalidMockRules_SaysWhyAndDisablesRun()
    {
        var (cut, hookId) = await RenderPanelWithHookAsync(Exchange);

        cut.Find("[data-testid=http-mocks] input[type=checkbox]").Change(true);
        cut.Find("[data-testid=http-mocks] textarea").Input("""{ "rules": [ { "url": "https://x/*", "status": 42 } ] }""");

        Assert.Contains("\"status\" 42 must be between 200 and 599", cut.Find("[data-testid=http-mocks-error]").TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid=run-test]").HasAttribute("disabled"));
        Assert.Empty(await TestRuns.ListAsync(hookId));
    }
}
