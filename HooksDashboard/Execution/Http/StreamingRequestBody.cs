using System.Buffers;
using System.Net;
using System.Threading.Channels;

namespace HooksDashboard.Execution.Http;

/// <summary>
/// The body of a Node <c>ClientRequest</c> that is sent while the script writes it: each <c>write()</c> chunk goes to
/// the connection as it comes (chunked transfer encoding unless the script set a content-length), not at <c>end()</c>.
/// Written on the engine's thread, read on the pool thread that sends the request. Keeps a copy of what was written
/// (bounded by the request size limit, which refuses more) for the record and for mocks. Counts the bytes written by
/// the script and not yet written to the connection, so <c>write()</c> can return false and <c>'drain'</c> follow as in
/// Node when the connection is behind (<paramref name="onDrain"/>, called on the sending thread);
/// <paramref name="onFinish"/> runs once the whole body went out (Node's <c>'finish'</c>).
/// </summary>
internal sealed class StreamingRequestBody(long maxBytes, Action? onDrain = null, Action? onFinish = null)
{
    /// <summary>Node's writable high-water mark (16 KiB): <c>write()</c> returns false once this much is waiting.</summary>
    public const int HighWaterMark = 16 * 1024;

    private readonly Channel<byte[]> _chunks = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly ArrayBufferWriter<byte> _copy = new();
    private readonly Lock _copyLock = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _written;
    private long _pending;
    private bool _needDrain;
    private int _finished;

    /// <summary>Bytes written by the script that the connection has not taken yet.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>
    /// Queues a chunk for the wire; refuses one that would pass the request size limit. Returns whether the waiting
    /// bytes stay under <see cref="HighWaterMark"/> (Node's <c>write()</c> result); when not, or when
    /// <paramref name="wantDrain"/>, the drain callback runs once everything written has gone out.
    /// </summary>
    public bool Write(byte[] chunk, string method, string url, bool wantDrain = false)
    {
        if (_written + chunk.Length > maxBytes)
            throw new HttpStartException("ERR_HOOKS_HTTP_REQUEST_TOO_LARGE",
                $"The request body of {method} {HttpRequestRecord.RedactUrl(url)} is over {maxBytes} bytes, the limit (Execution:Defaults:MaxHttpRequestBytes)");
        _written += chunk.Length;
        lock (_copyLock)
            _copy.Write(chunk);
        bool below;
        lock (_copyLock)
        {
            _pending += chunk.Length;
            below = _pending < HighWaterMark;
            _needDrain |= !below || wantDrain;
        }

        if (!_chunks.Writer.TryWrite(chunk))
            throw new HttpStartException("ERR_STREAM_WRITE_AFTER_END", "write after end");
        return below;
    }

    /// <summary>The whole body went out (once).</summary>
    private void Finished()
    {
        if (Interlocked.Exchange(ref _finished, 1) == 0)
            onFinish?.Invoke();
    }

    /// <summary>The connection took a chunk: when nothing waits any more and the script was told to wait, it is told to go on.</summary>
    private void Sent(int length)
    {
        bool drained;
        lock (_copyLock)
        {
            _pending -= length;
            drained = _pending == 0 && _needDrain;
            if (drained)
                _needDrain = false;
        }

        if (drained)
            onDrain?.Invoke();
    }

    /// <summary>The script called <c>end()</c>: nothing more will be written.</summary>
    public void Complete()
    {
        _chunks.Writer.TryComplete();
        _ended.TrySetResult();
    }

    /// <summary>What was written so far.</summary>
    public byte[] Snapshot()
    {
        lock (_copyLock)
            return _copy.WrittenSpan.ToArray();
    }

    /// <summary>Waits until the script ended the body (a mock answers a complete request, as a server would) and returns it.</summary>
    public async Task<byte[]> ReadAllAsync(CancellationToken cancellationToken)
    {
        // The chunks are taken as a connection would take them, so the script's writes drain as they would on the network.
        await foreach (var chunk in _chunks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            Sent(chunk.Length);
        await _ended.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        Finished();
        return Snapshot();
    }

    /// <summary>The body as request content: each chunk written and flushed as it arrives.</summary>
    public HttpContent ToContent() => new Content(this);

    private sealed class Content(StreamingRequestBody body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await foreach (var chunk in body._chunks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await stream.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                // Out now, as Node writes each chunk to the socket: the server may answer before the end.
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                body.Sent(chunk.Length);
            }

            body.Finished();
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
