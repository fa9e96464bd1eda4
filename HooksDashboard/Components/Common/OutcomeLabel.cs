using HooksDashboard.Execution;

namespace HooksDashboard.Components.Common;

/// <summary>
/// The one wording of an invocation's outcome on every dashboard surface (test result, run history, Logs table
/// and dialog). The stored and API names stay <c>success</c>/<c>error</c> (<c>ExecutionLogNames</c>).
/// </summary>
public static class OutcomeLabel
{
    public const string Success = "Success";
    public const string Error = "Error";

    public static string Of(ExecutionStatus outcome) => outcome == ExecutionStatus.Success ? Success : Error;

    public static string Of(ExecutionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Of(result.Status);
    }
}
