using System.Text;
using System.Text.Json.Nodes;
using HooksDashboard.Execution;
using HooksDashboard.Execution.Http;
using HooksDashboard.Execution.Modules;
using HooksDashboard.Tests.Execution.Http;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Modules;

/// <summary>
/// The HTTP client packages real hooks use, installed by npm at pinned versions (category <c>Registry</c>, once per
/// run), each driven the way hooks drive it against a loopback server whose <c>/echo</c> returns the request it got:
/// the test asserts the exact request (method, path, headers, body) and what the hook saw of the response.
/// </summary>
[Trait("Category", "Registry")]
public sealed class HttpPackagesTests(HttpPackagesTests.InstalledClients installed) : IClassFixture<HttpPackagesTests.InstalledClients>, IAsyncLifetime
{
    private static readonly ExecutionLimits Limits = ExecutorTestExtensions.TestLimits with { TimeoutMs = 30_000 };

    private readonly JintHookExecutor _executor = HttpTestExecutors.Create();
    private LoopbackHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackHttpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<JsonNode> RunAsync(string body, HttpMockSet? mocks = null)
    {
        var script = $"var base = '{_server.Url}';\nmodule.exports = async function (cb) {{ try {{ cb(null, await (async function () {{\n{body}\n}})()); }} catch (e) {{ cb(e); }} }};";
        var result = await _executor.ExecuteAsync(new ExecutionRequest(script, [], Limits, installed.Graph) { HttpMocks = mocks });
        return result.AssertSuccess()!;
    }

    private static void AssertHeader(JsonNode echo, string name, string expected) => Assert.Equal(expected, (string?)echo["headers"]![name]);

    [NpmFact]
    public async Task Request_PostWithJsonQsAuthHeaders_SendsThemAndSeesTheResponse()
    {
        var data = await RunAsync("""
            var request = require('request');
            return await new Promise(function (resolve, reject) {
              request.post({ url: base + '/echo', json: { a: 1 }, qs: { q: 'x y' }, auth: { user: 'u', pass: 'p' }, headers: { 'X-K': 'v' } }, function (err, res, body) {
                if (err) return reject(err);
                resolve({ status: res.statusCode, type: res.headers['content-type'], echo: body });
              });
            });
            """);

        Assert.Equal(200, (int)data["status"]!);
        Assert.Equal("application/json", (string?)data["type"]);
        var echo = data["echo"]!;
        Assert.Equal("POST", (string?)echo["method"]);
        Assert.Equal("/echo?q=x%20y", (string?)echo["path"]);
        Assert.Equal("""{"a":1}""", (string?)echo["body"]);
        AssertHeader(echo, "authorization", "Basic dTpw");
        AssertHeader(echo, "content-type", "application/json");
        AssertHeader(echo, "accept", "application/json");
        AssertHeader(echo, "x-k", "v");
        AssertHeader(echo, "content-length", "7");
    }

    [NpmFact]
    public async Task Request_DefaultsWithForm_SendsUrlEncodedBodyAndDefaultHeaders()
    {
        var data = await RunAsync("""
            var request = require('request').defaults({ headers: { 'x-default': '1' } });
            return await new Promise(function (resolve, reject) {
              request.post(base + '/echo', { form: { a: 'b c', d: 'é' } }, function (err, res, body) { err ? reject(err) : resolve(JSON.parse(body)); });
            });
            """);

        Assert.Equal("POST", (string?)data["method"]);
        Assert.Equal("a=b%20c&d=%C3%A9", (string?)data["body"]);
        AssertHeader(data, "content-type", "application/x-www-form-urlencoded");
        AssertHeader(data, "x-default", "1");
    }

    [NpmFact]
    public async Task Request_ConnectionRefused_CallbackGetsNodesError()
    {
        var data = await RunAsync("""
            return await new Promise(function (resolve) {
              require('request').get('http://127.0.0.1:1/x', function (err) { resolve([err.code, err.syscall, err.message]); });
            });
            """);

        Assert.Equal("""["ECONNREFUSED","connect","connect ECONNREFUSED 127.0.0.1:1"]""", data.ToJsonString());
    }

    [NpmFact]
    public async Task RequestPromise_PostJsonFullResponseAnd500_ResolvesAndRejectsAsInNode()
    {
        // request-promise 4 loads bluebird, which compiles its helpers with new Function while loading.
        var data = await RunAsync("""
            var rp = require('request-promise');
            var errors = require('request-promise/errors');
            var echo = await rp({ method: 'POST', uri: base + '/echo', body: { a: 1 }, json: true, qs: { q: 'x y' }, headers: { 'X-K': 'v' } });
            var full = await rp({ uri: base + '/echo', resolveWithFullResponse: true });
            var failed;
            try { await rp({ uri: base + '/status/500' }); }
            catch (e) { failed = [e.name, e.statusCode, e.error, e.message, e instanceof errors.StatusCodeError]; }
            return { echo: echo, status: full.statusCode, fullBody: typeof full.body, failed: failed };
            """);

        var echo = data["echo"]!;
        Assert.Equal("POST", (string?)echo["method"]);
        Assert.Equal("/echo?q=x%20y", (string?)echo["path"]);
        Assert.Equal("""{"a":1}""", (string?)echo["body"]);
        AssertHeader(echo, "accept", "application/json");
        AssertHeader(echo, "content-type", "application/json");
        AssertHeader(echo, "content-length", "7");
        AssertHeader(echo, "x-k", "v");
        Assert.Equal(200, (int)data["status"]!);
        Assert.Equal("string", (string?)data["fullBody"]);
        // What node prints for the same calls against a server answering 500 with "status 500".
        var failed = data["failed"]!.AsArray();
        Assert.Equal("StatusCodeError", (string?)failed[0]);
        Assert.Equal(500, (int)failed[1]!);
        Assert.Equal("status 500", (string?)failed[2]);
        Assert.Equal("500 - \"status 500\"", (string?)failed[3]);
        Assert.True((bool)failed[4]!);
    }

    [NpmFact]
    public async Task Axios_VerbsCreateInterceptorsAndErrors_UseTheHttpAdapter()
    {
        var data = await RunAsync("""
            var axios = require('axios');
            var posted = await axios.post(base + '/echo', { a: 1 }, { headers: { 'X-A': '1' } });
            var api = axios.create({ baseURL: base, headers: { 'x-inst': 'i' } });
            api.interceptors.request.use(function (c) { c.headers['x-int'] = 'yes'; return c; });
            api.interceptors.response.use(function (r) { r.data.intercepted = true; return r; });
            var got = await api.get('/echo', { params: { p: 1 } });
            var failed;
            try { await axios.get(base + '/status/404'); } catch (e) { failed = [e.response.status, e.response.data, e.message, e.code]; }
            return { status: posted.status, posted: posted.data, got: got.data, failed: failed };
            """);

        Assert.Equal(200, (int)data["status"]!);
        var posted = data["posted"]!;
        Assert.Equal("POST", (string?)posted["method"]);
        Assert.Equal("""{"a":1}""", (string?)posted["body"]);
        AssertHeader(posted, "content-type", "application/json");
        AssertHeader(posted, "user-agent", "axios/1.7.9");
        AssertHeader(posted, "accept", "application/json, text/plain, */*");
        AssertHeader(posted, "accept-encoding", "gzip, compress, deflate, br");
        AssertHeader(posted, "x-a", "1");
        var got = data["got"]!;
        Assert.Equal("GET", (string?)got["method"]);
        Assert.Equal("/echo?p=1", (string?)got["path"]);
        AssertHeader(got, "x-inst", "i");
        AssertHeader(got, "x-int", "yes");
        Assert.True((bool)got["intercepted"]!);
        Assert.Equal("""[404,"status 404","Request failed with status code 404","ERR_BAD_REQUEST"]""", data["failed"]!.ToJsonString());
    }

    [NpmFact]
    public async Task NodeFetch2_PostAndGzip_SendsItsHeadersAndDecodesTheBody()
    {
        var data = await RunAsync("""
            var fetch = require('node-fetch');
            var r = await fetch(base + '/echo', { method: 'POST', body: 'nf', headers: { 'content-type': 'text/plain' } });
            var g = await fetch(base + '/gzip');
            return { status: r.status, echo: await r.json(), gzip: await g.text(), isResponse: r instanceof fetch.Response };
            """);

        Assert.Equal(200, (int)data["status"]!);
        Assert.Equal("compressed hello", (string?)data["gzip"]);
        Assert.True((bool)data["isResponse"]!);
        var echo = data["echo"]!;
        Assert.Equal("POST", (string?)echo["method"]);
        Assert.Equal("nf", (string?)echo["body"]);
        AssertHeader(echo, "user-agent", "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)");
        AssertHeader(echo, "accept-encoding", "gzip,deflate");
        AssertHeader(echo, "content-type", "text/plain");
    }

    [NpmFact]
    public async Task NodeFetch2_ChunkedBodyCutShort_RejectsWithPrematureClose()
    {
        // node-fetch 2 finds a cut chunked body by the socket's 'data' listener still being there at the response's
        // close (Node's parser); without it the body's promise never settled and the hook timed out.
        // A server that sends part of a chunked body and closes its side cleanly (no reset).
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var serving = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[8192];
            var received = "";
            while (!received.Contains("\r\n\r\n", StringComparison.Ordinal))
                received += Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer));
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n{\"partial\":\r\n"));
            await stream.FlushAsync();
            await Task.Delay(50);
            client.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
            await Task.Delay(200);
        });

        var data = await RunAsync($$"""
            var fetch = require('node-fetch');
            var r = await fetch('http://127.0.0.1:{{port}}/cut');
            return await r.json().then(function () { return 'parsed'; }, function (e) { return [e.name, e.code, e.message]; });
            """);
        await serving;

        Assert.Equal($$"""["FetchError","ERR_STREAM_PREMATURE_CLOSE","Invalid response body while trying to fetch http://127.0.0.1:{{port}}/cut: Premature close"]""", data.ToJsonString());
    }

    [NpmFact]
    public async Task NodeFetch3_EsModulePackage_ImportedAndRequired_PostsAndDecodesGzip()
    {
        // node-fetch 3 ships ES modules only: import() and require() (Node 20.20's require(esm)) both load it.
        var data = await RunAsync("""
            var fetch = (await import('node-fetch-v3')).default;
            var required = require('node-fetch-v3');
            var r = await fetch(base + '/echo', { method: 'POST', body: 'nf3', headers: { 'content-type': 'text/plain' } });
            var g = await required.default(base + '/gzip');
            return { status: r.status, echo: await r.json(), gzip: await g.text(), same: required.default === fetch, isResponse: r instanceof required.Response };
            """);

        Assert.Equal(200, (int)data["status"]!);
        Assert.Equal("compressed hello", (string?)data["gzip"]);
        Assert.True((bool)data["same"]!);
        Assert.True((bool)data["isResponse"]!);
        var echo = data["echo"]!;
        Assert.Equal("POST", (string?)echo["method"]);
        Assert.Equal("nf3", (string?)echo["body"]);
        Assert.StartsWith("node-fetch", (string?)echo["headers"]!["user-agent"], StringComparison.Ordinal);
    }

    [NpmFact]
    public async Task Got11_PostJson_SendsItsHeadersAndParsesTheResponse()
    {
        var data = await RunAsync("""
            var got = require('got');
            var r = await got.post(base + '/echo', { json: { g: 1 }, responseType: 'json', headers: { 'x-g': '1' } });
            var failed;
            try { await got(base + '/status/500', { retry: 0 }); } catch (e) { failed = [e.name, e.response.statusCode, e.response.body]; }
            return { status: r.statusCode, echo: r.body, failed: failed };
            """);

        Assert.Equal(200, (int)data["status"]!);
        var echo = data["echo"]!;
        Assert.Equal("POST", (string?)echo["method"]);
        Assert.Equal("""{"g":1}""", (string?)echo["body"]);
        AssertHeader(echo, "user-agent", "got (https://github.com/sindresorhus/got)");
        AssertHeader(echo, "content-type", "application/json");
        AssertHeader(echo, "x-g", "1");
        Assert.Equal("""["HTTPError",500,"status 500"]""", data["failed"]!.ToJsonString());
    }

    [NpmFact]
    public async Task Superagent_PostSendSet_SendsJsonAndParsesTheResponse()
    {
        var data = await RunAsync("""
            var superagent = require('superagent');
            var r = await superagent.post(base + '/echo').send({ s: 1 }).set('X-S', '1').query({ q: 2 });
            return { status: r.status, echo: r.body };
            """);

        Assert.Equal(200, (int)data["status"]!);
        var echo = data["echo"]!;
        Assert.Equal("POST", (string?)echo["method"]);
        Assert.Equal("/echo?q=2", (string?)echo["path"]);
        Assert.Equal("""{"s":1}""", (string?)echo["body"]);
        AssertHeader(echo, "content-type", "application/json");
        AssertHeader(echo, "x-s", "1");
    }

    [NpmFact]
    public async Task Unirest_PostJson_CallbackSeesTheResponse()
    {
        var data = await RunAsync("""
            var unirest = require('unirest');
            return await new Promise(function (resolve) {
              unirest.post(base + '/echo').headers({ 'Content-Type': 'application/json', 'X-U': 'u' }).send({ u: 1 }).end(function (res) {
                resolve({ status: res.status, echo: res.body, error: res.error ? String(res.error) : null });
              });
            });
            """);

        Assert.Equal(200, (int)data["status"]!);
        Assert.Null(data["error"]);
        var echo = data["echo"]!;
        Assert.Equal("POST", (string?)echo["method"]);
        Assert.Equal("""{"u":1}""", (string?)echo["body"]);
        AssertHeader(echo, "x-u", "u");
        AssertHeader(echo, "content-type", "application/json");
    }

    [NpmFact]
    public async Task SlackWebhook_Send_PostsTheMessage()
    {
        var data = await RunAsync("""
            var IncomingWebhook = require('@slack/webhook').IncomingWebhook;
            var hook = new IncomingWebhook(base + '/echo', { username: 'hooks' });
            var r = await hook.send({ text: 'user signed up' });
            return r.text;
            """);

        Assert.Equal("POST", (string?)data["method"]);
        Assert.Equal("/echo", (string?)data["path"]);
        Assert.Equal("""{"username":"hooks","text":"user signed up"}""", (string?)data["body"]);
        AssertHeader(data, "content-type", "application/json");
    }

    [NpmFact]
    public async Task SlackNotify_Send_PostsToTheHttpsWebhook()
    {
        // slack-notify only speaks https: the host's HTTP mocks answer it (the same path as the network's).
        var mocks = HttpMockSet.Parse("""{ "rules": [ { "method": "POST", "url": "https://hooks.slack.com/services/T0/B0/X", "status": 200, "body": "ok" } ] }""");
        var script = """
            module.exports = async function (cb) {
              var slack = require('slack-notify')('https://hooks.slack.com/services/T0/B0/X');
              try { await slack.send({ channel: '#signups', text: 'new user' }); cb(null, 'sent'); } catch (e) { cb(e); }
            };
            """;

        var result = await _executor.ExecuteAsync(new ExecutionRequest(script, [], Limits, installed.Graph) { HttpMocks = mocks });

        Assert.Equal("sent", result.AssertSuccess()!.GetValue<string>());
        var record = Assert.Single(result.Requests);
        Assert.Equal("POST", record.Method);
        Assert.Equal("https://hooks.slack.com/services/T0/B0/X", record.Url);
        Assert.True(record.Mocked);
        var sent = JsonNode.Parse(record.RequestBody!)!;
        Assert.Equal("#signups", (string?)sent["channel"]);
        Assert.Equal("new user", (string?)sent["text"]);
    }

    /// <summary>The HTTP clients, installed once by npm (no install scripts) for the class.</summary>
    public sealed class InstalledClients() : NpmInstalledPackages("http-packages",
        ["request@2.88.2", "request-promise@4.2.6", "axios@1.7.9", "node-fetch@2.7.0", "node-fetch-v3@npm:node-fetch@3.3.2",
         "got@11.8.6", "superagent@9.0.2", "unirest@0.6.0", "slack-notify@2.0.7", "@slack/webhook@7.0.4"], TimeSpan.FromMinutes(5));
}
