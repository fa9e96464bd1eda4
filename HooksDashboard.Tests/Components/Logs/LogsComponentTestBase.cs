using HooksDashboard.Hooks;
using HooksDashboard.Logs;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.Components.Logs;

/// <summary>
/// The dashboard's component test base with a clock the test moves, and the execution log's services at hand
/// (real runner, writer, feed and query over the test's SQLite database; no background writer: flush first).
/// </summary>
public abstract class LogsComponentTestBase : DashboardTestBase
{
    // Registered after the shared services: the last registration is the one resolved.
    protected LogsComponentTestBase() => Services.AddSingleton<TimeProvider>(Clock);

    protected ManualTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected IHookRunner Runner => Services.GetRequiredService<IHookRunner>();

    protected IExecutionLog Log => Services.GetRequiredService<IExecutionLog>();

    protected IExecutionLogQuery LogQuery => Services.GetRequiredService<IExecutionLogQuery>();

    protected ExecutionLogFeed Feed => Services.GetRequiredService<ExecutionLogFeed>();
}
