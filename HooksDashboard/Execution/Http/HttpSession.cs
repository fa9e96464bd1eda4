using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace HooksDashboard.Execution.Http;

/// <summary>What a request reports back to the engine's thread.</summary>
internal enum HttpEventKind
{
    /// <summary>Status line and headers (after redirects were followed).</summary>
    Response,
    /// <summary>A chunk of the response body.</summary>
    Data,
    /// <summary>The body is complete.</summary>
    End,
    /// <summary>The request failed; no further event follows.</summary>
    Error,
    /// <summary>A streamed request body that was behind (a write returned false) has been written to the connection.</summary>
    Drain,
    /// <summary>A streamed request body has been written to the connection to its end (Node's <c>'finish'</c>); a socket's writing side has ended.</summary>
    Finish,
    /// <summary>A socket is connected (local and remote address, port and family in <see cref="HttpEvent.Headers"/>).</summary>
    Connect,
    /// <summary>A socket's TLS handshake is done (protocol, ALPN, authorized, error code, cipher, certificate in <see cref="HttpEvent.Headers"/>).</summary>
    Secure,
    /// <summary>A socket's chunk (its sequence number in <see cref="HttpEvent.Status"/>) is on the connection.</summary>
    Written,
    /// <summary>A name lookup's answer: family and address pairs in <see cref="HttpEvent.Headers"/>.</summary>
    Resolved,
}

/// <summary>A request's failure in Node's terms: <c>code</c> (ECONNREFUSED, ETIMEDOUT, EEGRESS, ...), message and the socket details Node adds.</summary>
internal sealed record HttpFailure(string Code, string Message, string? Syscall = null, string? Address = null, int? Port = null)
{
    /// <summary>The reason behind the code, for the record and the server's log only (a lookup's ENOTFOUND names no policy to the script).</summary>
    public string? Why { get; init; }
}

/// <summary>One event of one request, made on a pool thread and consumed on the engine's thread: only plain data.</summary>
internal sealed record HttpEvent(int Id, HttpEventKind Kind)
{
    public int Status { get; init; }

    public string? StatusText { get; init; }

    /// <summary>Header names (lower case) and values, alternating, in the order received.</summary>
    public string[]? Headers { get; init; }

    public string? Url { get; init; }

    public bool Redirected { get; init; }

    public byte[]? Data { get; init; }

    public HttpFailure? Failure { get; init; }

    /// <summary>A socket's event: which of the script's socket objects it belongs to (0 plain, 1 after a TLS upgrade).</summary>
    public int Generation { get; init; }
}

/// <summary>
/// A request as the script describes it. <paramref name="Node"/>: a request of Node's <c>http</c>/<c>https</c> module,
/// sent as Node sends it — no decompression, only the headers the script set (its <c>connection</c> and <c>host</c>
/// included; a <c>transfer-encoding: chunked</c> header sends the body chunked), response header names as received.
/// </summary>
/// <paramref name="Streamed"/>: a request whose body the script is still writing (<see cref="HttpSession.WriteBody"/>,
/// <see cref="HttpSession.EndBody"/>): a Node request written before <c>end()</c>, or a fetch whose body is a
/// <c>ReadableStream</c>; <paramref name="Body"/> is then null.
/// <param name="Tls">An https request's own TLS settings (Node's <c>ca</c>, client certificate, <c>rejectUnauthorized: false</c>);
/// null for the defaults: the system's roots and the name checked.</param>
internal sealed record HttpRequestSpec(string Method, string Url, IReadOnlyList<string> Headers, byte[]? Body, string Redirect, bool Node = false,
    bool Streamed = false, SocketTlsOptions? Tls = null);

/// <summary>
/// One invocation's outbound HTTP: starts requests on the shared <see cref="HttpTransport"/>, whose I/O runs on pool
/// threads without blocking any; every result comes back as an <see cref="HttpEvent"/> queued for the engine's thread,
/// which drains the queue in its event loop (<see cref="JintInvocation"/>) and waits on <see cref="WaitAsync"/> while
/// requests are pending. The engine is never touched from another thread. Enforces the per-invocation limits (request
/// count, body sizes, per-request timeout), answers from mocks, and records every request. <see cref="Complete"/>
/// cancels whatever is still running when the invocation ends.
/// </summary>
internal sealed partial class HttpSession : IDisposable
{
    private const int MaxRedirects = 20;
    private const int ChunkBytes = 16 * 1024;

    /// <summary>
    /// Response bytes read from the connection and queued for the script but not yet delivered to it: past this the
    /// connection is not read until the script takes some (a busy or sleeping script does not make the host buffer a
    /// whole body). The script pauses the request itself (<see cref="Pause"/>) when its own stream buffer is full.
    /// </summary>
    internal const int ResponseWindowBytes = 64 * 1024;

    private readonly HttpTransport _transport;
    private readonly HttpTransport.TransportPool _pool;
    private readonly ExecutionLimits _limits;
    private readonly HttpMockSet? _mocks;
    private readonly Func<double> _elapsedMs;
    private readonly CancellationTokenSource _cancel;
    private readonly ConcurrentQueue<HttpEvent> _events = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly List<HttpRequestRecord> _records = [];
    private readonly Lock _recordsLock = new();
    private bool _completed;

    // Engine-thread state: the requests whose events are still expected, by id.
    private readonly Dictionary<int, Exchange> _active = [];
    private int _started;

    /// <param name="egress">The hook's own egress policy on top of the global one; null for none. Its requests use
    /// that policy's connection pool only.</param>
    public HttpSession(HttpTransport transport, ExecutionLimits limits, HttpMockSet? mocks, Func<double> elapsedMs, CancellationToken invocationToken,
        HookEgressRules? egress = null)
    {
        _transport = transport;
        _pool = transport.PoolFor(egress);
        _limits = limits;
        _mocks = mocks;
        _elapsedMs = elapsedMs;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(invocationToken);
    }

    /// <summary>Whether any request still has events to deliver (keeps the event loop alive).</summary>
    public bool HasPending => _active.Count > 0 || ConnectionsPending || _lookups.Count > 0;

    /// <summary>Starts a request; its events will carry the returned id. Throws <see cref="HttpStartException"/> when a limit refuses it.</summary>
    public int Start(HttpRequestSpec spec, object target)
    {
        if (_completed)
            throw new HttpStartException("ERR_HOOKS_HTTP_ENDED", "The invocation has ended: no request can start");
        if (spec.Body is { Length: var size } && size > _limits.MaxHttpRequestBytes)
            throw new HttpStartException("ERR_HOOKS_HTTP_REQUEST_TOO_LARGE",
                $"The request body of {spec.Method} {HttpRequestRecord.RedactUrl(spec.Url)} is {size} bytes; the limit is {_limits.MaxHttpRequestBytes} bytes (Execution:Defaults:MaxHttpRequestBytes)");
        if (!TryCount())
            throw new HttpStartException("ERR_HOOKS_HTTP_LIMIT", RequestLimitMessage(spec.Method, spec.Url));

        var exchange = new Exchange(NextId(), spec, target, CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token), _elapsedMs())
        {
        };
        if (spec.Streamed)
            exchange.Streaming = new StreamingRequestBody(_limits.MaxHttpRequestBytes,
                () => Post(new HttpEvent(exchange.Id, HttpEventKind.Drain)), () => Post(new HttpEvent(exchange.Id, HttpEventKind.Finish)));
        _active[exchange.Id] = exchange;
        // The request's own work (connect, send, read) runs on pool threads from here on.
        _ = Task.Run(() => RunAsync(exchange));
        return exchange.Id;
    }

    /// <summary>
    /// Sends a chunk of a streamed request body (<see cref="HttpRequestSpec.Streamed"/>); throws <see cref="HttpStartException"/>
    /// over the size limit. False, as Node's <c>write()</c>, when the bytes not yet written to the connection reach
    /// <see cref="StreamingRequestBody.HighWaterMark"/>; a <see cref="HttpEventKind.Drain"/> event follows once they are
    /// all written (also when <paramref name="wantDrain"/>: the script had buffered past the mark before the request started).
    /// </summary>
    public bool WriteBody(int id, byte[] chunk, bool wantDrain = false)
    {
        if (_active.TryGetValue(id, out var exchange) && exchange.Streaming is { } body)
            return body.Write(chunk, exchange.Spec.Method, exchange.Spec.Url, wantDrain);
        return true;
    }

    /// <summary>The script's stream buffer of this response is full: stop reading its connection (Node's socket pause).</summary>
    public void Pause(int id)
    {
        if (_active.TryGetValue(id, out var exchange))
            exchange.Pause();
    }

    /// <summary>The script reads again: resume reading the response's connection.</summary>
    public void Resume(int id)
    {
        if (_active.TryGetValue(id, out var exchange))
            exchange.Resume();
    }

    /// <summary>Ends a streamed request body.</summary>
    public void EndBody(int id)
    {
        if (_active.TryGetValue(id, out var exchange))
            exchange.Streaming?.Complete();
    }

    /// <summary>Cancels a request the script gave up on (AbortSignal); no event of it is delivered any more.</summary>
    public void Abort(int id)
    {
        if (_active.Remove(id, out var exchange))
        {
            exchange.Aborted = true;
            try
            {
                exchange.Cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The request had already finished; its last events are simply not delivered.
            }
        }
    }

    /// <summary>The next event for a request still active, with the object the script attached to it.</summary>
    public bool TryTake(out HttpEvent ev, out object target)
    {
        while (_events.TryDequeue(out ev!))
        {
            if (_connections.Count > 0 && TryTakeSocketEvent(ev, out target))
                return true;
            if (_lookups.Remove(ev.Id, out var lookup))
            {
                target = lookup;
                return true;
            }

            if (_active.TryGetValue(ev.Id, out var exchange))
            {
                if (ev.Kind is HttpEventKind.End or HttpEventKind.Error)
                    _active.Remove(ev.Id);
                else if (ev.Kind == HttpEventKind.Data)
                    exchange.Taken(ev.Data?.Length ?? 0);
                target = exchange.Target;
                return true;
            }
        }

        target = null!;
        return false;
    }

    /// <summary>Waits (without blocking a thread) until an event is queued or the time passes; true when woken by an event.</summary>
    public Task<bool> WaitAsync(long milliseconds, CancellationToken cancellationToken) =>
        _signal.WaitAsync(TimeSpan.FromMilliseconds(Math.Clamp(milliseconds, 0, int.MaxValue)), cancellationToken);

    /// <summary>Ends the session: cancels every request still running and returns what was recorded, in start order.</summary>
    public IReadOnlyList<HttpRequestRecord> Complete()
    {
        var now = _elapsedMs();
        lock (_recordsLock)
        {
            if (!_completed)
            {
                _completed = true;
                foreach (var exchange in _active.Values)
                {
                    if (!exchange.Recorded)
                    {
                        exchange.Recorded = true;
                        _records.Add(Record(exchange, exchange.Url, status: null, now - exchange.StartedMs, responseBytes: 0, mocked: false,
                            "ECANCELED: the invocation ended before the request completed", responseBody: null));
                    }
                }

                CompleteConnections(now);
            }
        }

        _cancel.Cancel();
        _active.Clear();
        DisposeConnections();
        lock (_recordsLock)
            return [.. _records.OrderBy(r => r.StartedMs)];
    }

    public void Dispose()
    {
        if (!_completed)
            Complete();
        _cancel.Dispose();
        _signal.Dispose();
    }

    // Ids are unique in the process, not per session: a warm engine's script may still hold an old run's socket or
    // request object, whose calls must never reach this run's entries.
    private static int s_lastId;

    private static int NextId() => Interlocked.Increment(ref s_lastId);

    private bool TryCount() => Interlocked.Increment(ref _started) <= _limits.MaxHttpRequests;

    private string RequestLimitMessage(string method, string url) =>
        $"{method} {HttpRequestRecord.RedactUrl(url)} was refused: the hook already made {_limits.MaxHttpRequests} requests, the limit per invocation (Execution:Defaults:MaxHttpRequests)";

    private void Post(HttpEvent ev)
    {
        _events.Enqueue(ev);
        try
        {
            _signal.Release();
        }
        catch (ObjectDisposedException)
        {
            // The invocation ended (and disposed its session) while this request, connection or lookup was finishing.
        }
    }

    private async Task RunAsync(Exchange x)
    {
        var token = x.Cancel.Token;
        x.Cancel.CancelAfter(_limits.HttpTimeoutMs);
        var url = x.Spec.Url;
        var hopStarted = x.StartedMs;
        var pool = _pool;
        try
        {
            if (_mocks is not null)
            {
                if (_mocks.Match(x.Spec.Method, url) is { } rule)
                {
                    await AnswerFromMockAsync(x, rule, token).ConfigureAwait(false);
                    return;
                }

                if (!_mocks.PassThrough)
                {
                    Fail(x, url, hopStarted, new HttpFailure("ERR_HOOKS_HTTP_NO_MOCK", $"no mock for {x.Spec.Method} {HttpRequestRecord.RedactUrl(url)}"), mocked: true);
                    return;
                }
            }

            var method = x.Spec.Method;
            var body = x.Spec.Body;
            var headers = x.Spec.Headers.ToList();
            for (var hop = 0; ; hop++)
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    Fail(x, url, hopStarted, new HttpFailure("ERR_HOOKS_HTTP_SCHEME", $"{method} {url}: only http: and https: URLs can be fetched"));
                    return;
                }

                // This server's own public host: straight to its listening socket, marked as a hook's request.
                var own = _transport.OwnServer.Resolve(uri);
                pool = x.Spec.Tls is { } tls && uri.Scheme == Uri.UriSchemeHttps ? _transport.PoolFor(_pool.Rules, tls) : _pool;
                if (own is null && _transport.PreCheck(uri, _pool.Rules) is { } refused)
                {
                    Fail(x, url, hopStarted, Egress(method, url, refused));
                    return;
                }

                var target = own is null ? uri : OnOwnServer(uri, own);
                using var request = x.Spec.Node ? BuildNodeRequest(method, target, headers, body, x.Streaming)
                    : BuildRequest(method, target, headers, body, hop == 0 ? x.Streaming : null);
                if (own is not null)
                {
                    request.Headers.Host = uri.Authority;
                    request.Headers.TryAddWithoutValidation(OwnServerRoute.MarkerHeader, _transport.OwnServer.Marker);
                }

                var invoker = own is null ? pool.Invoker : _transport.OwnInvoker;
                using var response = await invoker.SendAsync(request, token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location && x.Spec.Redirect != "manual")
                {
                    var next = new Uri(uri, location);
                    RecordHop(x, url, status, hopStarted, body);
                    if (x.Spec.Redirect == "error")
                    {
                        Fail(x, null, 0, new HttpFailure("ERR_HOOKS_HTTP_REDIRECT", "unexpected redirect"));
                        return;
                    }

                    if (hop + 1 > MaxRedirects)
                    {
                        Fail(x, null, 0, new HttpFailure("ERR_HOOKS_HTTP_REDIRECT", "redirect count exceeded"));
                        return;
                    }

                    if (!TryCount())
                    {
                        Fail(x, null, 0, new HttpFailure("ERR_HOOKS_HTTP_LIMIT", RequestLimitMessage(method, next.AbsoluteUri)));
                        return;
                    }

                    // Fetch's redirect rules: 303 (and 301/302 after POST) become a GET without body.
                    if (status == 303 && method != "HEAD" || status is 301 or 302 && method == "POST")
                    {
                        method = "GET";
                        body = null;
                        RemoveHeaders(headers, static n => n.StartsWith("content-", StringComparison.OrdinalIgnoreCase));
                    }

                    // A streamed body is gone once sent: a redirect that keeps the body cannot be followed (undici: "fetch failed").
                    if (x.Streaming is not null && method == x.Spec.Method)
                    {
                        Fail(x, null, 0, new HttpFailure("ERR_HOOKS_HTTP_REDIRECT", $"a {status} redirect keeps the request body, and a ReadableStream body cannot be sent again"));
                        return;
                    }

                    if (!SameOrigin(uri, next))
                    {
                        RemoveHeaders(headers, static n => n.Equals("authorization", StringComparison.OrdinalIgnoreCase)
                            || n.Equals("cookie", StringComparison.OrdinalIgnoreCase) || n.Equals("proxy-authorization", StringComparison.OrdinalIgnoreCase));
                    }

                    url = next.AbsoluteUri;
                    hopStarted = _elapsedMs();
                    continue;
                }

                await DeliverAsync(x, url, hop > 0, hopStarted, body, response, token).ConfigureAwait(false);
                return;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (x.Aborted || _cancel.IsCancellationRequested)
            {
                RecordOnce(x, url, null, hopStarted, x.Spec.Body, 0, false,
                    x.Aborted ? "ABORT_ERR: the hook aborted the request" : "ECANCELED: the invocation ended before the request completed", null);
                return;
            }

            Fail(x, url, hopStarted, Describe(x.Spec.Method, url, ex, token.IsCancellationRequested, pool));
        }
        finally
        {
            // Releases the request's timeout timer now rather than when it would have fired.
            x.Cancel.Dispose();
        }
    }

    private async Task AnswerFromMockAsync(Exchange x, HttpMockRule rule, CancellationToken token)
    {
        if (x.Streaming is { } streaming)
            await streaming.ReadAllAsync(token).ConfigureAwait(false);
        if (rule.DelayMs > 0)
            await Task.Delay(rule.DelayMs, token).ConfigureAwait(false);
        var (body, contentType) = rule.Answer();
        var headers = new List<string>();
        var hasContentType = false;
        foreach (var (name, value) in rule.Headers ?? [])
        {
            headers.Add(x.Spec.Node ? name : name.ToLowerInvariant());
            headers.Add(value);
            hasContentType |= name.Equals("content-type", StringComparison.OrdinalIgnoreCase);
        }

        if (!hasContentType && contentType is not null)
        {
            headers.Add("content-type");
            headers.Add(contentType);
        }

        headers.Add("content-length");
        headers.Add(body.Length.ToString(CultureInfo.InvariantCulture));
        Post(new HttpEvent(x.Id, HttpEventKind.Response)
        {
            Status = rule.Status,
            StatusText = ReasonPhrase(rule.Status),
            Headers = [.. headers],
            Url = x.Spec.Url,
        });
        if (body.Length > 0)
            Post(new HttpEvent(x.Id, HttpEventKind.Data) { Data = body });
        Post(new HttpEvent(x.Id, HttpEventKind.End));
        RecordOnce(x, x.Spec.Url, rule.Status, x.StartedMs, x.Spec.Body, body.Length, true, null,
            HttpRequestRecord.DescribeBody(body, body.Length, contentType ?? FindHeader(headers, "content-type")));
    }

    private async Task DeliverAsync(Exchange x, string url, bool redirected, double hopStarted, byte[]? requestBody, HttpResponseMessage response, CancellationToken token)
    {
        var status = (int)response.StatusCode;
        var headers = new List<string>();
        AddHeaders(headers, response.Headers.NonValidated, lowerCase: !x.Spec.Node);
        AddHeaders(headers, response.Content.Headers.NonValidated, lowerCase: !x.Spec.Node);
        var contentType = FindHeader(headers, "content-type");
        if (response.Content.Headers.ContentLength is { } length && length > _limits.MaxHttpResponseBytes)
        {
            Fail(x, url, hopStarted, TooLarge(x.Spec.Method, url, status), status: status);
            return;
        }

        Post(new HttpEvent(x.Id, HttpEventKind.Response)
        {
            Status = status,
            StatusText = response.ReasonPhrase ?? ReasonPhrase(status),
            Headers = [.. headers],
            Url = url,
            Redirected = redirected,
        });

        var sample = new MemoryStream();
        long total = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            await using var stream = x.Spec.Node
                ? await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false)
                : await DecodedAsync(await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false), x.Spec.Method, status,
                    FindHeader(headers, "content-encoding"), token).ConfigureAwait(false);
            while (true)
            {
                // Backpressure: the connection is not read while the script has not taken what was already read, or
                // has paused the response (its stream is full); the server's writes then block, as with Node.
                await x.WaitForRoomAsync(token).ConfigureAwait(false);
                var read = await stream.ReadAsync(buffer.AsMemory(0, ChunkBytes), token).ConfigureAwait(false);
                if (read == 0)
                    break;
                total += read;
                if (total > _limits.MaxHttpResponseBytes)
                {
                    Fail(x, url, hopStarted, TooLarge(x.Spec.Method, url, status), status: status, responseBytes: total);
                    return;
                }

                if (sample.Length < HttpRequestRecord.MaxBodyChars * 3)
                    sample.Write(buffer, 0, (int)Math.Min(read, HttpRequestRecord.MaxBodyChars * 3 - sample.Length));
                x.Queued(read);
                Post(new HttpEvent(x.Id, HttpEventKind.Data) { Data = buffer.AsSpan(0, read).ToArray() });
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        Post(new HttpEvent(x.Id, HttpEventKind.End));
        RecordOnce(x, url, status, hopStarted, requestBody, total, false, null, HttpRequestRecord.DescribeBody(sample.GetBuffer().AsSpan(0, (int)sample.Length), total, contentType));
    }

    /// <summary>
    /// fetch's body decoded as undici decodes it: the codings of <c>content-encoding</c> undone from the last applied
    /// (<c>gzip</c>/<c>x-gzip</c>, <c>deflate</c> with or without its zlib header, <c>br</c>); an unknown coding leaves the
    /// body as sent, and so do HEAD, 204, 304 and an empty body. The headers stay as the server sent them. The
    /// response size limit counts the decoded bytes.
    /// </summary>
    private static async Task<Stream> DecodedAsync(Stream body, string method, int status, string? contentEncoding, CancellationToken token)
    {
        if (string.IsNullOrWhiteSpace(contentEncoding) || method is "HEAD" or "CONNECT" || status is 101 or 204 or 205 or 304)
            return body;
        var codings = contentEncoding.ToLowerInvariant().Split(',', StringSplitOptions.TrimEntries);
        if (codings.Any(c => c is not ("gzip" or "x-gzip" or "deflate" or "br")))
            return body;
        var current = body;
        for (var i = codings.Length - 1; i >= 0; i--)
        {
            var peeked = new PeekableStream(current);
            var first = await peeked.PeekAsync(token).ConfigureAwait(false);
            if (first < 0)
                return peeked; // nothing to decode
            current = codings[i] switch
            {
                "br" => new BrotliStream(peeked, CompressionMode.Decompress),
                // undici's inflate takes a zlib stream (CMF's low nibble 8) or a raw deflate stream.
                "deflate" => (first & 0x0F) == 0x08 ? new ZLibStream(peeked, CompressionMode.Decompress) : new DeflateStream(peeked, CompressionMode.Decompress),
                _ => new GZipStream(peeked, CompressionMode.Decompress),
            };
        }

        return current;
    }

    /// <summary>A read-only stream whose first byte can be looked at before a decoder reads it.</summary>
    private sealed class PeekableStream(Stream inner) : Stream
    {
        private int _peeked = -2; // -2: not peeked; -1: end of stream; else the byte

        public async ValueTask<int> PeekAsync(CancellationToken token)
        {
            if (_peeked == -2)
            {
                var one = new byte[1];
                _peeked = await inner.ReadAsync(one, token).ConfigureAwait(false) == 0 ? -1 : one[0];
            }

            return _peeked;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.Length == 0)
                return 0;
            if (_peeked >= 0)
            {
                buffer.Span[0] = (byte)_peeked;
                _peeked = -2;
                return 1;
            }

            if (_peeked == -1)
                return 0;
            return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }

    private HttpFailure TooLarge(string method, string url, int status) => new("ERR_HOOKS_HTTP_RESPONSE_TOO_LARGE",
        $"The response to {method} {HttpRequestRecord.RedactUrl(url)} ({status}) is larger than {_limits.MaxHttpResponseBytes} bytes, the limit (Execution:Defaults:MaxHttpResponseBytes)");

    private static HttpFailure Egress(string method, string url, string reason) =>
        new("EEGRESS", $"The egress policy refused {method} {HttpRequestRecord.RedactUrl(url)}: {reason}");

    private HttpFailure Describe(string method, string url, Exception ex, bool timedOut, HttpTransport.TransportPool? pool = null)
    {
        // The request's own timer fired (abort and the invocation's end were handled before): whatever the handler threw.
        if (timedOut)
            return new HttpFailure("ETIMEDOUT", $"{method} {HttpRequestRecord.RedactUrl(url)} timed out after {_limits.HttpTimeoutMs} ms, the per-request limit (Execution:Defaults:HttpTimeoutMs)");
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case EgressRefusedException refused:
                    return Egress(method, url, refused.Message);
                case HostNotFoundException notFound:
                    return new HttpFailure("ENOTFOUND", notFound.Message, "getaddrinfo", notFound.Host);
                case ConnectFailedException failed:
                    {
                        var (_, port) = Endpoint(url);
                        var code = SocketCode(failed.Socket);
                        var address = failed.Address.ToString();
                        return new HttpFailure(code, $"connect {code} {address}:{port}", "connect", address, port);
                    }
                case SocketException socket:
                    {
                        // Not a connect failure (those are ConnectFailedException): the connection was reset while
                        // the request was written or its answer read, which Node reports as the read that failed.
                        var code = socket.SocketErrorCode == SocketError.Shutdown ? "ECONNRESET" : SocketCode(socket);
                        return new HttpFailure(code, $"read {code}", "read") { Why = socket.Message };
                    }
            }
        }

        // The server's certificate was refused: Node's code and text, as the pool's check found them.
        if (ex is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } && pool is not null
            && Uri.TryCreate(url, UriKind.Absolute, out var refusedUri) && pool.RefusalFor(refusedUri.IdnHost) is { } refusal)
            return new HttpFailure(refusal.Code, refusal.Message);
        // A handshake the server ended before it completed (no certificate was refused): Node's text.
        if (ex is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } && IsEndOfStream(ex))
            return new HttpFailure("ECONNRESET", "Client network socket disconnected before secure TLS connection was established") { Why = ex.InnerException?.Message ?? ex.Message };
        // The server closed the connection without a (whole) response: undici's text (the http module makes it its
        // "socket hang up"); .NET's reason goes to the record only.
        if (ex is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse } or HttpIOException)
            return new HttpFailure("UND_ERR_SOCKET", "other side closed") { Why = ex.Message };
        return new HttpFailure("ECONNRESET", ex.Message);
    }

    private static bool IsEndOfStream(Exception ex)
    {
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
        {
            if (e is IOException && e.Message.Contains("EOF", StringComparison.Ordinal))
                return true;
        }

        return false;
    }

    private static (string Address, int Port) Endpoint(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? (uri.IdnHost.Trim('[', ']'), uri.Port) : (url, 0);

    // The record keeps the reason behind Node's text, when there is one.
    private static string Recorded(HttpFailure failure) =>
        failure.Why is { } why && why != failure.Message ? $"{failure.Code}: {failure.Message} ({why})" : $"{failure.Code}: {failure.Message}";

    private void Fail(Exchange x, string? url, double hopStarted, HttpFailure failure, bool mocked = false, int? status = null, long responseBytes = 0)
    {
        // Recorded and logged before the script hears of it: once the event is posted the invocation may go on (and
        // end) on another thread while this one still writes.
        if (url is not null)
            RecordOnce(x, url, status, hopStarted, x.Spec.Body ?? x.Streaming?.Snapshot(), responseBytes, mocked, Recorded(failure), null);
        else
            RecordOnce(x, null, null, 0, null, 0, false, null, null, amendLastError: Recorded(failure));

        if (failure.Code == "EEGRESS")
            HttpTransport.LogRefused(_transport.Logger, x.Spec.Method, HttpRequestRecord.RedactUrl(url ?? x.Spec.Url), failure.Message);
        else
            HttpTransport.LogFailed(_transport.Logger, x.Spec.Method, HttpRequestRecord.RedactUrl(url ?? x.Spec.Url), failure.Code, failure.Message);
        Post(new HttpEvent(x.Id, HttpEventKind.Error) { Failure = failure });
    }

    private void RecordHop(Exchange x, string url, int status, double hopStarted, byte[]? body)
    {
        lock (_recordsLock)
        {
            if (!_completed)
                _records.Add(Record(x, url, status, _elapsedMs() - hopStarted, 0, false, null, null, hopStarted, body));
        }
    }

    /// <summary>Records the request's last hop once; with <paramref name="amendLastError"/>, adds the error to the hop recorded last instead.</summary>
    private void RecordOnce(Exchange x, string? url, int? status, double hopStarted, byte[]? body, long responseBytes, bool mocked, string? error, string? responseBody, string? amendLastError = null)
    {
        lock (_recordsLock)
        {
            if (_completed || x.Recorded)
                return;
            x.Recorded = true;
            if (amendLastError is not null)
            {
                if (_records.FindLastIndex(r => r.StartedMs >= x.StartedMs) is var last and >= 0)
                    _records[last] = _records[last] with { Error = amendLastError };
                return;
            }

            _records.Add(Record(x, url!, status, _elapsedMs() - hopStarted, responseBytes, mocked, error, responseBody, hopStarted, body));
        }
    }

    private static HttpRequestRecord Record(Exchange x, string url, int? status, double durationMs, long responseBytes, bool mocked, string? error, string? responseBody, double? startedMs = null, byte[]? body = null)
    {
        body ??= x.Spec.Body ?? x.Streaming?.Snapshot();
        return new HttpRequestRecord
        {
            Method = x.Spec.Method,
            Url = HttpRequestRecord.RedactUrl(url),
            Status = status,
            StartedMs = Math.Round(startedMs ?? x.StartedMs, 3),
            DurationMs = Math.Round(durationMs, 3),
            RequestBytes = body?.Length ?? 0,
            ResponseBytes = responseBytes,
            Mocked = mocked,
            Error = error,
            RequestBody = body is null ? null : HttpRequestRecord.DescribeBody(body, body.Length, FindHeader(x.Spec.Headers, "content-type")),
            ResponseBody = responseBody,
        };
    }

    private static HttpRequestMessage BuildRequest(string method, Uri uri, List<string> headers, byte[]? body, StreamingRequestBody? streaming = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), uri) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        // What undici sends on every HTTP/1.1 request.
        request.Headers.Connection.Add("keep-alive");
        if (streaming is not null)
        {
            // A ReadableStream body (duplex: 'half'): chunked, each chunk sent as the stream yields it, as undici does.
            request.Content = streaming.ToContent();
        }
        else if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
        }

        for (var i = 0; i + 1 < headers.Count; i += 2)
        {
            var name = headers[i];
            var value = headers[i + 1];
            if (IsHopHeader(name))
                continue;
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    /// <summary>The request's path and query on the server's own listening socket.</summary>
    private static Uri OnOwnServer(Uri uri, Uri listening) =>
        new UriBuilder(uri) { Scheme = listening.Scheme, Host = listening.Host, Port = listening.Port }.Uri;

    /// <summary>
    /// Node's <c>ClientRequest</c> on the wire: exactly the script's headers (http.js adds Node's defaults: host,
    /// connection, content-length or transfer-encoding), the body with a length, or chunked when the script's headers
    /// say so. No body means no content headers at all (a GET or DELETE sends none, as Node does).
    /// </summary>
    private static HttpRequestMessage BuildNodeRequest(string method, Uri uri, List<string> headers, byte[]? body, StreamingRequestBody? streaming = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), uri) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        var chunked = false;
        for (var i = 0; i + 1 < headers.Count; i += 2)
        {
            if (headers[i].Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase) && headers[i + 1].Contains("chunked", StringComparison.OrdinalIgnoreCase))
                chunked = true;
        }

        if (streaming is not null)
        {
            request.Content = streaming.ToContent();
            // A length the script announced frames the streamed body (Node sends it as given); otherwise chunked.
            for (var i = 0; i + 1 < headers.Count; i += 2)
            {
                if (headers[i].Equals("content-length", StringComparison.OrdinalIgnoreCase)
                    && long.TryParse(headers[i + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length))
                    request.Content.Headers.ContentLength = length;
            }
        }
        else if (body is not null)
            request.Content = chunked ? new ChunkedContent(body) : new ByteArrayContent(body);
        for (var i = 0; i + 1 < headers.Count; i += 2)
        {
            var name = headers[i];
            var value = headers[i + 1];
            if (name.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = value;
            }
            else if (name.Equals("connection", StringComparison.OrdinalIgnoreCase))
            {
                if (value.Equals("close", StringComparison.OrdinalIgnoreCase))
                    request.Headers.ConnectionClose = true;
                else
                    request.Headers.Connection.Add(value);
            }
            else if (name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.TransferEncodingChunked = chunked;
            }
            else if (!IsHopHeader(name) && !request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    /// <summary>A complete body sent with chunked transfer encoding: its length is not announced.</summary>
    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken) =>
            stream.WriteAsync(body, cancellationToken).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    // Set by the transport itself, as undici does (content-length from the body); the own-server marker only by the transport.
    private static bool IsHopHeader(string name) => name.Equals("host", StringComparison.OrdinalIgnoreCase)
        || name.Equals(OwnServerRoute.MarkerHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
        || name.Equals("connection", StringComparison.OrdinalIgnoreCase)
        || name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals("keep-alive", StringComparison.OrdinalIgnoreCase)
        || name.Equals("upgrade", StringComparison.OrdinalIgnoreCase)
        || name.Equals("expect", StringComparison.OrdinalIgnoreCase);

    private static void RemoveHeaders(List<string> headers, Func<string, bool> match)
    {
        for (var i = headers.Count - 2; i >= 0; i -= 2)
        {
            if (match(headers[i]))
                headers.RemoveRange(i, 2);
        }
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        a.Scheme == b.Scheme && a.Port == b.Port && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase);

    private static void AddHeaders(List<string> target, HttpHeadersNonValidated headers, bool lowerCase)
    {
        foreach (var (name, values) in headers)
        {
            var lower = lowerCase ? name.ToLowerInvariant() : name;
            foreach (var value in values)
            {
                target.Add(lower);
                target.Add(value);
            }
        }
    }

    private static string? FindHeader(IReadOnlyList<string> headers, string name)
    {
        for (var i = 0; i + 1 < headers.Count; i += 2)
        {
            if (headers[i].Equals(name, StringComparison.OrdinalIgnoreCase))
                return headers[i + 1];
        }

        return null;
    }

    private static string ReasonPhrase(int status) =>
        new HttpResponseMessage((HttpStatusCode)status).ReasonPhrase ?? "";

    /// <summary>
    /// What a response or a connection has read and queued for the script but the script has not taken yet: past
    /// <see cref="ResponseWindowBytes"/>, or while the script's stream is full (paused), the reader waits, so a busy or
    /// sleeping script never makes the host buffer a whole body (Node's backpressure).
    /// </summary>
#pragma warning disable CA1001 // the gate's wait handle is never taken: a SemaphoreSlim without one holds nothing to dispose
    private abstract class ReadWindow
#pragma warning restore CA1001
    {
        private long _undelivered;
        private volatile bool _paused;
        private readonly SemaphoreSlim _gate = new(0);

        /// <summary>Reader side: waits until the script has room (not paused, under the window).</summary>
        public async Task WaitForRoomAsync(CancellationToken token)
        {
            while (_paused || Volatile.Read(ref _undelivered) >= ResponseWindowBytes)
                await _gate.WaitAsync(token).ConfigureAwait(false);
        }

        /// <summary>Reader side: bytes queued for the script.</summary>
        public void Queued(int bytes) => Interlocked.Add(ref _undelivered, bytes);

        /// <summary>Engine side: the script took a chunk; the reader may go on once under the window.</summary>
        public void Taken(int bytes)
        {
            if (Interlocked.Add(ref _undelivered, -bytes) < ResponseWindowBytes)
                Wake();
        }

        /// <summary>The script's stream is full: stop reading until <see cref="Resume"/>.</summary>
        public void Pause() => _paused = true;

        public void Resume()
        {
            if (_paused)
            {
                _paused = false;
                Wake();
            }
        }

        private void Wake()
        {
            if (_gate.CurrentCount == 0)
                _gate.Release();
        }
    }

    private sealed class Exchange(int id, HttpRequestSpec spec, object target, CancellationTokenSource cancel, double startedMs) : ReadWindow
    {
        public int Id { get; } = id;

        public HttpRequestSpec Spec { get; } = spec;

        public string Url => Spec.Url;

        public object Target { get; } = target;

        public CancellationTokenSource Cancel { get; } = cancel;

        public double StartedMs { get; } = startedMs;

        /// <summary>The body the script is still writing, for a streamed request.</summary>
        public StreamingRequestBody? Streaming { get; set; }

        public volatile bool Aborted;

        // Guarded by the session's records lock.
        public bool Recorded;
    }
}

/// <summary>A request refused before it started (a limit); the script sees a Node-style error with this code.</summary>
internal sealed class HttpStartException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
