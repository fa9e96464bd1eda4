using Bunit;
using HooksDashboard.Catalog.Points;
using HooksDashboard.Components.Logs;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;
using HookInvocation = HooksDashboard.Hooks.HookInvocation;

namespace HooksDashboard.Tests.Components.Logs;

public sealed class InvocationOverviewTests : LogsComponentTestBase
{
    private const string Script = "module.exports = function (user, context, cb) { cb(null, {}); };";

    private void Record(string triggerId, bool success, double durationMs) => Log.Record(
        new HookInvocation(triggerId, Script, null, new Dictionary<string, string>(), InvocationSource.Runtime),
        null,
        success ? new ExecutionResult { Status = ExecutionStatus.Success, DurationMs = durationMs } : ExecutionResult.Failure(ExecutionErrorKind.Hook, "Error", "x", durationMs));

    [Fact]
    public async Task Render_Invocations_ChartsAndTableEveryPointWithCountsAndPercentiles()
    {
        Record(PreUserRegistrationPoint.TriggerId, true, 500);
        await Log.FlushAsync();
        Clock.Advance(TimeSpan.FromHours(30));
        Record(CredentialsExchangePoint.TriggerId, false, 30);
        Record(CredentialsExchangePoint.TriggerId, true, 10);
        Record(CredentialsExchangePoint.TriggerId, true, 20);
        await Log.FlushAsync();

        var cut = Render<InvocationOverview>();

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid=overview-table] tbody tr").Count));
        Assert.Equal(2, cut.FindComponents<MudBlazor.MudChart<double>>().Count);
        var rows = cut.FindAll("[data-testid=overview-table] tbody tr");
        var credentials = rows.Single(r => r.TextContent.Contains(CredentialsExchangePoint.TriggerId, StringComparison.Ordinal));
        Assert.Equal(["credentials-exchange", "3", "1", "20 ms", "30 ms"], credentials.QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        // Older than 24 hours: not counted, but the point still has its row.
        var pre = rows.Single(r => r.TextContent.Contains(PreUserRegistrationPoint.TriggerId, StringComparison.Ordinal));
        Assert.Equal("0", pre.QuerySelectorAll("td")[1].TextContent.Trim());
    }

    [Fact]
    public void Render_NoInvocations_SaysSo()
    {
        var cut = Render<InvocationOverview>();

        cut.WaitForAssertion(() => Assert.Equal("No invocations in the last 24 hours.", cut.Find("[data-testid=overview-empty]").TextContent));
    }
}
