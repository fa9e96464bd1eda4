using HooksDashboard.Execution;

namespace HooksDashboard.Tests.Execution.Node;

/// <summary>What require refuses (where Node would load the module) and per-invocation isolation of module objects.</summary>
public class NodeRequireTests
{
    private readonly JintHookExecutor _executor = new();

    [Theory]
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

    [Theory]
    [InlineData("fs", "require('fs').readFileSync('/etc/passwd')", "fs.readFileSync")]
    [InlineData("node:fs", "require('node:fs').stat('/', function () {})", "fs.stat")]
    [InlineData("fs", "new (require('fs').ReadStream)('/etc/passwd')", "fs.ReadStream")]
    public async Task ExecuteAsync_FsLoadsButEveryUseIsRefused(string id, string use, string called)
    {
        var result = await _executor.RunAsync($$"""
            module.exports = function (cb) {
              var fs = require('{{id}}');
              var loaded = typeof fs.readFileSync + ' ' + fs.constants.R_OK + ' ' + (({}) instanceof fs.Stats);
              try { {{use}}; cb(null, 'used'); } catch (e) { cb(null, loaded + ' | ' + e.code + ' ' + e.message); }
            };
            """);

        Assert.Equal($"function 4 false | ERR_HOOKS_MODULE_REFUSED Node's 'fs' module is not available to hooks: hooks run isolated from the server's file system ({called} was called)",
            result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_Tty_NoDescriptorIsATerminalAndStreamsAreRefused()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              var tty = require('tty');
              try { new tty.WriteStream(1); } catch (e) { cb(null, tty.isatty(1) + ' ' + tty.isatty(2) + ' ' + e.code); }
            };
            """);

        Assert.Equal("false false ERR_HOOKS_MODULE_REFUSED", result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_ProcessStdoutAndStderr_WriteToTheConsoleAndAreNoTerminal()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              process.stdout.write('out line\n');
              process.stderr.write('err line\n', function () { cb(null, [process.stdout.fd, process.stderr.fd, process.stderr.isTTY].join(',')); });
            };
            """);

        Assert.Equal("1,2,false", result.AssertSuccess()!.GetValue<string>());
        Assert.Equal(["log out line", "error err line"], result.Logs.Select(l => l.Level + " " + l.Message));
    }

    [Fact]
    public async Task ExecuteAsync_NetAndTls_LoadWithIsIpButRefuseSockets()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              var net = require('net'), tls = require('tls'), out = [net.isIP('10.0.0.1'), net.isIP('::1'), net.isIP('example.com'), net.isIPv4('1.2.3.256')];
              try { net.connect(80, 'example.com'); } catch (e) { out.push(e.code); }
              try { tls.connect(443, 'example.com'); } catch (e) { out.push(e.message); }
              try { require('http2').connect('https://example.com'); } catch (e) { out.push(require('http2').constants.HTTP2_HEADER_PATH + ' ' + e.code); }
              cb(null, out.join(' | '));
            };
            """);

        Assert.Equal("4 | 6 | 0 | false | ERR_HOOKS_MODULE_REFUSED | Node's 'tls' module is not available to hooks: hooks may not open sockets on the server (tls.connect was called) | :path ERR_HOOKS_MODULE_REFUSED",
            result.AssertSuccess()!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_FsPromises_RejectsEveryUse()
    {
        var result = await _executor.RunAsync("""
            module.exports = function (cb) {
              require('fs/promises').readFile('/etc/passwd').then(function () { cb(null, 'read'); }, function (e) { cb(null, e.code + ' ' + e.message); });
            };
            """);

        Assert.Equal("ERR_HOOKS_MODULE_REFUSED Node's 'fs' module is not available to hooks: hooks run isolated from the server's file system (fs.promises.readFile was called)",
            result.AssertSuccess()!.GetValue<string>());
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
