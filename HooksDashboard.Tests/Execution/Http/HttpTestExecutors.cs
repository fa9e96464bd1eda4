using HooksDashboard.Execution;
using HooksDashboard.Execution.Http;

namespace HooksDashboard.Tests.Execution.Http;

/// <summary>Executors whose egress policy allows the loopback test servers, as the tests' configuration would.</summary>
internal static class HttpTestExecutors
{
    /// <summary>One transport for the tests, like the server's one: 127.0.0.1 allowed, nothing else beyond public addresses.</summary>
    public static HttpTransport LoopbackAllowed { get; } = new(new EgressPolicy(new EgressOptions { Allow = ["127.0.0.1"] }));

    public static JintHookExecutor Create() => new(LoopbackAllowed);

    /// <summary>Runs a hook body (inside <c>async function (cb) { ... }</c>) that returns a value; the value goes to cb, a throw to cb(err).</summary>
    public static Task<ExecutionResult> RunBodyAsync(this IHookExecutor executor, string body, ExecutionLimits? limits = null, HttpMockSet? mocks = null) =>
        executor.ExecuteAsync(new ExecutionRequest(
            "module.exports = async function (cb) { try { cb(null, await (async function () {\n" + body + "\n})()); } catch (e) { cb(e); } };",
            [], limits ?? ExecutorTestExtensions.TestLimits) { HttpMocks = mocks });
}
