using System.Text.Json.Nodes;
using HooksDashboard.Execution;
using HooksDashboard.Execution.Modules;

namespace HooksDashboard.Tests.Execution;

/// <summary>Runs scripts through the real executor with small limits, so limit tests stay fast.</summary>
internal static class ExecutorTestExtensions
{
    /// <summary>Generous wall time: the first run in a cold test process spends a second JIT-compiling Jint. Timeout tests pass their own small limits.</summary>
    public static ExecutionLimits TestLimits { get; } = new() { TimeoutMs = 10_000 };

    public static Task<ExecutionResult> RunAsync(this IHookExecutor executor, string script, params JsonNode?[] arguments) =>
        executor.RunAsync(TestLimits, script, arguments);

    public static Task<ExecutionResult> RunAsync(this IHookExecutor executor, ExecutionLimits limits, string script, params JsonNode?[] arguments)
    {
        Warm.Value.GetAwaiter().GetResult();
        return executor.ExecuteAsync(new ExecutionRequest(script, arguments, limits));
    }

    /// <summary>Runs a script whose <c>require</c> reaches <paramref name="packages"/>.</summary>
    public static Task<ExecutionResult> RunAsync(this IHookExecutor executor, PackageGraph packages, string script, params JsonNode?[] arguments)
    {
        Warm.Value.GetAwaiter().GetResult();
        return executor.ExecuteAsync(new ExecutionRequest(script, arguments, TestLimits, packages));
    }

    // The first run in a process JIT-compiles Jint's paths for a second or more; tests with 200 ms limits must not
    // pay that inside their budget, so one run touching every feature happens first.
    private static readonly Lazy<Task<ExecutionResult>> Warm = new(() => new JintHookExecutor().ExecuteAsync(new ExecutionRequest(
        """
        module.exports = async function (cb) {
          console.log('%s %j', 'warm', { a: [1] }, new PreUserRegistrationError('x'));
          /a+b/.test('aab');
          new Uint8Array(2);
          'x'.repeat(2);
          await new Promise(function (resolve) { setTimeout(resolve, 1); setImmediate(function () {}); });
          cb(null, { ok: true });
        };
        """, [], TestLimits)));

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
