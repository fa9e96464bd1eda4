using System.Buffers;
using System.Net;
using System.Threading.Channels;

namespace HooksDashboard.Execution.Http;

/// <summary>
/// The body of a Node <c>ClientRequest</c> that is sent while the script writes it: each <c>write()</c> chunk goes to
/// the connection as it comes (chunked transfer encoding unless the script set a content-length), not at <c>end()</c>.
/// Written on the engine's thread, read on the pool thread that sends the request. Keeps a copy of what was written
/// (bounded by the request size limit, which refuses more) for the record and for mocks.
/// </summary>
internal sealed class StreamingRequestBody(long maxBytes)
{
    private readonly Channel<byte[]> _chunks = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly ArrayBufferWriter<byte> _copy = new();
    private readonly Lock _copyLock = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _written;

    /// <summary>Queues a chunk for the wire; refuses one that would pass the request size limit.</summary>
    public void Write(byte[] chunk, string method, string url)
    {
        if (_written + chunk.Length > maxBytes)
            throw new HttpStartException("ERR_HOOKS_HTTP_REQUEST_TOO_LARGE",
                $"The request body of {method} {HttpRequestRecord.RedactUrl(url)} is over {maxBytes} bytes, the limit (Execution:Defaults:MaxHttpRequestBytes)");
        _written += chunk.Length;
        lock (_copyLock)
            _copy.Write(chunk);
        if (!_chunks.Writer.TryWrite(chunk))
            throw new HttpStartException("ERR_STREAM_WRITE_AFTER_END", "write after end");
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
        // Not the channel's completion: that waits for the chunks to be read, and a mock reads none.
        await _ended.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
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
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
