using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// A loopback HTTP/1.1 server on a raw socket, for streaming tests: it records each request's framing as it arrived
/// (method, path, <c>transfer-encoding</c>, <c>content-length</c>, the size of every chunk of a chunked body, the body)
/// and sees the client's pace. Routes:
/// <list type="bullet">
/// <item><c>/upload</c>: reads the body (counting chunks as they arrive), answers <c>got N</c>.</item>
/// <item><c>/wait?n=K</c>: answers once the upload in progress (or the last one) has received K chunks.</item>
/// <item><c>/big?size=N</c>: writes N bytes (content-length) in 16 KiB writes through a small send buffer, counting
/// the bytes the connection accepted (<see cref="Accepted"/>): a client that stops reading stops the count.</item>
/// <item><c>/progress</c>: answers the bytes <c>/big</c> has had accepted so far.</item>
/// <item><c>/stall</c>: reads no body until <c>/release</c> is requested, then reads it all and answers <c>got N</c>.</item>
/// <item><c>/redirect307</c>: a 307 to <c>/upload</c>.</item>
/// </list>
/// Every request is answered with a content-length and kept alive unless the client sent <c>connection: close</c>.
/// </summary>
internal sealed class StreamingHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly Lock _lock = new();
    private readonly List<TaskCompletionSource> _chunkWaiters = [];
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _chunksSeen;
    private long _accepted;

    private StreamingHttpServer()
    {
    }

    public string Url { get; private set; } = "";

    /// <summary>Bytes of the last <c>/big</c> body the connection accepted.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>The requests received (completely read), in order; <c>/wait</c>, <c>/progress</c> and <c>/release</c> are not recorded.</summary>
    public IReadOnlyList<Received> Requests => [.. _received];

    public static StreamingHttpServer Start()
    {
        var server = new StreamingHttpServer();
        server._listener.Start();
        server.Url = "http://127.0.0.1:" + ((IPEndPoint)server._listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        _ = server.AcceptAsync();
        return server;
    }

    /// <summary>Forgets what was recorded (between the hook's run and node's).</summary>
    public void Reset()
    {
        _received.Clear();
        lock (_lock)
        {
            _chunksSeen = 0;
            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        Interlocked.Exchange(ref _accepted, 0);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        socket.NoDelay = true;
        using var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = new Reader(stream);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var line = await reader.ReadLineAsync(_stop.Token);
                if (line is null)
                    return;
                if (line.Length == 0)
                    continue;
                var parts = line.Split(' ');
                var headers = new List<KeyValuePair<string, string>>();
                for (var h = await reader.ReadLineAsync(_stop.Token); !string.IsNullOrEmpty(h); h = await reader.ReadLineAsync(_stop.Token))
                {
                    var colon = h.IndexOf(':', StringComparison.Ordinal);
                    headers.Add(new(h[..colon].Trim().ToLowerInvariant(), h[(colon + 1)..].Trim()));
                }

                var request = new Received(parts[0], parts[1], Header(headers, "transfer-encoding"), Header(headers, "content-length"), [], [], [.. headers.Select(h => h.Key)]);
                var path = request.Path.Split('?')[0];
                var close = string.Equals(Header(headers, "connection"), "close", StringComparison.OrdinalIgnoreCase);
                if (path == "/stall")
                {
                    // Reads nothing until released, through a small receive buffer: the client's writes soon wait.
                    socket.ReceiveBufferSize = 16 * 1024;
                    Task released;
                    lock (_lock)
                        released = _released.Task;
                    await released.WaitAsync(_stop.Token);
                }
                var counts = path == "/upload";
                if (counts)
                {
                    lock (_lock)
                        _chunksSeen = 0;
                }

                await ReadBodyAsync(reader, request, counts);
                string answer;
                switch (path)
                {
                    case "/wait":
                        {
                            var n = int.Parse(Query(request.Path, "n") ?? "1", CultureInfo.InvariantCulture);
                            await WhenChunksAsync(n).WaitAsync(_stop.Token);
                            answer = "seen " + n;
                            break;
                        }

                    case "/redirect307":
                        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 307 Temporary Redirect\r\nLocation: /upload\r\nContent-Length: 0\r\n\r\n"), _stop.Token);
                        continue;
                    case "/progress":
                        answer = Accepted.ToString(CultureInfo.InvariantCulture);
                        break;
                    case "/release":
                        lock (_lock)
                            _released.TrySetResult();
                        answer = "released";
                        break;
                    case "/big":
                        _received.Enqueue(request);
                        await WriteBigAsync(socket, stream, long.Parse(Query(request.Path, "size") ?? "0", CultureInfo.InvariantCulture), close);
                        if (close)
                            return;
                        continue;
                    default:
                        _received.Enqueue(request);
                        answer = "got " + request.Body.Count.ToString(CultureInfo.InvariantCulture);
                        break;
                }

                var bytes = Encoding.UTF8.GetBytes(answer);
                var head = $"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {bytes.Length}\r\n{(close ? "Connection: close\r\n" : "")}\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head).Concat(bytes).ToArray(), _stop.Token);
                if (close)
                    return;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the server stops.
        }
    }

    private async Task WriteBigAsync(Socket socket, NetworkStream stream, long size, bool close)
    {
        Interlocked.Exchange(ref _accepted, 0);
        // A small, fixed send buffer: what the client has not read stays in its own buffers and ours, not in a growing kernel queue.
        socket.SendBufferSize = 16 * 1024;
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {size}\r\n{(close ? "Connection: close\r\n" : "")}\r\n"), _stop.Token);
        var block = new byte[16 * 1024];
        Array.Fill(block, (byte)'x');
        for (long sent = 0; sent < size;)
        {
            var n = (int)Math.Min(block.Length, size - sent);
            await stream.WriteAsync(block.AsMemory(0, n), _stop.Token);
            sent += n;
            Interlocked.Add(ref _accepted, n);
        }
    }

    private async Task ReadBodyAsync(Reader reader, Received request, bool counts)
    {
        if (request.TransferEncoding?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
        {
            while (true)
            {
                var sizeLine = await reader.ReadLineAsync(_stop.Token) ?? throw new IOException("body ended");
                var size = int.Parse(sizeLine.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    while (!string.IsNullOrEmpty(await reader.ReadLineAsync(_stop.Token)))
                    {
                    }

                    return;
                }

                request.Body.AddRange(await reader.ReadBytesAsync(size, _stop.Token));
                request.Chunks.Add(size);
                // Seen before its CRLF: undici sends a chunk's CRLF with the next chunk's size line.
                if (counts)
                    ChunkSeen();
                await reader.ReadLineAsync(_stop.Token);
            }
        }

        if (long.TryParse(request.ContentLength, CultureInfo.InvariantCulture, out var length) && length > 0)
        {
            request.Body.AddRange(await reader.ReadBytesAsync((int)length, _stop.Token));
            if (counts)
                ChunkSeen();
        }
    }

    private void ChunkSeen()
    {
        lock (_lock)
        {
            _chunksSeen++;
            foreach (var waiter in _chunkWaiters)
                waiter.TrySetResult();
            _chunkWaiters.Clear();
        }
    }

    private async Task WhenChunksAsync(int n)
    {
        while (true)
        {
            Task next;
            lock (_lock)
            {
                if (_chunksSeen >= n)
                    return;
                var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _chunkWaiters.Add(waiter);
                next = waiter.Task;
            }

            await next;
        }
    }

    private static string? Header(List<KeyValuePair<string, string>> headers, string name) =>
        headers.FirstOrDefault(h => h.Key == name).Value;

    private static string? Query(string target, string name)
    {
        var q = target.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
            return null;
        foreach (var pair in target[(q + 1)..].Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair[..eq] == name)
                return pair[(eq + 1)..];
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Dispose();
        _stop.Dispose();
    }

    /// <summary>One request as it arrived: <see cref="Chunks"/> lists the size of each chunk of a chunked body.</summary>
    internal sealed record Received(string Method, string Path, string? TransferEncoding, string? ContentLength, List<int> Chunks, List<byte> Body, string[] HeaderNames)
    {
        public string Text => Encoding.UTF8.GetString([.. Body]);

        /// <summary>What the comparison with node looks at.</summary>
        public string Describe() =>
            $"{Method} {Path} te={TransferEncoding} cl={ContentLength} chunks=[{string.Join(",", Chunks)}] body={Text}";
    }

    /// <summary>Buffered reads of lines and exact byte counts from the connection.</summary>
    private sealed class Reader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public async Task<string?> ReadLineAsync(CancellationToken token)
        {
            var line = new List<byte>();
            while (true)
            {
                if (_start == _end && !await FillAsync(token))
                    return line.Count == 0 ? null : Encoding.ASCII.GetString([.. line]);
                var b = _buffer[_start++];
                if (b == '\n')
                    return Encoding.ASCII.GetString([.. line]).TrimEnd('\r');
                line.Add(b);
            }
        }

        public async Task<byte[]> ReadBytesAsync(int count, CancellationToken token)
        {
            var result = new byte[count];
            var done = 0;
            while (done < count)
            {
                if (_start == _end && !await FillAsync(token))
                    throw new IOException("body ended early");
                var n = Math.Min(count - done, _end - _start);
                Array.Copy(_buffer, _start, result, done, n);
                _start += n;
                done += n;
            }

            return result;
        }

        private async Task<bool> FillAsync(CancellationToken token)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, token);
            return _end > 0;
        }
    }
}
