using System.Text.Json.Nodes;
using HooksDashboard.Execution;

namespace HooksDashboard.Tests.Execution;

/// <summary>Runs scripts through the real executor with small limits, so limit tests stay fast.</summary>
internal static class ExecutorTestExtensions
{
    /// <summary>Generous wall time: the first run in a cold test process spends a second JIT-compiling Jint. Timeout tests pass their own small limits.</summary>
    public static ExecutionLimits TestLimits { get; } = new() { TimeoutMs = 10_000 };

    public static Task<ExecutionResult> RunAsync(this IHookExecutor executor, string script, params JsonNode?[] arguments) =>
        executor.ExecuteAsync(new ExecutionRequest(script, arguments, TestLimits));

    public static Task<ExecutionResult> RunAsync(this IHookExecutor executor, ExecutionLimits limits, string script, params JsonNode?[] arguments) =>
        executor.ExecuteAsync(new ExecutionRequest(script, arguments, limits));

    /// <summary>Asserts the run failed and returns its error.</summary>
    public static ExecutionError AssertError(this ExecutionResult result, ExecutionErrorKind kind)
    {
        Assert.Equal(ExecutionStatus.Error, result.Status);
        Assert.NotNull(result.Error);
        Assert.True(kind == result.Error.Kind, $"Expected {kind} but got {result.Error.Kind}: {result.Error.Name}: {result.Error.Message}");
        return result.Error;
    }

    /// <summary>Asserts the run succeeded and returns its data.</summary>
    public static JsonNode? AssertSuccess(this ExecutionResult result)
    {
        Assert.True(result.IsSuccess, $"Expected success but got {result.Error?.Kind}: {result.Error?.Name}: {result.Error?.Message}");
        return result.Data;
    }
}
