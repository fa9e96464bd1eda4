using System.Net;
using System.Text;
using HooksDashboard.Execution;
using HooksDashboard.Tests.TestHelpers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HooksDashboard.Tests.Execution.Http;

/// <summary>
/// <c>Response.body</c> is a ReadableStream that delivers chunks as they arrive: the loopback server sends its first
/// chunk, then waits until the hook asks <c>/release</c>, which the hook can only do after reading that first chunk
/// from the body (so the body was not buffered to its end). Order of events is asserted, never time.
/// </summary>
public sealed class FetchStreamingTests : IAsyncLifetime
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _clientGone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication _server = null!;
    private string _url = "";

    public async Task InitializeAsync()
    {
        (_server, _url) = await LoopbackHttpServer.StartAppAsync(async context =>
        {
            switch (context.Request.Path.Value)
            {
                case "/stream":
                    // "one", then (after /release) "two" and the end; a client that goes away is reported.
                    await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("one"));
                    await context.Response.Body.FlushAsync();
                    try
                    {
                        await _release.Task.WaitAsync(context.RequestAborted);
                        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("two"), context.RequestAborted);
                        await context.Response.Body.FlushAsync(context.RequestAborted);
                        await Task.Delay(50, context.RequestAborted);
                        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("three"), context.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                        _clientGone.TrySetResult(true);
                    }

                    return;
                case "/release":
                    _release.TrySetResult();
                    await context.Response.WriteAsync("released");
                    return;
                case "/gone":
                    // Answers whether /stream's client went away (waits for it: no clock).
                    await context.Response.WriteAsync((await _clientGone.Task.WaitAsync(context.RequestAborted)).ToString());
                    return;
                default:
                    using (var reader = new StreamReader(context.Request.Body))
                    {
                        var body = await reader.ReadToEndAsync(context.RequestAborted);
                        await context.Response.WriteAsync(body + "|" + context.Request.ContentLength + "|" + context.Request.ContentType);
                    }

                    return;
            }
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ResponseBody_GetReader_DeliversTheFirstChunkBeforeTheServerEnds()
    {
        var result = await HttpTestExecutors.Create().ExecuteAsync(new ExecutionRequest($$"""
            module.exports = async function (cb) {
              const events = [];
              const res = await fetch('{{_url}}/stream');
              events.push(res.body instanceof ReadableStream ? 'stream' : 'no stream');
              const reader = res.body.getReader();
              const decoder = new TextDecoder();
              const first = await reader.read();
              events.push('read ' + decoder.decode(first.value));
              events.push(await (await fetch('{{_url}}/release')).text());
              for (;;) {
                const { value, done } = await reader.read();
                if (done) break;
                events.push('read ' + decoder.decode(value));
              }
              events.push('done ' + res.bodyUsed);
              cb(null, events.join(', '));
            };
            """, [], ExecutorTestExtensions.TestLimits));

        Assert.Equal("stream, read one, released, read two, read three, done true", (string?)result.AssertSuccess());
    }

    [Fact]
    public async Task ResponseBody_ForAwait_GetsEveryChunkAndTextIsThenRefused()
    {
        var result = await HttpTestExecutors.Create().ExecuteAsync(new ExecutionRequest($$"""
            module.exports = async function (cb) {
              const res = await fetch('{{_url}}/stream');
              const seen = [];
              let released = false;
              for await (const chunk of res.body) {
                seen.push(Buffer.from(chunk).toString());
                if (!released) { released = true; await fetch('{{_url}}/release'); }
              }
              const refused = await res.text().catch((e) => e.name + ': ' + e.message);
              cb(null, seen.join('') + ' | ' + refused);
            };
            """, [], ExecutorTestExtensions.TestLimits));

        Assert.Equal("onetwothree | TypeError: Body is unusable: Body has already been read", (string?)result.AssertSuccess());
    }

    [Fact]
    public async Task ResponseBody_AbortedMidStream_ReadRejectsAndTheConnectionIsClosed()
    {
        var result = await HttpTestExecutors.Create().ExecuteAsync(new ExecutionRequest($$"""
            module.exports = async function (cb) {
              const controller = new AbortController();
              const res = await fetch('{{_url}}/stream', { signal: controller.signal });
              const reader = res.body.getReader();
              const first = Buffer.from((await reader.read()).value).toString();
              controller.abort();
              const error = await reader.read().then(() => 'no error', (e) => e.name);
              const gone = await (await fetch('{{_url}}/gone')).text();
              cb(null, [first, error, gone].join(' '));
            };
            """, [], ExecutorTestExtensions.TestLimits));

        Assert.Equal("one AbortError True", (string?)result.AssertSuccess());
    }

    [Fact]
    public async Task ResponseBody_CancelledByBreak_ClosesTheConnection()
    {
        var result = await HttpTestExecutors.Create().ExecuteAsync(new ExecutionRequest($$"""
            module.exports = async function (cb) {
              const res = await fetch('{{_url}}/stream');
              for await (const chunk of res.body) break;
              cb(null, await (await fetch('{{_url}}/gone')).text());
            };
            """, [], ExecutorTestExtensions.TestLimits));

        Assert.Equal("True", (string?)result.AssertSuccess());
    }

    [Fact]
    public async Task Fetch_WithAReadableStreamBody_SendsItsBytesAndRequiresDuplexHalf()
    {
        var result = await HttpTestExecutors.Create().ExecuteAsync(new ExecutionRequest($$"""
            module.exports = async function (cb) {
              const body = () => new ReadableStream({
                start(c) { c.enqueue(new TextEncoder().encode('hello ')); c.enqueue(new TextEncoder().encode('world')); c.close(); },
              });
              const refused = await fetch('{{_url}}/echo', { method: 'POST', body: body() }).catch((e) => e.name + ': ' + e.message);
              const res = await fetch('{{_url}}/echo', { method: 'POST', body: body(), duplex: 'half', headers: { 'content-type': 'text/plain' } });
              cb(null, [refused, await res.text()]);
            };
            """, [], ExecutorTestExtensions.TestLimits));

        var data = result.AssertSuccess()!.AsArray();
        Assert.Equal("TypeError: RequestInit: duplex option is required when sending a body.", (string?)data[0]);
        // Sent as undici sends a stream body: chunked, no content-length (HttpStreamingNodeParityTests compares it with node).
        Assert.Equal("hello world||text/plain", (string?)data[1]);
    }

    [Fact]
    public async Task Response_FromAReadableStream_TextCloneAndBodyAsNodeHasThem()
    {
        var result = await HttpTestExecutors.Create().ExecuteAsync(new ExecutionRequest("""
            module.exports = async function (cb) {
              const make = () => new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('hi')); c.close(); } });
              const s = make();
              const r = new Response(s);
              const same = r.body === s;
              const copy = r.clone();
              const texts = await Promise.all([r.text(), copy.text()]);
              const locked = make();
              locked.getReader();
              let error;
              try { new Response(locked); } catch (e) { error = e.message; }
              cb(null, [same, texts.join('+'), r.bodyUsed, error]);
            };
            """, [], ExecutorTestExtensions.TestLimits));

        var data = result.AssertSuccess()!.AsArray();
        Assert.True((bool)data[0]!);
        Assert.Equal("hi+hi", (string?)data[1]);
        Assert.True((bool)data[2]!);
        Assert.Equal("Response body object should not be disturbed or locked", (string?)data[3]);
    }
}
