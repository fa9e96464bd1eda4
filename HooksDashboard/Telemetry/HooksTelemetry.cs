using System.Diagnostics;
using HooksDashboard.Execution;
using HooksDashboard.Hooks;

namespace HooksDashboard.Telemetry;

/// <summary>
/// The span of each hook invocation (<see cref="SourceName"/>), started by <see cref="HookRunner"/>. Without a
/// listener (no tracing exporter configured) <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns
/// null and nothing is allocated; the tags are only computed for a span that records.
/// </summary>
public static class HooksTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> of hook invocations.</summary>
    public const string SourceName = "HooksDashboard.Hooks";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of hook, queue and log-writer metrics (<see cref="HookMetrics"/>).</summary>
    public const string MeterName = "HooksDashboard";

    public const string PointTag = "hooks.point";
    public const string HookIdTag = "hooks.hook_id";
    public const string HookVersionTag = "hooks.hook_version";
    public const string SourceTag = "hooks.source";
    public const string TestTag = "hooks.test";
    public const string OutcomeTag = "hooks.outcome";
    public const string ErrorKindTag = "hooks.error_kind";
    public const string DurationTag = "hooks.duration_ms";

    /// <summary>The span's name: one per point, so traces group by point (ids are attributes).</summary>
    public const string InvocationSpanPrefix = "hook ";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the invocation's span, or returns null when no one listens.</summary>
    internal static Activity? StartInvocation(HookInvocation invocation)
    {
        if (!Source.HasListeners())
            return null;
        var activity = Source.StartActivity(InvocationSpanPrefix + invocation.TriggerId, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(PointTag, invocation.TriggerId);
            activity.SetTag(HookIdTag, invocation.HookId);
            activity.SetTag(HookVersionTag, invocation.HookVersion);
            activity.SetTag(SourceTag, SourceValue(invocation.Source));
            // The test panel runs the editor's (possibly unsaved) code: marked so dashboards can leave it out.
            if (invocation.Source == InvocationSource.Test)
                activity.SetTag(TestTag, true);
        }
        return activity;
    }

    /// <summary>Records the outcome on the span (status Error with the error's name for a failed run) and ends it.</summary>
    internal static void Complete(Activity? activity, ExecutionResult result)
    {
        if (activity is null)
            return;
        if (activity.IsAllDataRequested)
        {
            activity.SetTag(OutcomeTag, OutcomeValue(result));
            activity.SetTag(DurationTag, result.DurationMs);
            if (result.Error is { } error)
            {
                activity.SetTag(ErrorKindTag, ErrorKindValue(error.Kind));
                // The name only (e.g. TypeError, TimeoutError): messages may carry what the hook handled.
                activity.SetStatus(ActivityStatusCode.Error, error.Name);
            }
        }
        activity.Dispose();
    }

    internal static string SourceValue(InvocationSource source) => source switch
    {
        InvocationSource.Runtime => "runtime",
        InvocationSource.Test => "test",
        _ => "cli",
    };

    internal static string OutcomeValue(ExecutionResult result) => result.IsSuccess ? "success" : "error";

    internal static string ErrorKindValue(ExecutionErrorKind kind) => kind switch
    {
        ExecutionErrorKind.Hook => "hook",
        ExecutionErrorKind.Syntax => "syntax",
        ExecutionErrorKind.Exception => "exception",
        ExecutionErrorKind.Timeout => "timeout",
        ExecutionErrorKind.Limit => "limit",
        ExecutionErrorKind.Contract => "contract",
        ExecutionErrorKind.Overloaded => "overloaded",
        _ => "other",
    };
}
