using System.Text.Json.Nodes;
using Bunit;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Components.Editor;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Components.Logs;

/// <summary>"Open in test panel": the editor's test panel starts from a logged invocation's payload (<c>?run=</c>).</summary>
public sealed class OpenInTestPanelTests : DashboardTestBase
{
    private IRenderedComponent<TestPanel> RenderPanel(Hook hook, string runId) => Render<TestPanel>(p => p
        .Add(x => x.HookId, hook.Id)
        .Add(x => x.Point, Catalog.Find(hook.TriggerId)!)
        .Add(x => x.RunId, runId)
        .Add(x => x.GetScript, () => Task.FromResult(hook.Script)));

    [Fact]
    public async Task Render_RunIdOfALoggedInvocation_StartsFromItsPayload()
    {
        var hook = await CreateHookAsync("Logged", PostChangePasswordPoint.TriggerId);
        var payload = JsonNode.Parse("""{"user":{"id":"u-1","email":"logged@x.y"},"context":{"connection":{"id":"c","name":"n","tenant":"t"}}}""");
        await Services.GetRequiredService<IHookRunner>().TestAsync(hook.Id, hook.Script, payload);
        var log = Services.GetRequiredService<IExecutionLog>();
        await log.FlushAsync();
        var record = (await Services.GetRequiredService<IExecutionLogQuery>().ListHookLogsAsync(hook.Id))[0];

        var cut = RenderPanel(hook, record.Id);

        cut.WaitForAssertion(() => Assert.Equal("logged@x.y", (string?)JsonNode.Parse(cut.Instance.Payload)!["user"]!["email"]));
        // What the payload editor shows last, whether it got it at creation or once created.
        cut.WaitForAssertion(() => Assert.Equal(cut.Instance.Payload, JSInterop.TextsGivenTo(TestPanel.PayloadEditorId)[^1]));
    }

    [Fact]
    public async Task Render_UnknownRunId_KeepsTheSampleAndSaysWhy()
    {
        var hook = await CreateHookAsync("Nothing logged", PostChangePasswordPoint.TriggerId);
        var (_, snackbars) = RenderProviders();

        var cut = RenderPanel(hook, "01GQN0P01XY4VE0PCK7H20QZ4M");

        cut.WaitForAssertion(() => Assert.Equal(Catalog.Find(PostChangePasswordPoint.TriggerId)!.SamplePayload, cut.Instance.Payload));
        Assert.Equal(cut.Instance.Payload, JSInterop.TextsGivenTo(TestPanel.PayloadEditorId)[^1]);
        snackbars.WaitForAssertion(() => Assert.Contains("was not found", snackbars.Markup, StringComparison.Ordinal));
    }
}
