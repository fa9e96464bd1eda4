using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// A Kestrel server on 127.0.0.1 and a random port for outbound-HTTP tests, answering a few fixed routes the way the
/// tests need: <c>/echo</c> (the request as JSON), <c>/status/{code}</c>, <c>/redirect?to=&amp;status=</c>,
/// <c>/cookies</c>, <c>/bytes/{n}</c>, <c>/chunked/{n}</c>, <c>/gzip</c>, <c>/encoded?e=codings</c>, <c>/slow/{ms}</c> and <c>/hang</c> (never answers
/// until the client gives up). Counts requests so a test can tell none reached it.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private WebApplication _app = null!;
    private int _requests;

    /// <summary>Base URL without a trailing slash, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; private set; } = "";

    public int Port => new Uri(Url).Port;

    /// <summary>Requests received so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Requests still being answered (a hanging one until its client disconnects).</summary>
    public int Open => Volatile.Read(ref _open);

    private int _open;

    public static async Task<LoopbackHttpServer> StartAsync()
    {
        var server = new LoopbackHttpServer();
        (server._app, server.Url) = await StartAppAsync(server.HandleAsync);
        return server;
    }

    /// <summary>
    /// Starts a Kestrel app on 127.0.0.1 and a random port that answers every request with <paramref name="handler"/>
    /// (a test's own server); returns it, started, and its base URL without a trailing slash. The caller disposes it.
    /// </summary>
    public static async Task<(WebApplication App, string Url)> StartAppAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        return (app, app.Urls.First().TrimEnd('/'));
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _open);
        try
        {
            await RouteAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    private static async Task RouteAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Path.Value ?? "/";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (segments.FirstOrDefault())
        {
            case "echo":
                {
                    using var reader = new StreamReader(request.Body, Encoding.UTF8);
                    var body = await reader.ReadToEndAsync();
                    var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
                    foreach (var (name, values) in request.Headers)
                    {
                        if (name.Equals("host", StringComparison.OrdinalIgnoreCase))
                            continue;
                        headers[name.ToLowerInvariant()] = values.ToString();
                    }
                    // undici's multipart boundary is random: the tests compare it blanked.
                    var type = headers.GetValueOrDefault("content-type");
                    if (type?.Contains("boundary=", StringComparison.Ordinal) == true)
                    {
                        var boundary = type[(type.IndexOf("boundary=", StringComparison.Ordinal) + 9)..];
                        headers["content-type"] = type.Replace(boundary, "BOUNDARY", StringComparison.Ordinal);
                        body = body.Replace(boundary, "BOUNDARY", StringComparison.Ordinal);
                    }
                    response.ContentType = "application/json";
                    response.Headers["x-echo"] = "1";
                    await response.WriteAsync(JsonSerializer.Serialize(new { method = request.Method, path = request.Path.Value + request.QueryString.Value, headers, body }));
                    return;
                }
            case "status":
                response.StatusCode = int.Parse(segments[1], System.Globalization.CultureInfo.InvariantCulture);
                await response.WriteAsync($"status {segments[1]}");
                return;
            case "redirect":
                response.StatusCode = request.Query.TryGetValue("status", out var status) ? int.Parse(status!, System.Globalization.CultureInfo.InvariantCulture) : 302;
                response.Headers.Location = request.Query["to"].ToString();
                return;
            case "cookies":
                response.Headers.Append("set-cookie", "a=1; Path=/");
                response.Headers.Append("set-cookie", "b=2; HttpOnly");
                response.Headers.Append("x-multi", "one");
                response.Headers.Append("x-multi", "two");
                await response.WriteAsync("cookies");
                return;
            case "bytes":
                {
                    var count = int.Parse(segments[1], System.Globalization.CultureInfo.InvariantCulture);
                    response.ContentType = "application/octet-stream";
                    response.ContentLength = count;
                    await response.Body.WriteAsync(Enumerable.Range(0, count).Select(i => (byte)(i % 251)).ToArray());
                    return;
                }
            case "chunked":
                {
                    var count = int.Parse(segments[1], System.Globalization.CultureInfo.InvariantCulture);
                    response.ContentType = "text/plain";
                    var chunk = Encoding.ASCII.GetBytes(new string('x', 1000));
                    for (var sent = 0; sent < count; sent += chunk.Length)
                    {
                        await response.Body.WriteAsync(chunk.AsMemory(0, Math.Min(chunk.Length, count - sent)));
                        await response.Body.FlushAsync();
                    }
                    return;
                }
            case "gzip":
                {
                    response.Headers.ContentEncoding = "gzip";
                    response.ContentType = "text/plain";
                    using var buffer = new MemoryStream();
                    using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
                        gzip.Write(Encoding.UTF8.GetBytes("compressed hello"));
                    await response.Body.WriteAsync(buffer.ToArray());
                    return;
                }
            case "encoded":
                {
                    // "compressed hello, …" encoded by each coding of ?e= in turn (gzip, x-gzip, deflate: zlib, deflateraw:
                    // raw deflate named deflate, br; anything else is sent as is under its name); ?e=gzip-empty: no bytes.
                    var codings = (context.Request.Query["e"].ToString()).Split(',');
                    var bytes = codings is ["gzip-empty"] ? [] : Encoding.UTF8.GetBytes("compressed hello, " + new string('z', 300) + " ünïcode");
                    foreach (var coding in codings)
                    {
                        using var buffer = new MemoryStream();
                        using (Stream encoder = coding switch
                        {
                            "gzip" or "x-gzip" => new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true),
                            "deflate" => new System.IO.Compression.ZLibStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true),
                            "deflateraw" => new System.IO.Compression.DeflateStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true),
                            "br" => new System.IO.Compression.BrotliStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true),
                            _ => new MemoryStream(),
                        })
                        {
                            if (coding is "gzip" or "x-gzip" or "deflate" or "deflateraw" or "br")
                                encoder.Write(bytes);
                        }

                        if (coding is "gzip" or "x-gzip" or "deflate" or "deflateraw" or "br")
                            bytes = buffer.ToArray();
                    }

                    response.Headers.ContentEncoding = string.Join(", ", codings.Select(c => c switch { "deflateraw" => "deflate", "gzip-empty" => "gzip", _ => c }));
                    response.ContentType = "text/plain; charset=utf-8";
                    response.ContentLength = bytes.Length;
                    if (!HttpMethods.IsHead(context.Request.Method))
                        await response.Body.WriteAsync(bytes);
                    return;
                }
            case "slow":
                await Task.Delay(int.Parse(segments[1], System.Globalization.CultureInfo.InvariantCulture), context.RequestAborted);
                await response.WriteAsync("slow");
                return;
            case "close":
                // The connection is dropped without a response.
                context.Abort();
                return;
            case "hang":
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }
                return;
            default:
                response.StatusCode = 404;
                await response.WriteAsync("not found");
                return;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
