using HooksDashboard.Execution;
using HooksDashboard.Tests.Execution.Modules;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Node;

/// <summary>
/// The stand-ins package code gets for modules refused to the hook's own require (fs, child_process,
/// http2, ...): what would reach the host fails with an error naming the policy. What matches node is checked by
/// <c>Modules/Fixtures/standins.js</c>; these cover what node cannot show (writes, sockets, processes, names).
/// </summary>
public class NodePackageStandInTests
{
    private static readonly HooksDashboard.Execution.Modules.PackageGraph Fixtures =
        NodeModulesGraph.FromFolder(Path.Combine(ModuleLoaderCompatibilityTests.FixturesFolder, "node_modules"));

    private readonly JintHookExecutor _executor = new();

    [Fact]
    public async Task ExecuteAsync_HookRequiringFsItself_IsRefusedWhileItsPackageGetsTheStandIn()
    {
        const string Hook = """
            module.exports = function (cb) {
              var own;
              try { require('fs'); own = 'loaded'; } catch (e) { own = e.code; }
              cb(null, [own, typeof require('host-standins').fs.readFileSync]);
            };
            """;

        var result = await _executor.RunAsync(Fixtures, Hook);

        Assert.Equal("""["ERR_HOOKS_MODULE_REFUSED","function"]""", result.AssertSuccess()!.ToJsonString());
    }

    [Theory]
    [InlineData("m.fs.writeFileSync('/tmp/x.txt', 'data')", "EROFS -30 open EROFS: read-only file system, open '/tmp/x.txt' (HooksDashboard: hooks have no file system; packages see an empty, read-only one)")]
    [InlineData("m.fs.mkdirSync('/tmp/d', { recursive: true })", "EROFS -30 mkdir EROFS: read-only file system, mkdir '/tmp/d' (HooksDashboard: hooks have no file system; packages see an empty, read-only one)")]
    [InlineData("m.fs.readFileSync('/etc/passwd')", "ENOENT -2 open ENOENT: no such file or directory, open '/etc/passwd' (HooksDashboard: hooks have no file system; packages see an empty, read-only one)")]
    [InlineData("m.vm.runInNewContext('1 + 1')", "ERR_HOOKS_MODULE_REFUSED   vm.runInNewContext() is not available to hooks: hooks may not compile code in contexts of their own")]
    [InlineData("new m.vm.Script('1')", "ERR_HOOKS_MODULE_REFUSED   vm.Script() is not available to hooks: hooks may not compile code in contexts of their own")]
    [InlineData("m.net.createServer()", "ERR_HOOKS_MODULE_REFUSED   net.createServer() is not available to hooks: hooks may not listen for connections or use local sockets on the server (outbound TCP goes through the egress policy)")]
    [InlineData("m.net.connect('/var/run/docker.sock')", "ERR_HOOKS_MODULE_REFUSED   net.Socket.connect({ path }) is not available to hooks: hooks may not listen for connections or use local sockets on the server (outbound TCP goes through the egress policy)")]
    [InlineData("m.tls.createServer()", "ERR_HOOKS_MODULE_REFUSED   tls.createServer() is not available to hooks: hooks may not accept TLS connections on the server")]
    [InlineData("m.tls.connect({ socket: new (require('stream').PassThrough)() })", "ERR_HOOKS_MODULE_REFUSED   tls.connect({ socket }) over a stream that is not a net.Socket is not available to hooks: TLS runs over the host's own connections")]
    [InlineData("new (new m.tls.TLSSocket(new (require('stream').PassThrough)())._handle._parentWrap.constructor)()", "ERR_HOOKS_MODULE_REFUSED   tls over a stream that is not a net.Socket is not available to hooks: TLS runs over the host's own connections (net.connect, tls.connect)")]
    [InlineData("m.http2.connect('https://example.com')", "ERR_HOOKS_MODULE_REFUSED   http2.connect() is not available to hooks: HTTP/2 connections are not available to hooks (use fetch or http/https, which go through the egress policy)")]
    [InlineData("m.childProcess.execSync('id')", "ERR_HOOKS_PROCESS_REFUSED   child_process.execSync() is not available to hooks: hooks may not start processes on the server")]
    [InlineData("m.dgram.createSocket('udp4')", "ERR_HOOKS_MODULE_REFUSED   dgram.createSocket() is not available to hooks: hooks may not open sockets on the server")]
    [InlineData("new m.tty.WriteStream(1)", "ERR_HOOKS_MODULE_REFUSED   tty.WriteStream() is not available to hooks: hooks have no terminal")]
    public async Task ExecuteAsync_PackageReachingTheHost_FailsWithErrorNamingThePolicy(string call, string expected)
    {
        var hook = "module.exports = function (cb) { var m = require('host-standins'); try { " + call + "; cb(null, 'no error'); } catch (e) { cb(null, [e.code, e.errno, e.syscall, e.message].join(' ')); } };";

        var result = await _executor.RunAsync(Fixtures, hook);

        Assert.Equal(expected, result.AssertSuccess()!.GetValue<string>());
    }

    [Theory]
    [InlineData(true, """[null,"127.0.0.1/4",null,"127.0.0.1 4"]""")]
    [InlineData(false, """["ENOTFOUND getaddrinfo ENOTFOUND localhost",null,"ENOTFOUND queryA ENOTFOUND localhost",null]""")]
    public async Task ExecuteAsync_PackageLookingUpAName_GetsOnlyAddressesTheEgressPolicyAllows(bool loopbackAllowed, string expected)
    {
        // nodemailer resolves the SMTP host before it connects: names resolve through the host, and an address the hook
        // could not connect to (::1 here, or loopback at all under the default policy) is never answered.
        const string Hook = """
            module.exports = function (cb) {
              var dns = require('host-standins').dns;
              dns.lookup('localhost', { all: true, family: 4 }, function (e, all) {
                dns.resolve4('localhost', function (e2, list) {
                  cb(null, [e && e.code + ' ' + e.message, all ? all.map(function (a) { return a.address + '/' + a.family; }).join(',') : null, e2 && e2.code + ' ' + e2.message, list ? list[0] + ' ' + list.length * 4 : null]);
                });
              });
            };
            """;
        var executor = loopbackAllowed ? HooksDashboard.Tests.Execution.Http.HttpTestExecutors.Create() : _executor;

        var result = await executor.RunAsync(Fixtures, Hook);

        Assert.Equal(expected, result.AssertSuccess()!.ToJsonString());
    }

    [Fact]
    public async Task ExecuteAsync_LookupUnderTheHooksAllowList_AnswersAllowedNamesAndTheirAddressesConnectAsTheName()
    {
        // nodemailer's way: resolve the name, then connect to the address with the name as servername. A hook allowed
        // "localhost" by name reaches the address its lookup gave; a name off its list is not even looked up.
        await using var server = SocketTestServer.Start(SocketTestMode.Echo);
        var rules = HooksDashboard.Execution.Http.HookEgressRules.For(new HooksDashboard.Execution.Http.HookEgressPolicy(["localhost"], [], [], []));
        var hook = $$"""
            module.exports = function (cb) {
              var dns = require('host-standins').dns, net = require('net');
              dns.resolve4('example.com', function (refused) {
                dns.resolve4('localhost', function (e, list) {
                  var direct = net.connect({{server.Port}}, '127.0.0.2');
                  direct.on('error', function (e2) {
                    var s = net.connect({{server.Port}}, list[0]);
                    s.on('data', function (d) { s.destroy(); cb(null, [refused.code + ' ' + refused.message, list.join(','), e2.code, String(d)]); });
                    s.on('error', function (e3) { cb(null, ['connect failed', e3.message]); });
                  });
                });
              });
            };
            """;

        var result = await HooksDashboard.Tests.Execution.Http.HttpTestExecutors.Create().ExecuteAsync(
            new ExecutionRequest(hook, [], ExecutorTestExtensions.TestLimits, Fixtures) { Egress = rules });

        Assert.Equal("""["ENOTFOUND queryA ENOTFOUND example.com","127.0.0.1","EEGRESS","hello\n"]""", result.AssertSuccess()!.ToJsonString());
        Assert.Equal(["DNS dns://example.com", "DNS dns://localhost", $"SOCKET tcp://127.0.0.2:{server.Port}", $"SOCKET tcp://127.0.0.1:{server.Port}"],
            result.Requests.Select(r => r.Method + " " + r.Url));
        Assert.StartsWith("ENOTFOUND: example.com is not on the hook's egress allow list", result.Requests[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_AsynchronousHostOperations_FailInTheirCallbacks()
    {
        const string Hook = """
            module.exports = function (cb) {
              var m = require('host-standins');
              var out = [];
              m.childProcess.exec('aws-credentials-helper', function (err) {
                out.push(err.code);
                m.dns.lookupService('127.0.0.1', 22, function (err2) {
                  out.push(err2.code + ' ' + err2.message);
                  m.fs.promises.writeFile('/tmp/x', 'y').catch(function (err3) {
                    out.push(err3.code);
                    var child = m.childProcess.spawn('ls');
                    child.on('error', function (err4) { out.push('spawn ' + err4.code); cb(null, out); });
                  });
                });
              });
            };
            """;

        var result = await _executor.RunAsync(Fixtures, Hook);

        Assert.Equal(
            ["ERR_HOOKS_PROCESS_REFUSED", "ERR_HOOKS_DNS_REFUSED dns.lookupService('127.0.0.1') is not available to hooks: hooks may not ask the server's resolver for an address's host and service names (getnameinfo); dns.reverse gives an address's names", "EROFS", "spawn ERR_HOOKS_PROCESS_REFUSED"],
            result.AssertSuccess()!.AsArray().Select(static n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task ExecuteAsync_WritesToProcessStreams_BecomeConsoleLines()
    {
        var result = await _executor.RunAsync("module.exports = function (cb) { process.stdout.write('out line\\n'); process.stderr.write(Buffer.from('err line')); cb(); };");

        result.AssertSuccess();
        Assert.Equal([new ConsoleLine("log", "out line"), new ConsoleLine("error", "err line")], result.Logs);
    }
}
