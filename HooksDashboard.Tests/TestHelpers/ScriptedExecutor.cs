using HooksDashboard.Execution;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// An <see cref="IHookExecutor"/> whose answers the test sets: component tests check how the dashboard
/// shows results and diagnostics, not how scripts run.
/// </summary>
internal sealed class ScriptedExecutor : IHookExecutor
{
    /// <summary>The result of the next executions.</summary>
    public ExecutionResult Result { get; set; } = new() { Status = ExecutionStatus.Success };

    /// <summary>Diagnostics by script; no entry means the script parses.</summary>
    public Func<string, IReadOnlyList<ScriptDiagnostic>> Syntax { get; set; } = _ => [];

    /// <summary>The last request executed.</summary>
    public ExecutionRequest? LastRequest { get; private set; }

    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        LastRequest = request;
        return Task.FromResult(Result);
    }

    public IReadOnlyList<ScriptDiagnostic> CheckSyntax(string script) => Syntax(script);
}
