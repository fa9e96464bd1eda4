using HooksDashboard.Execution;
using HooksDashboard.Execution.Http;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Http;

/// <summary>
/// <c>net</c> and <c>tls</c> in a hook: real outbound connections through the egress policy, the request limit and the
/// recording. Each scenario is a <c>run(done)</c> function run by the executor and, where node is installed, by node
/// against the same loopback server: both must report the same events (<see cref="NodeOracle"/>).
/// </summary>
public sealed class NodeNetTests
{
    private static readonly string Ca = SocketTestServer.CaPem.ReplaceLineEndings("\\n");

    // The hook calls run(done) and hands done's value to cb as JSON text; node prints the same text.
    private static async Task<(string Output, ExecutionResult Result)> RunAsync(string script, IHookExecutor? executor = null, ExecutionLimits? limits = null,
        bool compareWithNode = true)
    {
        var result = await (executor ?? HttpTestExecutors.Create()).ExecuteAsync(new ExecutionRequest(
            script + "\nmodule.exports = function (cb) { run(function (out) { cb(null, JSON.stringify(out)); }); };", [], limits ?? ExecutorTestExtensions.TestLimits));
        var output = result.AssertSuccess()!.GetValue<string>();
        if (compareWithNode && NodeOracle.RunScript(script + "\nrun(function (out) { console.log(JSON.stringify(out)); });") is { } node)
            Assert.Equal(node.Trim(), output);
        return (output, result);
    }

    [Fact]
    public async Task Connect_EchoServer_EventsDataAndStateAsNode()
    {
        await using var server = SocketTestServer.Start(SocketTestMode.Echo);

        var (output, result) = await RunAsync($$"""
            const net = require('net');
            function run(done) {
              const out = [];
              const s = net.connect({{server.Port}}, '127.0.0.1', () => {
                out.push(['connect cb', s.remoteAddress, s.remotePort === {{server.Port}}, s.remoteFamily, typeof s.localPort, s.readyState, s.pending, s.connecting]);
              });
              out.push(['sync', s.readyState, s.pending, s.connecting, s.bytesRead]);
              s.setEncoding('utf8');
              let n = 0;
              ['lookup', 'ready', 'end', 'finish'].forEach((e) => s.on(e, () => out.push([e, s.readyState])));
              // One line at a time, each after the server's previous answer, so no two answers arrive as one chunk.
              s.on('data', (d) => { out.push(['data', d]); if (++n === 1) s.write('abc\n'); else if (n === 2) s.write('quit\n'); });
              s.on('close', (hadError) => { out.push(['close', hadError, s.bytesRead, s.bytesWritten, s.destroyed, s.readyState]); done(out); });
            }
            """);

        Assert.Equal("""[["sync","opening",true,true,0],["connect cb","127.0.0.1",true,"IPv4","number","open",false,false],["ready","open"],["data","hello\n"],["data","ABC\n"],["data","bye\n"],["end","writeOnly"],["finish","closed"],["close",false,14,9,true,"closed"]]""", output);
        var record = Assert.Single(result.Requests);
        Assert.Equal("SOCKET", record.Method);
        Assert.Equal($"tcp://127.0.0.1:{server.Port}", record.Url);
        Assert.Equal(9, record.RequestBytes);
        Assert.Equal(14, record.ResponseBytes);
        Assert.Null(record.Error);
    }

    [Fact]
    public async Task Connect_ClosedPort_ErrorAsNodeThenCloseWithError()
    {
        var (output, result) = await RunAsync("""
            const net = require('net');
            function run(done) {
              const out = [];
              const s = net.createConnection({ port: 1, host: '127.0.0.1' });
              s.on('error', (e) => out.push([e.message, e.code, e.errno, e.syscall, e.address, e.port]));
              s.on('close', (hadError) => { out.push(['close', hadError]); done(out); });
            }
            """);

        Assert.Equal("""[["connect ECONNREFUSED 127.0.0.1:1","ECONNREFUSED",-111,"connect","127.0.0.1",1],["close",true]]""", output);
        Assert.Equal("ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1", Assert.Single(result.Requests).Error);
    }

    [Fact]
    public async Task Connect_NameThatRefuses_ErrorNamesTheAddressAsNode()
    {
        var closed = LoopbackPorts.ClosedTcp();

        // Node's connection errors name the address tried, not the host name (127.0.0.1 is the one address of
        // localhost this policy allows); fetch's cause says the same.
        var result = await HttpTestExecutors.Create().RunBodyAsync($$"""
            const s = require('net').connect({{closed}}, 'localhost');
            const e = await new Promise((resolve) => s.on('error', resolve));
            const f = await fetch('http://localhost:{{closed}}/').catch((x) => x.cause);
            return [e.message, e.address, e.port, f.message, f.address];
            """);

        Assert.Equal($$"""["connect ECONNREFUSED 127.0.0.1:{{closed}}","127.0.0.1",{{closed}},"connect ECONNREFUSED 127.0.0.1:{{closed}}","127.0.0.1"]""",
            result.AssertSuccess()!.ToJsonString());
    }

    [Fact]
    public async Task Connect_BadArguments_ThrowNodesErrors()
    {
        var (output, _) = await RunAsync("""
            const net = require('net');
            function run(done) {
              const out = [];
              [[], [70000], [{ port: -1 }], [{ port: 'abc' }], [{ port: {} }], [{}]].forEach((args) => {
                try { net.connect(...args); out.push('connected'); } catch (e) { out.push([e.name, e.code, e.message]); }
              });
              const s = new net.Socket();
              out.push([s.readyState, s.pending, s.connecting, s.remoteAddress === undefined, s.bytesWritten]);
              try { s.setTimeout('x'); } catch (e) { out.push([e.code, e.message]); }
              s.on('error', (e) => { out.push(['write', e.code, e.message]); done(out); });
              s.write('x');
            }
            """);

        Assert.Equal("""[["TypeError","ERR_MISSING_ARGS","The \"options\" or \"port\" or \"path\" argument must be specified"],["RangeError","ERR_SOCKET_BAD_PORT","Port should be >= 0 and < 65536. Received type number (70000)."],["RangeError","ERR_SOCKET_BAD_PORT","Port should be >= 0 and < 65536. Received type number (-1)."],["RangeError","ERR_SOCKET_BAD_PORT","Port should be >= 0 and < 65536. Received type string ('abc')."],["TypeError","ERR_INVALID_ARG_TYPE","The \"options.port\" property must be one of type number or string. Received an instance of Object"],["TypeError","ERR_MISSING_ARGS","The \"options\" or \"port\" or \"path\" argument must be specified"],["open",true,false,true,0],["ERR_INVALID_ARG_TYPE","The \"msecs\" argument must be of type number. Received type string ('x')"],["write","ERR_SOCKET_CLOSED","Socket is closed"]]""", output);
    }

    [Fact]
    public async Task TlsConnect_WithTheServersCa_VerifiesAndExchangesData()
    {
        await using var server = SocketTestServer.Start(SocketTestMode.Tls);

        var (output, result) = await RunAsync($$"""
            const tls = require('tls');
            function run(done) {
              const out = [];
              const s = tls.connect({ host: '127.0.0.1', port: {{server.Port}}, ca: "{{Ca}}", servername: 'localhost' }, () => {
                const c = s.getPeerCertificate();
                out.push(['secureConnect', s.authorized, s.authorizationError, s.alpnProtocol, s.getProtocol(), s.encrypted, s.servername,
                  c.subject.CN, c.issuer.CN, c.subjectaltname, c.raw.length > 100, c.fingerprint256.length, /^[A-Z][a-z]{2} [ 0-9]\d \d\d:\d\d:\d\d \d{4} GMT$/.test(c.valid_to)]);
              });
              s.on('connect', () => out.push(['connect']));
              s.setEncoding('utf8');
              let n = 0;
              s.on('data', (d) => { out.push(['data', d]); if (++n === 1) s.write('abc\n'); else if (n === 2) s.end('quit\n'); });
              s.on('close', (hadError) => { out.push(['close', hadError]); done(out); });
            }
            """);

        Assert.Equal("""[["connect"],["secureConnect",true,null,false,"TLSv1.3",true,"localhost","localhost","HooksDashboard test CA","DNS:localhost",true,95,true],["data","secure hello\n"],["data","ABC\n"],["data","bye\n"],["close",false]]""", output);
        Assert.Equal($"tls://127.0.0.1:{server.Port}", Assert.Single(result.Requests).Url);
    }

    [Fact]
    public async Task TlsConnect_UntrustedWrongNameOrUnchecked_FailsOrPassesAsNode()
    {
        await using var server = SocketTestServer.Start(SocketTestMode.Tls);

        var (output, result) = await RunAsync($$"""
            const tls = require('tls');
            function attempt(options, out, next) {
              const s = tls.connect(Object.assign({ host: '127.0.0.1', port: {{server.Port}} }, options), () => {
                out.push(['secureConnect', s.authorized, s.authorizationError]);
                s.destroy();
              });
              s.on('error', (e) => out.push(['error', e.code, e.message, e.reason || null, e.host || null, s.authorizationError]));
              s.on('close', next);
            }
            function run(done) {
              const out = [];
              attempt({ servername: 'localhost' }, out, () =>
                attempt({ servername: 'example.com', ca: "{{Ca}}" }, out, () =>
                  attempt({ rejectUnauthorized: false }, out, () =>
                    attempt({ servername: 'localhost', ca: "{{Ca}}", checkServerIdentity: (host, cert) => new Error('pinned ' + host + ' ' + cert.subject.CN) }, out, () => done(out)))));
            }
            """);

        Assert.Equal("""[["error","UNABLE_TO_VERIFY_LEAF_SIGNATURE","unable to verify the first certificate",null,null,"UNABLE_TO_VERIFY_LEAF_SIGNATURE"],["error","ERR_TLS_CERT_ALTNAME_INVALID","Hostname/IP does not match certificate's altnames: Host: example.com. is not in the cert's altnames: DNS:localhost","Host: example.com. is not in the cert's altnames: DNS:localhost","example.com","ERR_TLS_CERT_ALTNAME_INVALID"],["secureConnect",false,"UNABLE_TO_VERIFY_LEAF_SIGNATURE"],["error",null,"pinned localhost localhost",null,null,"pinned localhost localhost"]]""", output);
        Assert.Equal(
            ["UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate", "ERR_TLS_CERT_ALTNAME_INVALID: Hostname/IP does not match certificate's altnames: Host: example.com. is not in the cert's altnames: DNS:localhost", null, "pinned localhost localhost"],
            result.Requests.Select(r => r.Error));
    }

    [Fact]
    public async Task TlsConnect_OverAnOpenSocket_UpgradesLikeStartTls()
    {
        await using var server = SocketTestServer.Start(SocketTestMode.StartTls);

        var (output, result) = await RunAsync($$"""
            const net = require('net'), tls = require('tls');
            function run(done) {
              const out = [];
              const p = net.connect({{server.Port}}, '127.0.0.1');
              ['end', 'finish', 'close'].forEach((e) => p.on(e, () => out.push(['plain ' + e])));
              p.once('data', (d) => {
                out.push(['plain', String(d)]);
                p.write('STARTTLS\n');
                p.once('data', (d2) => {
                  out.push(['plain', String(d2)]);
                  const t = tls.connect({ socket: p, servername: 'localhost', ca: [Buffer.from("{{Ca}}")] }, () => {
                    out.push(['secure', t.authorized, t.remotePort === {{server.Port}}, t.encrypted]);
                    t.write('hi\n');
                  });
                  t.on('data', (d3) => { out.push(['tls', String(d3)]); if (String(d3).startsWith('TLS:HI')) t.end('quit\n'); });
                  t.on('close', () => { out.push(['tls close', p.destroyed]); done(out); });
                });
              });
            }
            """);

        Assert.Equal("""[["plain","220 ready\n"],["plain","220 go ahead\n"],["secure",true,true,true],["tls","TLS:HI\n"],["tls","bye\n"],["plain close"],["tls close",true]]""", output);
        Assert.Equal($"tcp://127.0.0.1:{server.Port}", Assert.Single(result.Requests).Url);
    }

    [Fact]
    public async Task TlsSocket_MadeByHandOverAnOpenSocket_StartsAndReportsItsVerdictAsMysql2Reads()
    {
        // mysql 2's STARTTLS: new tls.TLSSocket(socket, { isServer: false, secureContext }), _start(), 'secure', then
        // ssl.verifyError() (null with the CA; the chain's error without it: the handshake completes either way).
        await using var server = SocketTestServer.Start(SocketTestMode.StartTls);

        var (output, _) = await RunAsync($$"""
            const net = require('net'), tls = require('tls');
            function upgrade(withCa) {
              return new Promise((resolve) => {
                const out = [];
                const p = net.connect({{server.Port}}, '127.0.0.1');
                p.once('data', () => {
                  p.write('STARTTLS\n');
                  p.once('data', () => {
                    const context = tls.createSecureContext(withCa ? { ca: [Buffer.from("{{Ca}}")] } : {});
                    const t = new tls.TLSSocket(p, { isServer: false, requestCert: true, rejectUnauthorized: true, secureContext: context });
                    out.push(typeof t._start, typeof t.ssl.verifyError);
                    t.on('_tlsError', (e) => out.push(['_tlsError', e.code]));
                    t.on('secure', function () {
                      const verdict = this.ssl.verifyError();
                      // Which chain error depends on what the server sends of its chain: only whether there is one.
                      out.push(['secure', verdict instanceof Error, verdict !== null && typeof verdict.code]);
                      t.write('hi\n');
                    });
                    t.on('data', (d) => { out.push(String(d)); if (String(d).startsWith('TLS:HI')) t.end('quit\n'); });
                    t.on('close', () => resolve(out));
                    t._start();
                  });
                });
              });
            }
            function run(done) { upgrade(true).then((a) => upgrade(false).then((b) => done([a, b]))); }
            """);

        Assert.Equal("""[["function","function",["secure",false,false],"TLS:HI\n","bye\n"],["function","function",["secure",true,"string"],"TLS:HI\n","bye\n"]]""", output);
    }

    [Fact]
    public async Task Connect_DefaultEgressPolicy_RefusesLoopbackAndNothingConnects()
    {
        await using var server = SocketTestServer.Start(SocketTestMode.Echo);

        var (output, result) = await RunAsync($$"""
            const net = require('net');
            function run(done) {
              const s = net.connect({{server.Port}}, '127.0.0.1');
              s.on('error', (e) => done([e.code, e.message]));
            }
            """, new JintHookExecutor(), compareWithNode: false);

        Assert.Equal($$"""["EEGRESS","The egress policy refused a connection to tcp://127.0.0.1:{{server.Port}}: 127.0.0.1 is a loopback address (127.0.0.0/8)"]""", output);
        Assert.Equal(0, server.Connections);
        Assert.StartsWith("EEGRESS: The egress policy refused a connection", Assert.Single(result.Requests).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_PastTheRequestLimit_ThrowsAtOnce()
    {
        await using var server = SocketTestServer.Start(SocketTestMode.Echo);

        var (output, _) = await RunAsync($$"""
            const net = require('net');
            function run(done) {
              const first = net.connect({{server.Port}}, '127.0.0.1');
              const second = net.connect({{server.Port}}, '127.0.0.1');
              second.on('error', (e) => { first.destroy(); done([e.code, e.message]); });
            }
            """, limits: ExecutorTestExtensions.TestLimits with { MaxHttpRequests = 1 }, compareWithNode: false);

        Assert.Equal($$"""["ERR_HOOKS_HTTP_LIMIT","The connection to tcp://127.0.0.1:{{server.Port}} was refused: the hook already made 1 requests and connections, the limit per invocation (Execution:Defaults:MaxHttpRequests)"]""", output);
    }

    [Fact]
    public async Task Read_AMegabyte_ArrivesWholeThroughTheStreamsBackpressure()
    {
        await using var server = SocketTestServer.Start(SocketTestMode.Big);

        var (output, _) = await RunAsync($$"""
            const net = require('net');
            function run(done) {
              const s = net.connect({{server.Port}}, '127.0.0.1');
              let total = 0, pauses = 0;
              s.on('data', (d) => {
                total += d.length;
                // A slow reader: the host stops reading while the stream is paused.
                if (total % (256 * 1024) < d.length) { s.pause(); pauses++; setTimeout(() => s.resume(), 5); }
              });
              s.on('end', () => { s.end(); });
              s.on('close', () => done([total, s.bytesRead, pauses > 0]));
            }
            """);

        Assert.Equal($"[{SocketTestServer.BigBytes},{SocketTestServer.BigBytes},true]", output);
    }

    [Fact]
    public async Task Read_MoreThanAConnectionMayReceive_FailsWithLimitError()
    {
        await using var server = SocketTestServer.Start(SocketTestMode.Big);

        var (output, result) = await RunAsync($$"""
            const net = require('net');
            function run(done) {
              const s = net.connect({{server.Port}}, '127.0.0.1');
              s.on('data', () => {});
              s.on('error', (e) => done([e.code, e.message]));
            }
            """, limits: ExecutorTestExtensions.TestLimits with { MaxHttpResponseBytes = 100_000 }, compareWithNode: false);

        Assert.Equal($$"""["ERR_HOOKS_SOCKET_LIMIT","tcp://127.0.0.1:{{server.Port}} sent more than 100000 bytes, the most a connection may receive (Execution:Defaults:MaxHttpResponseBytes)"]""", output);
        Assert.StartsWith("ERR_HOOKS_SOCKET_LIMIT", Assert.Single(result.Requests).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetTimeout_SilentServer_EmitsTimeoutAndTheSocketStaysOpen()
    {
        await using var server = SocketTestServer.Start(SocketTestMode.Silent);

        var (output, _) = await RunAsync($$"""
            const net = require('net');
            function run(done) {
              const out = [];
              const s = net.connect({ port: {{server.Port}}, host: '127.0.0.1', timeout: 150 });
              s.on('timeout', () => { out.push(['timeout', s.timeout, s.destroyed, s.readyState]); s.destroy(); });
              s.on('close', (hadError) => { out.push(['close', hadError]); done(out); });
            }
            """);

        Assert.Equal("""[["timeout",150,false,"open"],["close",false]]""", output);
    }

    [Fact]
    public async Task IdleConnectionAfterCb_EndsWithTheRunInsteadOfHoldingItToTheTimeLimit()
    {
        await using var server = SocketTestServer.Start(SocketTestMode.Echo);

        var result = await HttpTestExecutors.Create().ExecuteAsync(new ExecutionRequest($$"""
            const net = require('net');
            module.exports = function (cb) {
              const s = net.connect({{server.Port}}, '127.0.0.1');
              s.once('data', (d) => cb(null, String(d)));
            };
            """, [], ExecutorTestExtensions.TestLimits with { TimeoutMs = 20_000 }));

        Assert.Equal("hello\n", result.AssertSuccess()!.GetValue<string>());
        Assert.True(result.DurationMs < 10_000, $"the run took {result.DurationMs} ms");
        Assert.DoesNotContain(result.Logs, l => l.Message.Contains("still pending", StringComparison.Ordinal));
        // Closed with the run, recorded without an error (a client left open is how hooks keep pools).
        Assert.Null(Assert.Single(result.Requests).Error);
    }

    [Fact]
    public async Task UnrefdConnection_DoesNotKeepTheRunWaitingForCb()
    {
        await using var server = SocketTestServer.Start(SocketTestMode.Silent);

        var result = await HttpTestExecutors.Create().ExecuteAsync(new ExecutionRequest($$"""
            module.exports = function (cb) { require('net').connect({{server.Port}}, '127.0.0.1').unref(); };
            """, [], ExecutorTestExtensions.TestLimits with { TimeoutMs = 20_000 }));

        Assert.Equal("The hook finished without calling cb(err, result)", result.AssertError(ExecutionErrorKind.Exception).Message);
        Assert.True(result.DurationMs < 10_000, $"the run took {result.DurationMs} ms");
    }

    [Fact]
    public async Task Connect_WithMocksThatDoNotPassThrough_FailsNamingTheMocks()
    {
        var result = await HttpTestExecutors.Create().ExecuteAsync(new ExecutionRequest("""
            module.exports = function (cb) {
              require('net').connect(5432, 'db.example.com').on('error', (e) => cb(null, [e.code, e.message]));
            };
            """, [], ExecutorTestExtensions.TestLimits) { HttpMocks = new HttpMockSet() });

        Assert.Equal("""["ERR_HOOKS_HTTP_NO_MOCK","no mock can answer a connection to tcp://db.example.com:5432: the run's HTTP mocks answer requests, not sockets (let unmatched requests through to connect)"]""",
            result.AssertSuccess()!.ToJsonString().Replace("\\u0027", "'", StringComparison.Ordinal));
    }
    [Theory]
    [InlineData(null, null, null)]
    [InlineData(new[] { "https" }, null, "the scheme tcp: is not in the hook's egress policy (schemes https)")]
    [InlineData(null, new[] { 443 }, "port {port} is not in the hook's egress policy (ports 443)")]
    public async Task Connect_HooksOwnEgressPolicy_JudgesTheConnectionAsTcpUrl(string[]? schemes, int[]? ports, string? refusal)
    {
        await using var server = SocketTestServer.Start(SocketTestMode.Echo);
        var rules = HookEgressRules.For(new HookEgressPolicy([], [], ports ?? [], schemes ?? []));

        var result = await HttpTestExecutors.Create().ExecuteAsync(new ExecutionRequest($$"""
            module.exports = function (cb) {
              const s = require('net').connect({{server.Port}}, '127.0.0.1');
              s.on('data', (d) => { s.destroy(); cb(null, String(d)); });
              s.on('error', (e) => cb(null, e.code + ' ' + e.message));
            };
            """, [], ExecutorTestExtensions.TestLimits) { Egress = rules });

        var expected = refusal is null ? "hello\n"
            : $"EEGRESS The egress policy refused a connection to tcp://127.0.0.1:{server.Port}: {refusal.Replace("{port}", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)}";
        Assert.Equal(expected, result.AssertSuccess()!.GetValue<string>());
    }
    [Fact]
    public async Task TlsConnect_RejectUnauthorizedNotFalseAndSecureContext_AsNode()
    {
        await using var server = SocketTestServer.Start(SocketTestMode.Tls);

        // Only `false` turns the checks off (undefined and 0 keep them); a secure context's ca is the connection's (mysql2).
        var (output, _) = await RunAsync($$"""
            const tls = require('tls');
            function attempt(options, out, next) {
              const s = tls.connect(Object.assign({ host: '127.0.0.1', port: {{server.Port}} }, options), () => { out.push(['secureConnect', s.authorized]); s.destroy(); });
              s.on('error', (e) => out.push(['error', e.code]));
              s.on('close', next);
            }
            function run(done) {
              const out = [];
              attempt({ servername: 'example.com', ca: "{{Ca}}", rejectUnauthorized: undefined }, out, () =>
                attempt({ servername: 'example.com', ca: "{{Ca}}", rejectUnauthorized: 0 }, out, () =>
                  attempt({ servername: 'localhost', secureContext: tls.createSecureContext({ ca: "{{Ca}}" }) }, out, () => done(out))));
            }
            """);

        Assert.Equal("""[["error","ERR_TLS_CERT_ALTNAME_INVALID"],["error","ERR_TLS_CERT_ALTNAME_INVALID"],["secureConnect",true]]""", output);
    }

    [Fact]
    public async Task Destroy_BeforeConnecting_WriteCallbackGetsNodesError()
    {
        await using var server = SocketTestServer.Start(SocketTestMode.Silent);

        var (output, _) = await RunAsync($$"""
            const net = require('net');
            function run(done) {
              const out = [];
              const s = net.connect({{server.Port}}, '127.0.0.1');
              s.write('early', (e) => out.push(['write cb', e && e.code, e && e.message]));
              s.on('error', (e) => out.push(['error', e.code]));
              s.on('close', (hadError) => { out.push(['close', hadError]); done(out); });
              s.destroy();
            }
            """);

        Assert.Equal("""[["write cb","ERR_SOCKET_CLOSED_BEFORE_CONNECTION","Socket closed before the connection was established"],["close",false]]""", output);
    }
}
