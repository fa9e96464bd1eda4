using System.Net;
using System.Text;
using HooksDashboard.Execution;
using HooksDashboard.Execution.Http;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HooksDashboard.Tests.Execution.Http;

/// <summary><c>ClientRequest.write()</c> sends each chunk as it is written, as Node does, not all at <c>end()</c>.</summary>
public sealed class NodeHttpStreamingTests : IAsyncLifetime
{
    private readonly TaskCompletionSource<string> _firstChunk = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication _server = null!;
    private string _url = "";

    public async Task InitializeAsync()
    {
        // /first + /seen: /seen answers once /first received 6 body bytes. /all: answers with the whole body and its framing.
        (_server, _url) = await LoopbackHttpServer.StartAppAsync(async context =>
        {
            var framing = context.Request.Headers.TransferEncoding.ToString() + "|" + context.Request.Headers.ContentLength;
            if (context.Request.Path == "/first")
            {
                // Reports the first 6 body bytes to /seen as soon as they arrive, then reads the rest.
                var buffer = new byte[6];
                var read = 0;
                while (read < buffer.Length)
                {
                    var n = await context.Request.Body.ReadAsync(buffer.AsMemory(read), context.RequestAborted);
                    if (n == 0)
                        break;
                    read += n;
                }

                _firstChunk.TrySetResult(Encoding.UTF8.GetString(buffer, 0, read) + "|" + framing);
                using var rest = new StreamReader(context.Request.Body);
                await context.Response.WriteAsync(await rest.ReadToEndAsync(context.RequestAborted));
                return;
            }

            if (context.Request.Path == "/seen")
            {
                // Answers once /first received its first chunk: no clock, only the order of events.
                await context.Response.WriteAsync(await _firstChunk.Task.WaitAsync(context.RequestAborted));
                return;
            }

            using var reader = new StreamReader(context.Request.Body);
            await context.Response.WriteAsync(await reader.ReadToEndAsync(context.RequestAborted) + "|" + framing);
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Write_BeforeEnd_ReachesTheServerBeforeEndIsCalled()
    {
        // The hook ends its body only after the server reported its first chunk: possible only if 'hello ' was sent when written.
        var result = await HttpTestExecutors.Create().ExecuteAsync(new ExecutionRequest($$"""
            module.exports = function (cb) {
              var req = require('http').request('{{_url}}/first', { method: 'POST' }, function (res) {
                var body = '';
                res.setEncoding('utf8');
                res.on('data', function (d) { body += d; });
                res.on('end', function () { cb(null, [res.statusCode, seen, body]); });
              });
              var seen;
              req.on('error', function (e) { cb(e); });
              req.write('hello ');
              fetch('{{_url}}/seen').then(function (r) { return r.text(); }).then(function (t) { seen = t; req.end('world'); });
            };
            """, [], ExecutorTestExtensions.TestLimits));

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal(200, (int)data[0]!);
        Assert.Equal("hello |chunked|", (string?)data[1]);
        Assert.Equal("world", (string?)data[2]);
    }

    [Theory]
    [InlineData(false, "one two three|chunked|")]
    [InlineData(true, "one two three||13")]
    public async Task Write_SeveralChunksThenEnd_ServerGetsTheWholeBodyChunkedOrWithTheGivenLength(bool contentLength, string expected)
    {
        var headers = contentLength ? "{ 'content-length': 13 }" : "{}";
        var result = await HttpTestExecutors.Create().ExecuteAsync(new ExecutionRequest($$"""
            module.exports = function (cb) {
              var req = require('http').request('{{_url}}/all', { method: 'PUT', headers: {{headers}} }, function (res) {
                var body = '';
                res.on('data', function (d) { body += d; });
                res.on('end', function () { cb(null, body); });
              });
              req.on('error', function (e) { cb(e); });
              req.write('one ');
              setTimeout(function () { req.write('two '); req.end('three'); }, 5);
            };
            """, [], ExecutorTestExtensions.TestLimits));

        Assert.Equal(expected, (string?)result.AssertSuccess());
        Assert.Equal("one two three", Assert.Single(result.Requests).RequestBody);
    }

    [Fact]
    public async Task Write_OverTheRequestSizeLimit_FailsTheRequestWithTheLimitCode()
    {
        var limits = ExecutorTestExtensions.TestLimits with { MaxHttpRequestBytes = 8 };

        var result = await HttpTestExecutors.Create().ExecuteAsync(new ExecutionRequest($$"""
            module.exports = function (cb) {
              var req = require('http').request('{{_url}}/all', { method: 'POST' }, function () { cb(null, 'answered'); });
              req.on('error', function (e) { cb(null, [e.code, e.message]); });
              req.write('12345');
              setTimeout(function () { req.write('67890'); req.end(); }, 5);
            };
            """, [], limits));

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal("ERR_HOOKS_HTTP_REQUEST_TOO_LARGE", (string?)data[0]);
        Assert.Contains("over 8 bytes, the limit", (string?)data[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_StreamedBodyToAMock_MockAnswersOnceEndedAndTheBodyIsRecorded()
    {
        var mocks = HttpMockSet.Parse("""{ "rules": [ { "method": "POST", "url": "https://hooks.slack.example/*", "status": 200, "body": "ok" } ] }""");

        var result = await HttpTestExecutors.Create().ExecuteAsync(new ExecutionRequest("""
            module.exports = function (cb) {
              var req = require('https').request('https://hooks.slack.example/x', { method: 'POST' }, function (res) {
                var body = '';
                res.on('data', function (d) { body += d; });
                res.on('end', function () { cb(null, [res.statusCode, body]); });
              });
              req.write('{"text":');
              setTimeout(function () { req.end('"hi"}'); }, 5);
            };
            """, [], ExecutorTestExtensions.TestLimits) { HttpMocks = mocks });

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal("ok", (string?)data[1]);
        var record = Assert.Single(result.Requests);
        Assert.True(record.Mocked);
        Assert.Contains("\"hi\"", record.RequestBody, StringComparison.Ordinal);
    }
}
