using Bunit;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Components.Logs;
using HooksDashboard.Components.Pages;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using HookInvocation = HooksDashboard.Hooks.HookInvocation;

namespace HooksDashboard.Tests.Components.Logs;

public sealed class PointActivityTests : LogsComponentTestBase
{
    private const string Script = "module.exports = function (user, context, cb) { cb(null, {}); };";

    private void Record(string triggerId, bool success, double durationMs) => Log.Record(
        new HookInvocation(triggerId, Script, null, new Dictionary<string, string>(), InvocationSource.Runtime),
        null,
        success ? new ExecutionResult { Status = ExecutionStatus.Success, DurationMs = durationMs } : ExecutionResult.Failure(ExecutionErrorKind.Hook, "Error", "x", durationMs));

    [Fact]
    public async Task HookList_Invocations_ShowsEachPointsFiguresInItsHeaderAndNoChartsAboveTheHooks()
    {
        Record(PreUserRegistrationPoint.TriggerId, true, 500);
        await Log.FlushAsync();
        Clock.Advance(TimeSpan.FromHours(30));
        Record(CredentialsExchangePoint.TriggerId, false, 30);
        Record(CredentialsExchangePoint.TriggerId, true, 10);
        Record(CredentialsExchangePoint.TriggerId, true, 20);
        await Log.FlushAsync();

        var cut = Render<HookList>();

        var credentials = cut.Find($"[data-point={CredentialsExchangePoint.TriggerId}] [data-testid=point-activity]");
        Assert.Equal("3 invocations", credentials.QuerySelector("[data-testid=activity-invocations]")!.TextContent.Trim());
        var rate = credentials.QuerySelector("[data-testid=activity-error-rate]")!;
        Assert.Equal("33.3% errors", rate.TextContent.Trim());
        Assert.Contains("mud-error-text", rate.ClassName, StringComparison.Ordinal);
        Assert.Equal("p50 20 ms · p95 30 ms", credentials.QuerySelector("[data-testid=activity-durations]")!.TextContent.Trim());
        // One bar per clock hour of the window; this hour's bar has its error part.
        Assert.Single(credentials.QuerySelectorAll("[data-testid=sparkline-errors]"));
        Assert.Equal(25, credentials.QuerySelectorAll(".sparkline g").Length);
        // Older than 24 hours: not counted.
        Assert.NotNull(cut.Find($"[data-point={PreUserRegistrationPoint.TriggerId}] [data-testid=activity-empty]"));
        // No charts or overview table push the hooks down.
        Assert.Empty(cut.FindComponents<MudBlazor.MudChart<double>>());
        Assert.Empty(cut.FindAll("[data-testid=overview-table]"));
    }

    [Theory]
    [InlineData(0, 10, "0%")]
    [InlineData(1, 3, "33.3%")]
    [InlineData(1, 2, "50%")]
    [InlineData(1, 5000, "<0.1%")]
    [InlineData(10, 10, "100%")]
    public void ErrorRate_ErrorsAmongInvocations_NeverRoundsAFewErrorsToZero(long errors, long invocations, string expected)
    {
        Assert.Equal(expected, PointActivity.ErrorRate(new PointInvocationStats("x", invocations, errors, 1, 1)));
    }
}
