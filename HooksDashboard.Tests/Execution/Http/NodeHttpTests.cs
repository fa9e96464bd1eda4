using HooksDashboard.Execution;
using HooksDashboard.Execution.Http;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Http;

/// <summary>
/// Node's <c>http</c>/<c>https</c> in a hook go through the same host path as fetch: the egress policy, the limits,
/// the mocks, the recording and the invocation's end. (Node parity of the client itself: NodeHttpParityTests.)
/// </summary>
public sealed class NodeHttpTests : IAsyncLifetime
{
    private LoopbackHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackHttpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    // Resolves with [code, message, syscall, events] of the request's error, or its status and body.
    private const string Get = """
        function get(url, options) {
          return new Promise(function (resolve) {
            var events = [];
            var req = require(url.startsWith('https') ? 'https' : 'http').request(url, options || {}, function (res) {
              var body = '';
              res.on('data', function (d) { body += d; });
              res.on('end', function () { resolve([res.statusCode, body, res.headers['content-type'] || null]); });
            });
            req.on('error', function (e) { events.push('error'); resolve([e.code, e.message, e.syscall || null, events]); });
            req.on('close', function () { events.push('close'); });
            req.end(options && options.body);
          });
        }
        """;

    [Fact]
    public async Task Request_LoopbackWithDefaultPolicy_FailsWithEgressErrorAndSendsNothing()
    {
        var result = await new JintHookExecutor().RunBodyAsync(Get + $"return await get('{_server.Url}/echo');");

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal("EEGRESS", (string?)data[0]);
        Assert.Equal($"The egress policy refused GET {_server.Url}/echo: 127.0.0.1 is a loopback address (127.0.0.0/8)", (string?)data[1]);
        Assert.Equal(0, _server.Requests);
        var record = Assert.Single(result.Requests);
        Assert.StartsWith("EEGRESS: The egress policy refused GET", record.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.1.2.3/")]
    [InlineData("https://[::ffff:127.0.0.1]/")]
    [InlineData("http://localhost:1/")]
    public async Task Request_ForbiddenAddress_FailsWithEgressError(string url)
    {
        var result = await new JintHookExecutor().RunBodyAsync(Get + $"return await get('{url}');");

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal("EEGRESS", (string?)data[0]);
        Assert.StartsWith("The egress policy refused GET", (string?)data[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_UncaughtErrorEvent_IsTheHooksErrorNotACrash()
    {
        var result = await new JintHookExecutor().ExecuteAsync(new ExecutionRequest(
            $"module.exports = function (cb) {{ require('http').get('{_server.Url}/', function () {{ cb(null, 'answered'); }}); }};", [], ExecutorTestExtensions.TestLimits));

        var error = result.AssertError(ExecutionErrorKind.Exception);
        Assert.StartsWith("The egress policy refused GET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_MoreThanTheLimit_LaterOnesFailWithErrorEvent()
    {
        var limits = ExecutorTestExtensions.TestLimits with { MaxHttpRequests = 2 };

        var result = await HttpTestExecutors.Create().RunBodyAsync(Get + $$"""
            var out = [];
            for (var i = 0; i < 3; i++) out.push(await get('{{_server.Url}}/status/200'));
            return out;
            """, limits);

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal(200, (int)data[0]![0]!);
        Assert.Equal(200, (int)data[1]![0]!);
        Assert.Equal("ERR_HOOKS_HTTP_LIMIT", (string?)data[2]![0]);
        Assert.Contains("the hook already made 2 requests", (string?)data[2]![1], StringComparison.Ordinal);
        Assert.Equal("""["error","close"]""", data[2]![3]!.ToJsonString());
        Assert.Equal(2, _server.Requests);
    }

    [Fact]
    public async Task Request_BodyOverTheLimit_FailsAndSendsNothing()
    {
        var limits = ExecutorTestExtensions.TestLimits with { MaxHttpRequestBytes = 10 };

        var result = await HttpTestExecutors.Create().RunBodyAsync(Get + $"return await get('{_server.Url}/echo', {{ method: 'POST', body: 'x'.repeat(11) }});", limits);

        Assert.Equal("ERR_HOOKS_HTTP_REQUEST_TOO_LARGE", (string?)result.AssertSuccess()!.AsArray()[0]);
        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public async Task Request_ResponseOverTheLimit_ResponseIsAbortedWithTheLimitsError()
    {
        var limits = ExecutorTestExtensions.TestLimits with { MaxHttpResponseBytes = 20_000 };

        var result = await HttpTestExecutors.Create().RunBodyAsync($$"""
            return await new Promise(function (resolve) {
              require('http').get('{{_server.Url}}/chunked/60000', function (res) {
                var out = [res.statusCode];
                res.on('aborted', function () { out.push('aborted'); });
                res.on('error', function (e) { out.push(e.code); });
                res.on('close', function () { resolve(out); });
                res.resume();
              });
            });
            """, limits);

        Assert.Equal("""[200,"aborted","ERR_HOOKS_HTTP_RESPONSE_TOO_LARGE"]""", result.AssertSuccess()!.ToJsonString());
    }

    [Fact]
    public async Task Request_AbortedInItsResponseCallbackWithoutErrorListeners_RunGoesOn()
    {
        // node-fetch 2 aborts the request of every redirect it follows: Node emits the response's 'aborted' error to
        // its listeners only, so with none the run goes on (it failed here with an uncaught "aborted").
        var result = await HttpTestExecutors.Create().RunBodyAsync($$"""
            return await new Promise(function (resolve) {
              var req = require('http').get('{{_server.Url}}/status/302', function (res) {
                res.on('close', function () { setTimeout(function () { resolve([res.statusCode, res.destroyed]); }, 20); });
                req.abort();
              });
            });
            """);

        Assert.Equal("[302,true]", result.AssertSuccess()!.ToJsonString());
    }

    [Theory]
    [InlineData(true, "response,data hello,aborted,req close,res error aborted ECONNRESET,res close")]
    [InlineData(false, "response,data hello,aborted,req close,res close")]
    public async Task Request_ServerCutsTheBody_ResponseAbortedAsInNode(bool listenOnResponse, string events)
    {
        // A server that promises 100 bytes, sends 5 and closes its side (a FIN, not a reset): Node's close path.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var serving = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[4096];
            var read = 0;
            while (!System.Text.Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
                read += await stream.ReadAsync(buffer.AsMemory(read));
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhello"u8.ToArray());
            await Task.Delay(100);
            client.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
            await Task.Delay(200);
        });
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/";

        var result = await HttpTestExecutors.Create().RunBodyAsync($$"""
            var events = [];
            return await new Promise(function (resolve) {
              var req = require('http').get('{{url}}', function (res) {
                events.push('response');
                res.on('data', function (d) { events.push('data ' + d); });
                res.on('aborted', function () { events.push('aborted'); });
                if ({{(listenOnResponse ? "true" : "false")}}) res.on('error', function (e) { events.push('res error ' + e.message + ' ' + e.code); });
                res.on('close', function () { events.push('res close'); resolve(events.join()); });
              });
              req.on('error', function (e) { events.push('req error ' + e.code); });
              req.on('close', function () { events.push('req close'); });
            });
            """);

        Assert.Equal(events, result.AssertSuccess()!.GetValue<string>());
        await serving;
    }

    [Fact]
    public async Task Request_HeaderValueInLatin1_SentAsItsBytesAsNodeDoes()
    {
        // Node writes header values as Latin-1 bytes (S3's x-amz-meta-* with a name such as "Müller"); .NET's default
        // refused anything beyond ASCII. Beyond 255 http refuses the value and fetch's Headers throw undici's TypeError.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var heads = new List<byte[]>();
        var serving = Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                using var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var read = 0;
                while (System.Text.Encoding.Latin1.GetString(buffer, 0, read).IndexOf("\r\n\r\n", StringComparison.Ordinal) < 0)
                    read += await stream.ReadAsync(buffer.AsMemory(read));
                heads.Add(buffer[..read]);
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"u8.ToArray());
            }
        });
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/";

        var result = await HttpTestExecutors.Create().RunBodyAsync($$"""
            var out = [];
            await new Promise(function (resolve) {
              require('http').get('{{url}}', { headers: { 'x-name': 'M\u00fcller' } }, function (res) { out.push(res.statusCode); res.resume(); res.on('end', resolve); });
            });
            out.push((await fetch('{{url}}', { headers: { 'x-name': 'M\u00fcller' } })).status);
            try { require('http').request('{{url}}', { headers: { 'x-euro': '\u20ac' } }); } catch (e) { out.push(e.code); }
            try { new Headers({ 'x-euro': 'p\u20ac' }); } catch (e) { out.push(e.message); }
            out.push(await fetch('{{url}}', { headers: { 'x-euro': '\u20ac' } }).catch(function (e) { return e.name; }));
            try { new Headers().get('\u0100'); } catch (e) { out.push(e.message); }
            try { new Headers().append('x', Symbol('s')); } catch (e) { out.push(e.message); }
            return out;
            """);

        await serving;
        Assert.Equal("""[200,200,"ERR_INVALID_CHAR","Cannot convert argument to a ByteString because the character at index 1 has a value of 8364 which is greater than 255.","TypeError","Cannot convert argument to a ByteString because the character at index 0 has a value of 256 which is greater than 255.","Headers.append: value is a symbol, which cannot be converted to a DOMString."]""",
            result.AssertSuccess()!.ToJsonString());
        Assert.All(heads, head => Assert.Contains("x-name: M\u00fcller\r\n", System.Text.Encoding.Latin1.GetString(head), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Request_ServerNeverAnswers_InvocationEndsAtItsLimitAndCancelsTheRequest()
    {
        var limits = ExecutorTestExtensions.TestLimits with { TimeoutMs = 500 };

        // RunAsync warms the engine's code paths first: cold, a process's first invocation can spend its 500 ms before
        // the request is sent.
        var result = await HttpTestExecutors.Create().RunAsync(limits,
            $"module.exports = function (cb) {{ require('http').get('{_server.Url}/hang', function () {{ cb(null, 'answered'); }}); }};");

        result.AssertError(ExecutionErrorKind.Timeout);
        Assert.Equal("ECANCELED: the invocation ended before the request completed", Assert.Single(result.Requests).Error);
        for (var i = 0; i < 100 && _server.Open > 0; i++)
            await Task.Delay(50);
        Assert.Equal(0, _server.Open);
    }

    [Fact]
    public async Task Request_HostTimeout_FailsWithEtimedout()
    {
        var limits = ExecutorTestExtensions.TestLimits with { HttpTimeoutMs = 200 };

        var result = await HttpTestExecutors.Create().RunBodyAsync(Get + $"return await get('{_server.Url}/hang');", limits);

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal("ETIMEDOUT", (string?)data[0]);
        Assert.Contains("timed out after 200 ms", (string?)data[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_Mocked_AnsweredByTheRuleAndRecordedAsMocked()
    {
        var mocks = HttpMockSet.Parse("""{ "rules": [ { "method": "POST", "url": "https://hooks.slack.example/services/*", "status": 202, "json": { "ok": true } } ] }""");

        var result = await new JintHookExecutor().RunBodyAsync(Get + """
            return [await get('https://hooks.slack.example/services/T1', { method: 'POST', body: '{"text":"hi"}', headers: { 'content-type': 'application/json' } }),
              await get('https://other.example/x')];
            """, mocks: mocks);

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal(202, (int)data[0]![0]!);
        Assert.Equal("{\"ok\":true}", (string?)data[0]![1]);
        Assert.Equal("application/json", (string?)data[0]![2]);
        Assert.Equal("ERR_HOOKS_HTTP_NO_MOCK", (string?)data[1]![0]);
        Assert.Equal("no mock for GET https://other.example/x", (string?)data[1]![1]);
        Assert.True(result.Requests[0].Mocked);
        Assert.Equal("{\"text\":\"hi\"}", result.Requests[0].RequestBody);
    }

    [Fact]
    public async Task Request_Success_IsRecordedWithRedactedQueryAndBodies()
    {
        var result = await HttpTestExecutors.Create().RunBodyAsync(Get + $$"""
            var r = await get('{{_server.Url}}/echo?api_key=abc123&page=2', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
            return JSON.parse(r[1]).headers['content-length'];
            """);

        Assert.Equal("7", result.AssertSuccess()!.GetValue<string>());
        var record = Assert.Single(result.Requests);
        Assert.Equal("POST", record.Method);
        Assert.Equal($"{_server.Url}/echo?api_key=[redacted]&page=2", record.Url);
        Assert.Equal(200, record.Status);
        Assert.Equal("{\"a\":1}", record.RequestBody);
        Assert.Contains("\"method\":\"POST\"", record.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_GzipResponse_ArrivesUndecodedWithoutAcceptEncoding()
    {
        var result = await HttpTestExecutors.Create().RunBodyAsync($$"""
            var echo = await new Promise(function (resolve) { require('http').get('{{_server.Url}}/echo', function (res) { var s = ''; res.on('data', function (d) { s += d; }); res.on('end', function () { resolve(JSON.parse(s)); }); }); });
            var res = await new Promise(function (resolve) { require('http').get('{{_server.Url}}/gzip', resolve); });
            var chunks = [];
            for await (var c of res) chunks.push(c);
            return [echo.headers['accept-encoding'] || null, res.headers['content-encoding'], require('zlib').gunzipSync(Buffer.concat(chunks)).toString()];
            """);

        Assert.Equal("""[null,"gzip","compressed hello"]""", result.AssertSuccess()!.ToJsonString());
    }

    [Theory]
    [InlineData("http")]
    [InlineData("https")]
    public async Task CreateServer_ListenRefusedWithClearError_TheServerItselfHasNodesDefaults(string module)
    {
        // SDKs make a server at load to read its defaults (telnyx: http.createServer().timeout); listening is refused.
        var result = await new JintHookExecutor().RunBodyAsync($$"""
            var m = require('{{module}}');
            var server = m.createServer(function () {});
            var shown = [server.timeout, server.keepAliveTimeout, server.headersTimeout, server.requestTimeout, server.listening, server instanceof m.Server, server.listenerCount('request'), server.address()];
            try { server.listen(8080); shown.push('listening'); } catch (e) { shown.push(e.code, e.message); }
            return await new Promise(function (resolve) { server.close(function (err) { shown.push(err.code); resolve(shown); }); });
            """);

        Assert.Equal($"""[0,5000,60000,300000,false,true,1,null,"ERR_HOOKS_MODULE_REFUSED","{module}.Server.listen(): hooks may not listen for connections","ERR_SERVER_NOT_RUNNING"]""", result.AssertSuccess()!.ToJsonString());
    }

    [Fact]
    public async Task Request_SocketPath_RefusedWithClearError()
    {
        var result = await new JintHookExecutor().RunBodyAsync("try { require('http').request({ socketPath: '/var/run/docker.sock', path: '/' }); return 'sent'; } catch (e) { return [e.code, e.message]; }");

        Assert.Equal("""["ERR_HOOKS_MODULE_REFUSED","options.socketPath: hooks may not connect to sockets on the server"]""", result.AssertSuccess()!.ToJsonString());
    }
}
