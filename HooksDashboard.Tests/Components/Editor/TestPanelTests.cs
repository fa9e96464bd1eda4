using System.Text.Json.Nodes;
using Bunit;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Components.Editor;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;

namespace HooksDashboard.Tests.Components.Editor;

public class TestPanelTests : DashboardTestBase
{
    private const string Exchange = CredentialsExchangePoint.TriggerId;
    private const string CurrentScript = "module.exports = function (c, s, a, ctx, cb) { cb(null, {}); };";

    private readonly List<ScriptLocation> _goTo = [];

    [Fact]
    public async Task Render_NewHook_PrefillsTheSamplePayload()
    {
        var cut = await RenderPanelAsync(Exchange);

        Assert.Equal(Catalog.Find(Exchange)!.SamplePayload, cut.Find("textarea[data-testid=payload]").GetAttribute("value") ?? cut.Find("textarea[data-testid=payload]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=history-empty]"));
    }

    [Fact]
    public async Task Run_InvalidJson_PointsAtTheErrorAndDoesNotRun()
    {
        var cut = await RenderPanelAsync(Exchange);

        cut.Find("textarea[data-testid=payload]").Input("{\n  \"a\": ,\n}");

        cut.WaitForAssertion(() => Assert.Contains("Invalid JSON at line 2, column 8", cut.Markup, StringComparison.Ordinal));
        Assert.True(cut.Find("[data-testid=run-test]").HasAttribute("disabled"));
        Assert.Null(Executor.LastRequest);
    }

    [Fact]
    public async Task Run_ChangedPayload_RunsTheCurrentScriptWithThatPayload()
    {
        var cut = await RenderPanelAsync(Exchange);

        cut.Find("textarea[data-testid=payload]").Input("""{"audience":"https://api","client":{"id":"x","name":"n","tenant":"t","metadata":{}},"scope":["a"]}""");
        cut.Find("[data-testid=run-test]").Click();

        cut.WaitForElement("[data-testid=test-result]");
        Assert.Equal(CurrentScript, Executor.LastRequest!.Script);
        Assert.Equal("https://api", Executor.LastRequest.Arguments[2]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_SuccessWithClaims_ShowsAppliedScopeClaimsAndDroppedOnesWithTheReason()
    {
        Executor.Result = new ExecutionResult
        {
            Status = ExecutionStatus.Success,
            Data = JsonNode.Parse("""{"scope":["read:users"],"https://example.com/plan":"gold","plan":"gold"}"""),
            DurationMs = 3.5,
        };
        var cut = await RenderPanelAsync(Exchange);

        cut.Find("[data-testid=run-test]").Click();

        cut.WaitForElement("[data-testid=test-result]");
        Assert.Equal("Success", cut.Find("[data-testid=result-status]").TextContent.Trim());
        var applied = cut.Find("[data-testid=result-applied]");
        Assert.Contains("read:users", applied.QuerySelector("[data-json-key=scope]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("https://example.com/plan", applied.QuerySelector("[data-json-key=claims]")!.TextContent, StringComparison.Ordinal);
        var dropped = applied.QuerySelector("[data-json-key=dropped]")!.TextContent;
        Assert.Contains(CredentialsExchangePoint.ClaimNameProblem("plan")!, dropped, StringComparison.Ordinal);
        Assert.Contains("\"https://example.com/plan\": \"gold\"", cut.Find("[data-testid=result-data]").TextContent, StringComparison.Ordinal);
        Assert.Contains("3.5 ms", cut.Find("[data-testid=result-duration]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_HookError_ShowsMessageKindFriendlyMessageAndALineLink()
    {
        Executor.Result = new ExecutionResult
        {
            Status = ExecutionStatus.Error,
            Error = new ExecutionError
            {
                Kind = ExecutionErrorKind.Hook,
                Name = "PreUserRegistrationError",
                Message = "Denied: domain not allowed",
                FriendlyMessage = "Please sign up with your work email.",
                Line = 4,
                Column = 12,
            },
        };
        var cut = await RenderPanelAsync(PreUserRegistrationPoint.TriggerId);

        cut.Find("[data-testid=run-test]").Click();

        cut.WaitForElement("[data-testid=result-error]");
        Assert.Equal("Error", cut.Find("[data-testid=result-status]").TextContent.Trim());
        Assert.Equal("Denied: domain not allowed", cut.Find("[data-testid=result-error-message]").TextContent);
        Assert.Contains("cb(err)", cut.Find("[data-testid=result-error-kind]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Please sign up with your work email.", cut.Find("[data-testid=result-friendly-message]").TextContent, StringComparison.Ordinal);
        var link = cut.Find("[data-testid=result-error-location]");
        Assert.Equal("line 4, column 12", link.TextContent.Trim());

        link.Click();

        Assert.Equal([new ScriptLocation(4, 12)], _goTo);
    }

    [Fact]
    public async Task Run_ConsoleOutput_ShowsEachLineWithItsLevel()
    {
        Executor.Result = new ExecutionResult
        {
            Status = ExecutionStatus.Success,
            Logs = [new("log", "starting"), new("warn", "careful"), new("error", "boom")],
        };
        var cut = await RenderPanelAsync(Exchange);

        cut.Find("[data-testid=run-test]").Click();

        cut.WaitForElement("[data-testid=result-console]");
        var lines = cut.FindAll("[data-testid=console-line]");
        Assert.Equal(["log", "warn", "error"], lines.Select(l => l.GetAttribute("data-level")));
        Assert.Equal(["starting", "careful", "boom"], lines.Select(l => l.QuerySelector(".console-text")!.TextContent));
        Assert.Contains("console-level-error", lines[2].ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_LoadARun_RestoresItsPayloadAndResult()
    {
        var hook = await CreateHookAsync("h", Exchange);
        await TestRuns.AddAsync(hook.Id, """{"old":"payload"}""", new ExecutionResult
        {
            Status = ExecutionStatus.Success,
            Logs = [new("info", "from the old run")],
        });
        var cut = Render<TestPanel>(p => p
            .Add(x => x.HookId, hook.Id)
            .Add(x => x.Point, Catalog.Find(Exchange)!)
            .Add(x => x.GetScript, () => Task.FromResult(CurrentScript)));

        cut.Find("[data-testid=history-item]").Click();

        cut.WaitForAssertion(() => Assert.Contains("from the old run", cut.Find("[data-testid=result-console]").TextContent, StringComparison.Ordinal));
        Assert.Equal("""{"old":"payload"}""", cut.Instance.Payload);
    }

    [Fact]
    public async Task Run_Twice_ListsBothRunsNewestFirst()
    {
        var cut = await RenderPanelAsync(Exchange);

        cut.Find("[data-testid=run-test]").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=history-item]")));
        Executor.Result = ExecutionResult.Failure(ExecutionErrorKind.Timeout, "TimeoutError", "too slow");
        cut.Find("[data-testid=run-test]").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=history-item]").Count));
        Assert.Contains("TimeoutError", cut.FindAll("[data-testid=history-item]")[0].TextContent, StringComparison.Ordinal);
    }

    private async Task<IRenderedComponent<TestPanel>> RenderPanelAsync(string triggerId)
    {
        var hook = await CreateHookAsync("hook under test", triggerId);
        RenderProviders();
        return Render<TestPanel>(p => p
            .Add(x => x.HookId, hook.Id)
            .Add(x => x.Point, Catalog.Find(triggerId)!)
            .Add(x => x.GetScript, () => Task.FromResult(CurrentScript))
            .Add(x => x.OnGoTo, location => _goTo.Add(location)));
    }
}
