using System.Text.RegularExpressions;
using Bunit;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Components;
using HooksDashboard.Components.Editor;

namespace HooksDashboard.Tests.Components.Editor;

/// <summary>
/// The test panel over the real runner and Jint executor: real scripts, real results. The payload's
/// Monaco editor is played through BlazorMonaco's interop calls (<see cref="MonacoInterop"/>).
/// </summary>
public partial class TestPanelTests : DashboardTestBase
{
    private const string Exchange = CredentialsExchangePoint.TriggerId;
    private const string PayloadEditor = TestPanel.PayloadEditorId;

    private readonly List<ScriptLocation> _goTo = [];
    private string _script = "module.exports = function (client, scope, audience, context, cb) { cb(null, { scope: scope }); };";

    [Fact]
    public async Task Render_NewHook_PrefillsTheSamplePayload()
    {
        var cut = await RenderPanelAsync(Exchange);

        var sample = Catalog.Find(Exchange)!.SamplePayload;
        Assert.Contains("\"audience\"", sample, StringComparison.Ordinal);
        Assert.Equal([sample], JSInterop.TextsGivenTo(PayloadEditor));
        var options = JSInterop.CreatedWith(PayloadEditor);
        Assert.Equal("json", options.Language);
        Assert.Equal("vs", options.Theme);
        Assert.Equal(sample, cut.Instance.Payload);
        Assert.Empty(cut.FindAll("[data-testid=payload-error]"));
        Assert.NotNull(cut.Find("[data-testid=history-empty]"));
    }

    [Fact]
    public async Task Render_DarkMode_CreatesThePayloadEditorWithTheDarkTheme()
    {
        // Monaco's theme is one for the page: a light payload editor would switch the code editor too.
        await RenderPanelAsync(Exchange, darkMode: true);

        Assert.Equal("vs-dark", JSInterop.CreatedWith(PayloadEditor).Theme);
    }

    [Fact]
    public async Task Run_InvalidJson_PointsAtTheErrorAndDoesNotRun()
    {
        var (cut, hookId) = await RenderPanelWithHookAsync(Exchange);

        await TypePayloadAsync(cut, "{\n  \"a\": ,\n}");

        cut.WaitForAssertion(() => Assert.Contains("Invalid JSON at line 2, column 8", cut.Find("[data-testid=payload-error]").TextContent, StringComparison.Ordinal));
        Assert.Contains("payload-editor-invalid", cut.Find("[data-testid=payload]").ClassName, StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid=run-test]").HasAttribute("disabled"));
        Assert.Empty(await TestRuns.ListAsync(hookId));
    }

    [Fact]
    public async Task Run_EditorTextChangedSinceTheLastCheck_ChecksTheCurrentTextAndDoesNotRun()
    {
        var (cut, hookId) = await RenderPanelWithHookAsync(Exchange);
        // Monaco holds broken text whose change event has not arrived yet.
        JSInterop.SetEditorValue(PayloadEditor, "{ \"a\": 1,, }");

        cut.Find("[data-testid=run-test]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Invalid JSON at line 1, column 10", cut.Find("[data-testid=payload-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(await TestRuns.ListAsync(hookId));
        Assert.Empty(cut.FindAll("[data-testid=test-result]"));
    }

    [Fact]
    public async Task ResetToSample_AfterEditing_RestoresTheSample()
    {
        var cut = await RenderPanelAsync(Exchange);
        await TypePayloadAsync(cut, "{ broken");
        cut.WaitForElement("[data-testid=payload-error]");

        cut.Find("[data-testid=reset-payload]").Click();

        var sample = Catalog.Find(Exchange)!.SamplePayload;
        cut.WaitForAssertion(() => Assert.Equal(sample, JSInterop.TextsGivenTo(PayloadEditor)[^1]));
        Assert.Equal(sample, cut.Instance.Payload);
        Assert.Empty(cut.FindAll("[data-testid=payload-error]"));
        Assert.False(cut.Find("[data-testid=run-test]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Run_ChangedPayload_RunsTheCurrentScriptWithThatPayload()
    {
        _script = "module.exports = function (client, scope, audience, context, cb) { console.log('audience ' + audience); cb(null, {}); };";
        var cut = await RenderPanelAsync(Exchange);

        await TypePayloadAsync(cut, """{"audience":"https://api","client":{"id":"x","name":"n","tenant":"t","metadata":{}},"scope":["a"]}""");
        cut.Find("[data-testid=run-test]").Click();

        cut.WaitForAssertion(() => Assert.Contains("audience https://api", cut.Find("[data-testid=result-console]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_SuccessWithClaims_ShowsAppliedScopeClaimsAndDroppedOnesWithTheReason()
    {
        _script = """
            module.exports = function (client, scope, audience, context, cb) {
              cb(null, { scope: ['read:users'], 'https://example.com/plan': client.metadata.plan, plan: 'gold' });
            };
            """;
        var cut = await RenderPanelAsync(Exchange);

        cut.Find("[data-testid=run-test]").Click();

        cut.WaitForElement("[data-testid=test-result]");
        Assert.Equal("Success", cut.Find("[data-testid=result-status]").TextContent.Trim());
        var applied = cut.Find("[data-testid=result-applied]");
        Assert.Contains("read:users", applied.QuerySelector("[data-json-key=scope]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("https://example.com/plan", applied.QuerySelector("[data-json-key=claims]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(CredentialsExchangePoint.ClaimNameProblem("plan")!, applied.QuerySelector("[data-json-key=dropped]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("\"https://example.com/plan\": \"full\"", cut.Find("[data-testid=result-data]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PreRegistrationMetadata_ShowsTheMetadataKept()
    {
        _script = "module.exports = function (user, context, cb) { cb(null, { user: { user_metadata: { color: 'blue' }, app_metadata: { plan: 'pro' } } }); };";
        var cut = await RenderPanelAsync(PreUserRegistrationPoint.TriggerId);

        cut.Find("[data-testid=run-test]").Click();

        cut.WaitForElement("[data-testid=result-applied]");
        var user = cut.Find("[data-testid=result-applied] [data-json-key=user]").TextContent;
        Assert.Contains("color", user, StringComparison.Ordinal);
        Assert.Contains("blue", user, StringComparison.Ordinal);
        Assert.Contains("pro", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Denial_ShowsMessageKindFriendlyMessageAndALineLink()
    {
        _script = """
            module.exports = function (user, context, cb) {
              cb(new PreUserRegistrationError('Denied: domain not allowed', 'Please sign up with your work email.'));
            };
            """;
        var cut = await RenderPanelAsync(PreUserRegistrationPoint.TriggerId);

        cut.Find("[data-testid=run-test]").Click();

        cut.WaitForElement("[data-testid=result-error]");
        Assert.Equal("Error", cut.Find("[data-testid=result-status]").TextContent.Trim());
        Assert.Contains("PreUserRegistrationError", cut.Find("[data-testid=result-error]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Denied: domain not allowed", cut.Find("[data-testid=result-error-message]").TextContent);
        Assert.Contains("cb(err)", cut.Find("[data-testid=result-error-kind]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Please sign up with your work email.", cut.Find("[data-testid=result-friendly-message]").TextContent, StringComparison.Ordinal);
        AssertLineLinkGoesTo(cut, line: 2);
    }

    [Fact]
    public async Task Run_Exception_LinksToTheLineThatThrew()
    {
        _script = """
            module.exports = function (client, scope, audience, context, cb) {
              var profile = null;
              profile.email.toLowerCase();
            };
            """;
        var cut = await RenderPanelAsync(Exchange);

        cut.Find("[data-testid=run-test]").Click();

        cut.WaitForElement("[data-testid=result-error]");
        Assert.Contains("uncaught exception", cut.Find("[data-testid=result-error-kind]").TextContent, StringComparison.Ordinal);
        AssertLineLinkGoesTo(cut, line: 3);
    }

    [Fact]
    public async Task Run_ConsoleOutput_ShowsEachLineWithItsLevel()
    {
        _script = """
            module.exports = function (client, scope, audience, context, cb) {
              console.log('starting'); console.warn('careful'); console.error('boom');
              cb(null, {});
            };
            """;
        var cut = await RenderPanelAsync(Exchange);

        cut.Find("[data-testid=run-test]").Click();

        cut.WaitForElement("[data-testid=result-console]");
        var lines = cut.FindAll("[data-testid=console-line]");
        Assert.Equal(["log", "warn", "error"], lines.Select(l => l.GetAttribute("data-level")));
        Assert.Equal(["starting", "careful", "boom"], lines.Select(l => l.QuerySelector(".console-text")!.TextContent));
        Assert.Contains("console-level-error", lines[2].ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_LoadAnEarlierRun_RestoresItsPayloadAndResult()
    {
        _script = "module.exports = function (client, scope, audience, context, cb) { console.info('client ' + client.name); cb(null, {}); };";
        var cut = await RenderPanelAsync(Exchange);
        var first = """{"audience":"a","client":{"id":"1","name":"first-client","tenant":"t","metadata":{}},"scope":[]}""";
        await TypePayloadAsync(cut, first);
        cut.Find("[data-testid=run-test]").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=history-item]")));
        await TypePayloadAsync(cut, first.Replace("first-client", "second-client", StringComparison.Ordinal));
        cut.Find("[data-testid=run-test]").Click();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=history-item]").Count));

        // Newest first: the earlier run is the second item.
        cut.FindAll("[data-testid=history-item]")[1].Click();

        cut.WaitForAssertion(() => Assert.Contains("client first-client", cut.Find("[data-testid=result-console]").TextContent, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Equal(first, JSInterop.TextsGivenTo(PayloadEditor)[^1]));
        Assert.Equal(first, cut.Instance.Payload);
    }

    [Fact]
    public async Task Run_Twice_ListsBothRunsNewestFirstWithTheirOutcome()
    {
        var cut = await RenderPanelAsync(Exchange);

        cut.Find("[data-testid=run-test]").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=history-item]")));
        _script = "module.exports = function () { throw new TypeError('nope'); };";
        cut.Find("[data-testid=run-test]").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=history-item]").Count));
        var items = cut.FindAll("[data-testid=history-item]");
        // The chips use the result's own words ("Success" / "Error"); the error's class is named beside its chip.
        Assert.Equal(["Error", "Success"], items.Select(i => i.QuerySelector(".mud-chip")!.TextContent.Trim()));
        Assert.Equal("TypeError", items[0].QuerySelector("[data-testid=history-error-name]")!.TextContent.Trim());
        Assert.Equal("Error", cut.Find("[data-testid=result-status]").TextContent.Trim());
    }

    [Fact]
    public async Task Run_ShowsAResult_MakesThePayloadEditorCompactSoTheResultFits()
    {
        var cut = await RenderPanelAsync(Exchange);
        Assert.DoesNotContain("payload-compact", cut.Find("[data-testid=payload]").ClassName, StringComparison.Ordinal);

        cut.Find("[data-testid=run-test]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=test-result]")));
        WaitForRunToEnd(cut);
        Assert.Contains("payload-compact", cut.Find("[data-testid=payload]").ClassName, StringComparison.Ordinal);

        // Only the user's own click shows it whole again (never the focus: that moved Run under the pointer).
        cut.Find("button[data-testid=payload-size]").Click();
        cut.WaitForAssertion(() => Assert.DoesNotContain("payload-compact", cut.Find("[data-testid=payload]").ClassName, StringComparison.Ordinal));
        cut.Find("button[data-testid=payload-size]").Click();
        cut.WaitForAssertion(() => Assert.Contains("payload-compact", cut.Find("[data-testid=payload]").ClassName, StringComparison.Ordinal));
    }

    /// <summary>
    /// The run is over (its history reload re-renders the panel) before the user's next click: a click on markup a
    /// later render replaced reaches no handler.
    /// </summary>
    private static void WaitForRunToEnd(IRenderedComponent<TestPanel> cut) =>
        cut.WaitForAssertion(() => Assert.False(cut.Find("button[data-testid=run-test]").HasAttribute("disabled")));

    private void AssertLineLinkGoesTo(IRenderedComponent<TestPanel> cut, int line)
    {
        WaitForRunToEnd(cut);
        var link = cut.Find("[data-testid=result-error-location]");
        var match = LocationText().Match(link.TextContent.Trim());
        Assert.True(match.Success, link.TextContent);
        Assert.Equal(line, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

        link.Click();

        var column = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([new ScriptLocation(line, column)], _goTo);
    }

    private IRenderedComponent<MudBlazor.MudDialogProvider>? _dialogs;

    private async Task<IRenderedComponent<TestPanel>> RenderPanelAsync(string triggerId, bool darkMode = false) =>
        (await RenderPanelWithHookAsync(triggerId, darkMode)).Cut;

    private async Task<(IRenderedComponent<TestPanel> Cut, string HookId)> RenderPanelWithHookAsync(string triggerId, bool darkMode = false)
    {
        var hook = await CreateHookAsync("hook under test", triggerId);
        (_dialogs, _) = RenderProviders();
        // Monaco's model holds what the editor was created with: the sample.
        JSInterop.SetEditorValue(PayloadEditor, Catalog.Find(triggerId)!.SamplePayload);
        var cut = Render<TestPanel>(p => p
            .Add(x => x.HookId, hook.Id)
            .Add(x => x.Point, Catalog.Find(triggerId)!)
            .Add(x => x.GetScript, () => Task.FromResult(_script))
            .Add(x => x.OnGoTo, location => _goTo.Add(location))
            .AddCascadingValue(ThemePreference.PageCascadingName, darkMode));
        return (cut, hook.Id);
    }

    /// <summary>The user edits the payload: Monaco's model holds the text and raises its change event.</summary>
    private Task TypePayloadAsync(IRenderedComponent<TestPanel> cut, string text)
    {
        JSInterop.SetEditorValue(PayloadEditor, text);
        return cut.FindEditor(PayloadEditor).RaiseContentChangedAsync();
    }

    [GeneratedRegex(@"^line (\d+), column (\d+)$")]
    private static partial Regex LocationText();
}
