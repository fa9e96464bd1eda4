using HooksDashboard.Execution;
using HooksDashboard.Execution.Http;
using HooksDashboard.Tests.TestHelpers;

namespace HooksDashboard.Tests.Execution.Http;

/// <summary>
/// Backpressure both ways, observed by the server: a response the hook does not read stops the server's writes (the
/// host stops reading the connection) until the hook reads; a request body the server does not read makes
/// <c>write()</c> return false, and <c>'drain'</c> comes once the server reads. Amounts and order only, no clock:
/// the hook polls the server until its count stops moving, and the assertion holds however long it waits.
/// </summary>
public sealed class HttpBackpressureTests : IAsyncLifetime
{
    private const int BigBody = 16 * 1024 * 1024;

    // Far below the 16 MiB body: the socket buffers (the server's fixed 16 KiB, the client's receive buffer), the
    // host's 64 KiB window and the script's stream buffer. Without backpressure the whole body is accepted.
    private const int PausedBound = 4 * 1024 * 1024;

    private static readonly ExecutionLimits Limits = ExecutorTestExtensions.TestLimits with
    {
        TimeoutMs = 60_000,
        HttpTimeoutMs = 60_000,
        MaxHttpResponseBytes = 32 * 1024 * 1024,
        MaxHttpRequestBytes = 128 * 1024 * 1024,
        MaxHttpRequests = 1_000,
    };

    // settle(): polls /progress until it has not moved for 5 polls in a row; returns the count.
    private const string Prelude = """
        var http = require('http');
        function wait(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }
        function get(path) {
          return new Promise(function (resolve, reject) {
            http.get(base + path, function (res) { var s = ''; res.setEncoding('utf8'); res.on('data', function (d) { s += d; }); res.on('end', function () { resolve(s); }); }).on('error', reject);
          });
        }
        async function settle() {
          var last = -1, same = 0;
          while (same < 5) { var now = Number(await get('/progress')); same = now === last ? same + 1 : 0; last = now; await wait(20); }
          return last;
        }
        """;

    private StreamingHttpServer _server = null!;

    public Task InitializeAsync()
    {
        _server = StreamingHttpServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<ExecutionResult> RunAsync(string body) =>
        HttpTestExecutors.Create().RunBodyAsync($"var base = '{_server.Url}';\n" + Prelude + body, Limits);

    [Fact]
    public async Task IncomingMessage_PausedWhileTheServerWrites_ServerWritesStopUntilTheHookReads()
    {
        var result = await RunAsync($$"""
            var res = await new Promise(function (resolve) { http.get(base + '/big?size={{BigBody}}', resolve); });
            res.pause();
            var whilePaused = await settle();
            var total = 0;
            res.on('data', function (d) { total += d.length; });
            res.resume();
            await new Promise(function (resolve) { res.on('end', resolve); });
            return [whilePaused, total];
            """);

        var data = result.AssertSuccess()!.AsArray();
        Assert.InRange((long)data[0]!, 1, PausedBound);
        Assert.Equal(BigBody, (long)data[1]!);
        Assert.Equal(BigBody, _server.Accepted);
    }

    [Fact]
    public async Task FetchBody_ReaderNotReading_ServerWritesStopUntilTheBodyIsRead()
    {
        var result = await RunAsync($$"""
            var res = await fetch(base + '/big?size={{BigBody}}');
            var reader = res.body.getReader();
            var total = (await reader.read()).value.length;
            var whilePaused = await settle();
            for (;;) { var next = await reader.read(); if (next.done) break; total += next.value.length; }
            return [whilePaused, total];
            """);

        var data = result.AssertSuccess()!.AsArray();
        Assert.InRange((long)data[0]!, 1, PausedBound);
        Assert.Equal(BigBody, (long)data[1]!);
    }

    [Fact]
    public async Task ForAwait_SlowLoopBody_ServerIsNeverFarAheadOfTheLoop()
    {
        // Each turn of the loop asks the server how much it had accepted: never more than the buffers ahead of what the loop consumed.
        var result = await RunAsync($$"""
            var res = await new Promise(function (resolve) { http.get(base + '/big?size={{BigBody}}', resolve); });
            var total = 0, ahead = 0, turns = 0;
            for await (var chunk of res) {
              total += chunk.length;
              if (turns++ % 16 === 0) ahead = Math.max(ahead, Number(await get('/progress')) - total);
            }
            return [ahead, total];
            """);

        var data = result.AssertSuccess()!.AsArray();
        Assert.InRange((long)data[0]!, 0, PausedBound);
        Assert.Equal(BigBody, (long)data[1]!);
    }

    [Fact]
    public async Task Write_ServerNotReading_ReturnsFalseAndDrainsOnceTheServerReads()
    {
        // Writes 8 KiB chunks while write() says so and 'drain' follows; stops when a drain does not come (the
        // connection is full because the server reads nothing), then lets the server read and waits for the drain.
        var result = await RunAsync("""
            var chunk = Buffer.alloc(8192, 120);
            var req = http.request(base + '/stall', { method: 'POST' });
            var answer = new Promise(function (resolve, reject) {
              req.on('response', function (res) { var s = ''; res.setEncoding('utf8'); res.on('data', function (d) { s += d; }); res.on('end', function () { resolve(s); }); });
              req.on('error', reject);
            });
            var drains = 0;
            req.on('drain', function () { drains++; });
            function drained() { return new Promise(function (resolve) { req.once('drain', function () { resolve(true); }); }); }
            var written = 0, falses = 0, stalled = false;
            while (written < 64 * 1024 * 1024) {
              written += chunk.length;
              if (req.write(chunk)) continue;
              falses++;
              var came = await Promise.race([drained(), wait(300).then(function () { return false; })]);
              if (!came) { stalled = true; break; }
            }
            var before = drains;
            var release = get('/release');
            if (stalled) await drained();
            await release;
            req.end();
            return [stalled, falses > 0, drains > before || !stalled, written, await answer, req.writableNeedDrain];
            """);

        var data = result.AssertSuccess()!.AsArray();
        var written = (long)data[3]!;
        Assert.True((bool)data[1]!, "write() never returned false");
        Assert.True((bool)data[0]!, $"the writes never stalled ({written} bytes written)");
        Assert.True((bool)data[2]!, "no 'drain' after the server read");
        Assert.True(written < 64 * 1024 * 1024);
        Assert.Equal("got " + written, (string?)data[4]);
        Assert.False((bool)data[5]!);
        Assert.Equal(written, Assert.Single(result.Requests, r => r.Url.EndsWith("/stall", StringComparison.Ordinal)).RequestBytes);
    }

    [Fact]
    public async Task Write_BigChunksToAMock_DrainsAndTheMockSeesTheWholeBody()
    {
        var mocks = HttpMockSet.Parse("""{ "rules": [ { "method": "PUT", "url": "https://api.example/*", "status": 201, "body": "stored" } ] }""");

        var result = await HttpTestExecutors.Create().RunBodyAsync("""
            var req = require('https').request('https://api.example/files/1', { method: 'PUT' });
            var events = [];
            var answer = new Promise(function (resolve) {
              req.on('response', function (res) { events.push('response ' + res.statusCode); var s = ''; res.on('data', function (d) { s += d; }); res.on('end', function () { resolve(s); }); });
            });
            req.on('finish', function () { events.push('finish'); });
            events.push('write ' + req.write(Buffer.alloc(20000, 97)));
            await new Promise(function (resolve) { req.once('drain', resolve); });
            events.push('drain');
            events.push('write ' + req.write('tail'));
            req.end();
            return [events, await answer];
            """, mocks: mocks);

        Assert.Equal("""[["write false","drain","write true","finish","response 201"],"stored"]""", result.AssertSuccess()!.ToJsonString());
        var record = Assert.Single(result.Requests);
        Assert.True(record.Mocked);
        Assert.Equal(20004, record.RequestBytes);
    }

    [Fact]
    public async Task Fetch_ReadableStreamBodyToAMock_MockAnswersWithTheWholeBodyRecorded()
    {
        var mocks = HttpMockSet.Parse("""{ "rules": [ { "method": "POST", "url": "https://hooks.slack.example/*", "status": 200, "body": "ok" } ] }""");

        var result = await HttpTestExecutors.Create().RunBodyAsync("""
            var parts = ['{"text":', '"hi"}'];
            var body = new ReadableStream({ pull(c) { if (parts.length) c.enqueue(new TextEncoder().encode(parts.shift())); else c.close(); } });
            var res = await fetch('https://hooks.slack.example/x', { method: 'POST', body: body, duplex: 'half', headers: { 'content-type': 'application/json' } });
            return [res.status, await res.text()];
            """, mocks: mocks);

        Assert.Equal("""[200,"ok"]""", result.AssertSuccess()!.ToJsonString());
        var record = Assert.Single(result.Requests);
        Assert.True(record.Mocked);
        Assert.Equal("""{"text":"hi"}""", record.RequestBody);
    }

    [Fact]
    public async Task Fetch_ReadableStreamBodyOverTheSizeLimit_FailsWithTheLimitCode()
    {
        var limits = ExecutorTestExtensions.TestLimits with { MaxHttpRequestBytes = 8 };

        var result = await HttpTestExecutors.Create().RunBodyAsync($$"""
            var body = new ReadableStream({ pull(c) { c.enqueue(new TextEncoder().encode('12345')); } });
            try { await fetch('{{_server.Url}}/upload', { method: 'POST', body: body, duplex: 'half' }); return 'sent'; }
            catch (e) { return [e.message, e.cause.code, /over 8 bytes/.test(e.cause.message)]; }
            """, limits);

        Assert.Equal("""["fetch failed","ERR_HOOKS_HTTP_REQUEST_TOO_LARGE",true]""", result.AssertSuccess()!.ToJsonString());
    }

    [Fact]
    public async Task Fetch_ReadableStreamBodyFollowingA307_FailsAsUndiciDoes()
    {
        var result = await HttpTestExecutors.Create().RunBodyAsync($$"""
            var body = new ReadableStream({ pull(c) { c.enqueue(new TextEncoder().encode('abc')); c.close(); } });
            try { await fetch('{{_server.Url}}/redirect307', { method: 'POST', body: body, duplex: 'half' }); return 'followed'; }
            catch (e) { return [e.name, e.message, e.cause.code]; }
            """);

        Assert.Equal("""["TypeError","fetch failed","ERR_HOOKS_HTTP_REDIRECT"]""", result.AssertSuccess()!.ToJsonString());
    }
}
