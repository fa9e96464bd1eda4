using HooksDashboard.Execution;

namespace HooksDashboard.Tests.Execution.Node;

/// <summary>What require refuses (where Node would load the module) and per-invocation isolation of module objects.</summary>
public class NodeRequireTests
{
    private readonly JintHookExecutor _executor = new();

    [Theory]
    [InlineData("fs", "hooks run isolated from the server's file system")]
    [InlineData("node:child_process", "hooks may not start processes on the server")]
    [InlineData("dgram", "hooks may not open sockets on the server")]
    [InlineData("vm", "hooks may not compile code at run time")]
    [InlineData("worker_threads", "a hook runs on one thread, inside its own engine")]
    public async Task ExecuteAsync_RefusedModule_ThrowsErrorNamingModuleAndReason(string id, string reason)
    {
        var result = await _executor.RunAsync($"module.exports = function (cb) {{ try {{ require('{id}'); }} catch (e) {{ cb(null, e.code + ' ' + e.message); }} }};");

        var name = id.Replace("node:", "", StringComparison.Ordinal);
        Assert.Equal($"ERR_HOOKS_MODULE_REFUSED Node's '{name}' module is not available to hooks: {reason}", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_ModuleChangedByOneInvocation_IsFreshInTheNext()
    {
        const string Script = """
            module.exports = function (cb) {
              var util = require('util');
              var seen = util.marker;
              util.marker = 'set';
              process.env.SEEN = String(process.env.SEEN);
              cb(null, [String(seen), process.env.SEEN].join(','));
            };
            """;

        var first = await _executor.RunAsync(Script);
        var second = await _executor.RunAsync(Script);

        Assert.Equal("undefined,undefined", first.AssertSuccess()!.GetValue<string>());
        Assert.Equal("undefined,undefined", second.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_ProcessEnv_HoldsNothingOfTheHostEnvironment()
    {
        var result = await _executor.RunAsync("module.exports = function (cb) { cb(null, Object.keys(process.env).length + ' ' + typeof process.env.PATH); };");

        Assert.Equal("0 undefined", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_ProcessExit_IsRefusedAsAnError()
    {
        var result = await _executor.RunAsync("module.exports = function (cb) { process.exit(0); };");

        var error = result.AssertError(ExecutionErrorKind.Exception);
        Assert.Equal("process.exit() is not available to hooks: a hook ends by calling cb(err, result)", error.Message);
    }

    [Fact]
    public async Task ExecuteAsync_QueueMicrotaskCallbackThrows_EndsRunAsUncaughtError()
    {
        var result = await _executor.RunAsync("module.exports = function (cb) { queueMicrotask(function () { throw new TypeError('inside'); }); };");

        var error = result.AssertError(ExecutionErrorKind.Exception);
        Assert.Equal("TypeError", error.Name);
        Assert.Equal("inside", error.Message);
    }
}
