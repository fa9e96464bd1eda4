using System.Text.Json.Nodes;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Http;

/// <summary>
/// The streaming paths of <c>http</c>/<c>https</c> and fetch against Node 20: each case runs the same script as a hook
/// and in <c>node</c>, both against one <see cref="StreamingHttpServer"/>, and both what the script returns (its
/// events in order: 'socket', 'drain', 'finish', 'response', 'data', 'end', 'close'; the bodies) and what the server
/// saw (method, path, transfer-encoding, content-length, every chunk's size, the body) must be the same. The server's
/// <c>/wait</c> makes chunk boundaries deterministic: a script writes its next chunk only once the server received the
/// previous one, which also shows the body streams (the server has chunk 1 before the script writes chunk 2).
/// The hook's side is asserted on its own first, so without node the expected framing is still checked.
/// </summary>
public sealed class HttpStreamingNodeParityTests : IAsyncLifetime
{
    private StreamingHttpServer _server = null!;

    public Task InitializeAsync()
    {
        _server = StreamingHttpServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string> Cases => [.. Snippets.Keys];

    private const string Prelude = """
        var http = require('http'), stream = require('stream');
        function wait(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }
        var events = [];
        function log(e) { if (e !== 'data' || events[events.length - 1] !== 'data') events.push(e); }
        function track(req) { ['socket', 'drain', 'finish', 'close'].forEach(function (e) { req.on(e, function () { log(e); }); }); return req; }
        function get(path) {
          return new Promise(function (resolve, reject) {
            http.get(base + path, function (res) { var s = ''; res.setEncoding('utf8'); res.on('data', function (d) { s += d; }); res.on('end', function () { resolve(s); }); }).on('error', reject);
          });
        }
        function collect(res) {
          return new Promise(function (resolve) {
            log('response');
            var s = '';
            res.setEncoding('utf8');
            res.on('data', function (d) { log('data'); s += d; });
            res.on('end', function () { log('end'); });
            res.on('close', function () { log('res close'); setTimeout(function () { resolve(s); }, 20); });
          });
        }
        """;

    // Each case: the script, and the requests the server must have seen from it (StreamingHttpServer.Received.Describe).
    private static readonly Dictionary<string, (string Script, string[] Seen)> Snippets = new()
    {
        ["http-write-over-time-is-chunked-as-written"] = ("""
            var body = await new Promise(function (resolve, reject) {
              var req = track(http.request(base + '/upload', { method: 'POST' }, function (res) { collect(res).then(resolve); }));
              req.on('error', reject);
              log('write ' + req.write('alpha'));
              get('/wait?n=1').then(function () { log('write ' + req.write('beta')); return get('/wait?n=2'); }).then(function () { req.end('gamma'); });
            });
            return [events, body];
            """, ["POST /upload te=chunked cl= chunks=[5,4,5] body=alphabetagamma"]),
        ["http-big-write-returns-false-then-drain"] = ("""
            var body = await new Promise(function (resolve, reject) {
              var req = track(http.request(base + '/upload', { method: 'PUT' }, function (res) { collect(res).then(resolve); }));
              req.on('error', reject);
              log('write ' + req.write(Buffer.alloc(40000, 97)) + ' ' + req.writableNeedDrain);
              req.once('drain', function () { log('write ' + req.write('b') + ' ' + req.writableNeedDrain); req.end('c'); });
            });
            return [events, body];
            """, ["PUT /upload te=chunked cl= chunks=[40000,1,1] body=" + new string('a', 40000) + "bc"]),
        ["pipeline-readable-into-request"] = ("""
            var body = await new Promise(function (resolve, reject) {
              var req = track(http.request(base + '/upload', { method: 'POST' }, function (res) { collect(res).then(resolve); }));
              stream.pipeline(stream.Readable.from([Buffer.from('a'), Buffer.from('bb'), Buffer.from('ccc')]), req, function (err) { log('pipeline ' + (err ? err.code : 'done')); });
            });
            return [events, body];
            """, ["POST /upload te=chunked cl= chunks=[1,2,3] body=abbccc"]),
        ["fetch-readable-stream-body-sends-chunks-as-yielded"] = ("""
            var parts = ['one', 'two!', 'three'], n = 0;
            var body = new ReadableStream({
              async pull(controller) {
                if (n > 0) await (await fetch(base + '/wait?n=' + n)).text();
                if (n < parts.length) controller.enqueue(new TextEncoder().encode(parts[n++])); else controller.close();
              },
            });
            var res = await fetch(base + '/upload', { method: 'POST', body: body, duplex: 'half' });
            return [res.status, await res.text()];
            """, ["POST /upload te=chunked cl= chunks=[3,4,5] body=onetwo!three"]),
        ["response-paused-then-resumed"] = ("""
            var res = await new Promise(function (resolve) { http.get(base + '/big?size=300000', resolve); });
            res.pause();
            var total = 0;
            res.on('data', function (d) { log('data'); total += d.length; });
            await wait(50);
            log('resume');
            res.resume();
            await new Promise(function (resolve) { res.on('end', resolve); });
            return [events, total, res.complete];
            """, ["GET /big?size=300000 te= cl= chunks=[] body="]),
        ["for-await-with-a-slow-loop-body"] = ("""
            var res = await new Promise(function (resolve) { http.get(base + '/big?size=200000', resolve); });
            var total = 0;
            for await (var chunk of res) { total += chunk.length; await wait(1); }
            var f = await fetch(base + '/big?size=150000');
            var fetched = 0;
            for await (var part of f.body) { fetched += part.length; await wait(1); }
            return [total, res.complete, fetched];
            """, ["GET /big?size=200000 te= cl= chunks=[] body=", "GET /big?size=150000 te= cl= chunks=[] body="]),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task StreamingCase_SameAsNode(string name)
    {
        var (script, seen) = Snippets[name];
        var prefix = $"var base = '{_server.Url}';\n" + Prelude + "\n";

        // A generous time limit: the first case of a run also pays the engine's warm-up, and the machine may be busy.
        var result = await HttpTestExecutors.Create().RunBodyAsync(prefix + script, ExecutorTestExtensions.TestLimits with { TimeoutMs = 30_000, HttpTimeoutMs = 30_000 });
        var actual = result.AssertSuccess()?.ToJsonString() ?? "null";
        var hookSaw = _server.Requests.Select(r => r.Describe()).ToArray();
        Assert.Equal(seen, hookSaw);

        _server.Reset();
        var node = await Task.Run(() => NodeOracle.RunCode(
            prefix + "(async function () {\n" + script + "\n})().then(function (v) { process.stdout.write(JSON.stringify(v === undefined ? null : v)); process.exit(0); }, function (e) { process.stdout.write('REJECTED ' + e); process.exit(0); });"));
        if (node is null)
            return;
        Assert.Equal(seen, _server.Requests.Select(r => r.Describe()).ToArray());
        Assert.Equal(JsonNode.Parse(node)!.ToJsonString(), actual);
    }
}
