using AngleSharp.Dom;
using Bunit;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Components.Logs;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using HookInvocation = HooksDashboard.Hooks.HookInvocation;

namespace HooksDashboard.Tests.Components.Logs;

public sealed class LogsPageTests : LogsComponentTestBase
{
    private const string Script = "module.exports = function (user, context, cb) { cb(null, {}); };";

    private async Task RunAsync(string console, bool fail = false, Hook? hook = null)
    {
        var code = fail
            ? $"module.exports = function (user, context, cb) {{ console.log('{console}'); cb(new Error('failed: {console}')); }};"
            : $"module.exports = function (user, context, cb) {{ console.log('{console}'); cb(null, {{}}); }};";
        await Runner.RunAsync(new HookInvocation(PostChangePasswordPoint.TriggerId, code, null, new Dictionary<string, string>(), InvocationSource.Test)
        {
            HookId = hook?.Id,
            HookName = hook?.Name,
        });
        await Log.FlushAsync();
        Clock.Advance(TimeSpan.FromSeconds(1));
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<LogsPage> cut) => cut.FindAll("[data-testid=log-table] tbody tr");

    [Fact]
    public async Task Render_WithRecords_ShowsEveryFilterAndTheNewestFirst()
    {
        await RunAsync("older line");
        await RunAsync("newer line");

        var cut = Render<LogsPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        foreach (var filter in new[] { "filter-hook", "filter-point", "filter-source", "filter-outcome", "filter-time", "filter-text" })
            Assert.NotNull(cut.Find($"[data-testid={filter}]"));
        Assert.Contains("newer line", Rows(cut)[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("/dashboard-api/logs/download", cut.Find("[data-testid=download]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_EnterInTheTextFilter_ShowsOnlyMatchesAndDownloadsTheSameFilter()
    {
        await RunAsync("apples are red");
        await RunAsync("bananas are yellow");
        var cut = Render<LogsPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));

        var input = cut.Find("input[data-testid=filter-text], [data-testid=filter-text] input");
        input.Change("bananas");
        input.KeyUp(key: "Enter");

        cut.WaitForAssertion(() => Assert.Contains("bananas", Assert.Single(Rows(cut)).TextContent, StringComparison.Ordinal));
        Assert.Contains("q=bananas", cut.Find("[data-testid=download]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_HookInTheAddress_FiltersByThatHook()
    {
        var mine = await Store.CreateAsync(new NewHook("Mine", PostChangePasswordPoint.TriggerId, Script));
        await RunAsync("from mine", hook: mine);
        await RunAsync("from nobody");
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/logs?hook={mine.Id}");

        var cut = Render<LogsPage>();

        cut.WaitForAssertion(() => Assert.Contains("from mine", Assert.Single(Rows(cut)).TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RowClick_OpensTheRecordWithEverythingAndTheTestPanelLink()
    {
        var hook = await Store.CreateAsync(new NewHook("Opened", PostChangePasswordPoint.TriggerId, Script));
        await RunAsync("the details", fail: true, hook: hook);
        var (providers, _) = RenderProviders();
        var cut = Render<LogsPage>();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));

        Rows(cut)[0].Click();

        providers.WaitForAssertion(() => Assert.NotNull(providers.Find("[data-testid=log-details]")));
        var record = (await LogQuery.ListAsync(ExecutionLogFilter.All, ExecutionLogPageRequest.First())).Items[0];
        Assert.Contains(record.Id, providers.Find("[data-testid=log-details]").TextContent, StringComparison.Ordinal);
        Assert.Contains("failed: the details", providers.Find("[data-testid=log-error]").TextContent, StringComparison.Ordinal);
        Assert.Contains("[log] the details", providers.Find("[data-testid=log-console]").TextContent, StringComparison.Ordinal);
        Assert.Contains("\"connection\"", providers.Find("[data-testid=log-payload]").TextContent, StringComparison.Ordinal);
        Assert.Equal($"/hooks/{hook.Id}?run={record.Id}", providers.Find("[data-testid=open-in-test-panel]").GetAttribute("href"));
    }

    [Fact]
    public async Task LiveTail_RecordWritten_AppearsAtTheTopWithoutReload()
    {
        await RunAsync("before");
        var cut = Render<LogsPage>();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));

        await RunAsync("arrived live");

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(2, Rows(cut).Count);
            Assert.Contains("arrived live", Rows(cut)[0].TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task LiveTail_Paused_StopsUpdatesAndCountsThenResumeShowsThem()
    {
        await RunAsync("before");
        var cut = Render<LogsPage>();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));

        cut.Find("input[data-testid=live-switch], [data-testid=live-switch] input").Change(false);
        await RunAsync("while paused");

        cut.WaitForAssertion(() => Assert.Equal("1 new", cut.Find("[data-testid=missed]").TextContent.Trim()));
        Assert.Single(Rows(cut));

        cut.Find("input[data-testid=live-switch], [data-testid=live-switch] input").Change(true);
        cut.WaitForAssertion(() => Assert.Contains("while paused", Rows(cut)[0].TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispose_Page_Unsubscribes()
    {
        var feed = Feed;
        var cut = Render<LogsPage>();
        cut.WaitForAssertion(() => Assert.Equal(1, feed.SubscriberCount));

        await DisposeComponentsAsync();

        Assert.Equal(0, feed.SubscriberCount);
    }

    [Fact]
    public async Task Paging_OlderAndNewer_MoveByKeysetCursors()
    {
        for (var i = 0; i < LogsPage.PageSize + 3; i++)
            await Runner.RunAsync(new HookInvocation(PostChangePasswordPoint.TriggerId, Script,
                null, new Dictionary<string, string>(), InvocationSource.Runtime) { RequestId = "r" + i });
        await Log.FlushAsync();
        var cut = Render<LogsPage>();
        cut.WaitForAssertion(() => Assert.Equal(LogsPage.PageSize, Rows(cut).Count));
        Assert.True(cut.Find("[data-testid=newer]").HasAttribute("disabled"));

        cut.Find("[data-testid=older]").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));
        Assert.True(cut.Find("[data-testid=older]").HasAttribute("disabled"));
        cut.Find("[data-testid=newer]").Click();
        cut.WaitForAssertion(() => Assert.Equal(LogsPage.PageSize, Rows(cut).Count));
    }
}
