using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Http;

/// <summary>
/// Node's <c>http</c>/<c>https</c> clients against Node 20: each case runs the same code as a hook and in <c>node</c>,
/// both against the same loopback server (whose <c>/echo</c> returns the request it received), and what they return
/// must be the same JSON: the request as the server saw it, the response as the script saw it, and the order of
/// events. Without node the case is skipped silently (NodeHttpTests still run).
/// </summary>
public sealed class NodeHttpParityTests : IAsyncLifetime
{
    private LoopbackHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackHttpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string> Cases => [.. Snippets.Keys];

    // Helpers both sides share: a request's events in order and its response, read as text.
    private const string Prelude = """
        var http = require('http'), https = require('https');
        function wait(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }
        function track(req, events) {
          ['socket', 'finish', 'close', 'abort', 'timeout'].forEach(function (e) { req.on(e, function () { events.push(e); }); });
          req.on('error', function (e) { events.push(['error', e.name, e.code, e.message.replace(String(closedPort), 'PORT')]); });
          return req;
        }
        function exchange(make) {
          return new Promise(function (resolve) {
            var events = [];
            var req = make(function (res) {
              events.push('response');
              var body = '';
              res.setEncoding('utf8');
              res.on('data', function (d) { body += d; });
              res.on('end', function () { events.push('end'); });
              res.on('close', function () {
                events.push('res close');
                setTimeout(function () {
                  var headers = {};
                  Object.keys(res.headers).sort().forEach(function (k) { if (k !== 'date' && k !== 'server') headers[k] = res.headers[k]; });
                  resolve({ events: events, status: res.statusCode, message: res.statusMessage, headers: headers, complete: res.complete,
                    body: /json/.test(res.headers['content-type']) ? JSON.parse(body) : body });
                }, 20);
              });
            });
            track(req, events);
            req.on('error', function () { setTimeout(function () { resolve({ events: events }); }, 20); });
          });
        }
        """;

    private static readonly Dictionary<string, string> Snippets = new()
    {
        ["get-url-string"] = """
            return await exchange(function (cb) { return http.get(base + '/echo?a=1&b=%20', cb); });
            """,
        ["post-end-with-body"] = """
            return await exchange(function (cb) {
              var r = http.request(base + '/echo', { method: 'POST', headers: { 'X-Up': 'A', 'content-type': 'application/json' } }, cb);
              r.end(JSON.stringify({ a: 'é' }));
              return r;
            });
            """,
        ["post-without-body-sends-zero-length"] = """
            return await exchange(function (cb) { var r = http.request(base + '/echo', { method: 'post' }, cb); r.end(); return r; });
            """,
        ["get-and-delete-with-empty-writes-send-no-framing"] = """
            // Stripe's retrieve and delete: write('') once the socket connected, then end(): Node sends no body framing.
            var out = [];
            var methods = ['GET', 'DELETE', 'OPTIONS'];
            for (var i = 0; i < methods.length; i++) {
              out.push(await exchange(function (cb) {
                var r = http.request(base + '/echo', { method: methods[i] }, cb);
                r.once('socket', function (s) { var go = function () { r.write(''); r.end(); }; if (s.connecting) s.once('connect', go); else go(); });
                return r;
              }));
            }
            return out;
            """,
        ["put-writes-are-chunked"] = """
            return await exchange(function (cb) {
              var r = http.request(base + '/echo', { method: 'PUT' }, cb);
              r.write('he'); r.write(Buffer.from('ll')); r.end('o', 'utf8');
              return r;
            });
            """,
        ["options-object-agent-false-auth"] = """
            var u = new URL(base);
            return await exchange(function (cb) {
              var r = http.request({ hostname: u.hostname, port: u.port, path: '/echo?x=y', method: 'DELETE', agent: false, auth: 'user:pa ss' }, cb);
              r.end();
              return r;
            });
            """,
        ["url-object-with-options"] = """
            return await exchange(function (cb) { return http.get(new URL(base + '/echo?u=1'), { headers: { 'x-q': 'z', accept: 'text/plain' } }, cb); });
            """,
        ["gzip-body-is-not-decoded"] = """
            var res = await new Promise(function (resolve) { http.get(base + '/gzip', resolve); });
            var chunks = [];
            for await (var chunk of res) chunks.push(chunk);
            var body = Buffer.concat(chunks);
            return [res.headers['content-encoding'], body[0], body[1], require('zlib').gunzipSync(body).toString()];
            """,
        ["abort-in-response-callback"] = """
            var events = [];
            await new Promise(function (resolve) {
              var req = http.get(base + '/chunked/300000', function (res) {
                events.push('response');
                res.on('aborted', function () { events.push('aborted'); });
                res.on('end', function () { events.push('end'); });
                res.on('close', function () { events.push('res close'); setTimeout(resolve, 20); });
                req.abort();
              });
              track(req, events);
            });
            return events;
            """,
        ["destroy-after-response"] = """
            var out = [];
            for (var how of ['req.destroy(err)', 'res.destroy(err) then listen', 'res.destroy()']) {
              var events = [];
              await new Promise(function (resolve) {
                var req = http.get(base + '/chunked/300000', function (res) {
                  events.push('response');
                  res.on('aborted', function () { events.push('res aborted'); });
                  res.on('close', function () { events.push('res close'); setTimeout(resolve, 30); });
                  if (how === 'req.destroy(err)') req.destroy(new Error('mine'));
                  if (how === 'res.destroy(err) then listen') { res.destroy(new Error('late')); res.on('error', function (e) { events.push('res error ' + e.message); }); }
                  if (how === 'res.destroy()') res.destroy();
                });
                req.on('error', function (e) { events.push('req error ' + e.message); });
                req.on('close', function () { events.push('req close'); });
              });
              out.push([how, events.join(', ')]);
            }
            return out;
            """,
        ["redirect-is-not-followed"] = """
            var r = await exchange(function (cb) { return http.get(base + '/redirect?to=/echo&status=301', cb); });
            return [r.status, r.message, r.headers.location, r.body, r.events];
            """,
        ["duplicate-response-headers"] = """
            var res = await new Promise(function (resolve) { http.get(base + '/cookies', resolve); });
            res.resume();
            var raw = [];
            for (var i = 0; i < res.rawHeaders.length; i += 2) if (/cookie|multi/i.test(res.rawHeaders[i])) raw.push(res.rawHeaders[i].toLowerCase(), res.rawHeaders[i + 1]);
            return [res.headers['set-cookie'], res.headers['x-multi'], res.headersDistinct['x-multi'], raw, res.httpVersion];
            """,
        ["statuses"] = """
            var out = [];
            for (var code of [201, 204, 404, 500]) {
              var r = await exchange(function (cb) { return http.get(base + '/status/' + code, cb); });
              out.push([r.status, r.message, r.body]);
            }
            return out;
            """,
        ["connection-refused"] = """
            var events = [];
            var error;
            await new Promise(function (resolve) {
              track(http.get('http://127.0.0.1:' + closedPort + '/'), events).on('error', function (e) { error = e; }).on('close', resolve);
            });
            return [events, error.errno, error.syscall, error.address, error.port === closedPort];
            """,
        ["abort-before-the-socket"] = """
            var events = [];
            var r = track(http.get(base + '/hang'), events);
            r.abort();
            await wait(50);
            return [events, r.aborted, r.destroyed];
            """,
        ["destroy-before-and-with-error"] = """
            var a = [], b = [];
            track(http.get(base + '/hang'), a).destroy();
            track(http.get(base + '/hang'), b).destroy(new Error('mine'));
            await wait(50);
            return [a, b];
            """,
        ["abort-while-waiting"] = """
            var events = [];
            var r = track(http.get(base + '/hang'), events);
            r.on('socket', function () { setTimeout(function () { r.abort(); }, 30); });
            await wait(150);
            return events.filter(function (e) { return e !== 'finish'; });
            """,
        ["timeout-option-and-set-timeout"] = """
            var a = [], b = [];
            var r1 = track(http.get(base + '/hang', { timeout: 40 }), a);
            r1.on('timeout', function () { r1.destroy(); });
            var r2 = track(http.get(base + '/hang'), b);
            r2.setTimeout(40, function () { b.push('callback'); r2.destroy(); });
            await wait(300);
            var keep = function (e) { return e !== 'finish'; };
            return [a.filter(keep), b.filter(keep), r1.timeout, r2.timeout];
            """,
        ["argument-errors"] = """
            var out = [];
            var attempts = [
              function () { http.get('https://127.0.0.1/'); },
              function () { https.get('http://127.0.0.1/'); },
              function () { http.request({ path: '/a b' }); },
              function () { http.request({ method: 'BAD METHOD' }); },
              function () { http.request({ method: 5 }); },
              function () { http.request({ agent: 5 }); },
              function () { http.validateHeaderName('a b'); },
              function () { http.validateHeaderValue('x', 'a\nb'); },
              function () { http.validateHeaderValue('x', undefined); },
              function () { http.request(base, { headers: { 'bad name': '1' } }); },
            ];
            attempts.forEach(function (f) { try { f(); out.push('no error'); } catch (e) { out.push([e.name, e.code, e.message]); } });
            return out;
            """,
        ["outgoing-header-api"] = """
            var out = [];
            var q = http.request(base + '/echo', { method: 'POST', headers: { 'X-A': 'one' } });
            q.setHeader('X-B', 3);
            q.setHeader('x-c', ['1', '2']);
            out.push(q.getHeader('x-b'), q.getHeader('X-C'), q.hasHeader('X-A'), q.getHeaderNames(), q.getRawHeaderNames(), q.headersSent, q.path, q.method, q.host, q.protocol);
            q.removeHeader('x-c');
            out.push(Object.keys(q.getHeaders()), q.getHeaders()['x-b']);
            q.write('a');
            out.push(q.headersSent);
            try { q.setHeader('y', '1'); } catch (e) { out.push(e.code, e.message); }
            var echo = await new Promise(function (resolve) {
              q.on('response', function (res) { var s = ''; res.on('data', function (d) { s += d; }); res.on('end', function () { resolve(JSON.parse(s)); }); });
              q.end('b');
            });
            out.push(echo.headers, echo.body);
            var late = await new Promise(function (resolve) { q.on('error', function () {}); q.write('late', resolve); });
            out.push(late.code, late.message);
            return out;
            """,
        ["agents-and-constants"] = """
            var agent = new http.Agent({ keepAlive: true, maxSockets: 5 });
            var echo = await exchange(function (cb) { return http.get(base + '/echo', { agent: agent }, cb); });
            class MyAgent extends https.Agent {}
            return [echo.body.headers.connection, agent.keepAlive, agent.maxSockets, http.globalAgent.keepAlive, http.globalAgent.defaultPort,
              https.globalAgent.defaultPort, https.globalAgent.protocol, new http.Agent().keepAlive, new MyAgent() instanceof http.Agent,
              http.STATUS_CODES[418], http.STATUS_CODES[999], http.METHODS.indexOf('PATCH') >= 0, typeof http.ClientRequest, typeof http.IncomingMessage,
              http.get(base + '/echo').on('error', function () {}) instanceof http.ClientRequest,
              https.request('https://127.0.0.1:' + closedPort + '/').on('error', function () {}) instanceof http.ClientRequest];
            """,
        ["response-is-a-readable-stream"] = """
            var res = await new Promise(function (resolve) { http.get(base + '/bytes/40000', resolve); });
            var out = [res.readable, res instanceof require('stream').Readable, res instanceof http.IncomingMessage];
            var total = 0, reads = 0;
            await new Promise(function (resolve) {
              res.on('readable', function () { var c; while ((c = res.read()) !== null) { total += c.length; reads++; } });
              res.on('end', resolve);
            });
            out.push(total, reads > 0, res.complete, res.readableEnded);
            return out;
            """,
        ["response-without-listener-is-dumped"] = """
            var events = [];
            var g = track(http.get(base + '/echo'), events);
            var r = http.request(base + '/echo', { method: 'POST' });
            var finished = [];
            r.on('finish', function () { finished.push('finish'); });
            r.end('x', function () { finished.push('end callback'); });
            await Promise.all([new Promise(function (resolve) { g.on('close', resolve); }), new Promise(function (resolve) { r.on('close', resolve); })]);
            return [events, finished];
            """,
        ["body-written-on-connect"] = """
            // stripe-node 4 writes the body only when the socket connects ('secureConnect'; 'connect' over http).
            return await exchange(function (cb) {
              var r = http.request(base + '/echo', { method: 'POST', headers: { 'content-length': 5 } }, cb);
              r.on('socket', function (s) {
                r.socketWasConnecting = s.connecting;
                s.on('connect', function () { r.write('a=b&c'); r.end(); });
              });
              return r;
            }).then(function (result) { return [result.events, result.status, result.body.body]; });
            """,
        ["server-closes-without-response"] = """
            var first = await exchange(function (cb) { return http.get(base + '/close', cb); });
            var fetched = await fetch(base + '/close').then(function () { return 'answered'; }, function (e) {
              return [e.name, e.message, e.cause && e.cause.message, e.cause && e.cause.code];
            });
            return [first, fetched];
            """,
        ["request-headers-as-raw-array"] = """
            return await exchange(function (cb) {
              var r = http.request(base + '/echo', { method: 'POST', headers: ['X-Raw', 'v', 'Host', 'example.test', 'Content-Length', '2'] }, cb);
              r.end('ab');
              return r;
            });
            """,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HttpClient_Case_SameAsNode(string name)
    {
        var closedPort = LoopbackPorts.ClosedTcp();
        var prefix = $"var base = '{_server.Url}'; var closedPort = {closedPort};\n" + Prelude + "\n";
        var snippet = Snippets[name];

        var result = await HttpTestExecutors.Create().RunBodyAsync(prefix + snippet);
        var actual = result.AssertSuccess()?.ToJsonString() ?? "null";

        var node = await Task.Run(() => NodeOracle.RunCode(
            prefix + "(async function () {\n" + snippet + "\n})().then(function (v) { process.stdout.write(JSON.stringify(v === undefined ? null : v)); process.exit(0); }, function (e) { process.stdout.write('REJECTED ' + e); process.exit(0); });"));
        if (node is null)
            return;
        Assert.Equal(JsonNode.Parse(node)!.ToJsonString(), actual);
    }
}
