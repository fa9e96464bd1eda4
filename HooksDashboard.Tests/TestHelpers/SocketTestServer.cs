using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>What a <see cref="SocketTestServer"/> does with each connection.</summary>
internal enum SocketTestMode
{
    /// <summary>Sends "hello\n", answers each chunk upper-cased; on "quit" sends "bye\n" and closes.</summary>
    Echo,
    /// <summary>As <see cref="Echo"/>, over TLS (a certificate for <c>localhost</c> from the test CA), greeting "secure hello\n".</summary>
    Tls,
    /// <summary>Plain "220 ready\n"; after any line "220 go ahead\n", then TLS on the same connection answering "TLS:" + upper-cased.</summary>
    StartTls,
    /// <summary>Accepts and sends nothing (reads and drops what comes) until the client closes.</summary>
    Silent,
    /// <summary>Sends <see cref="SocketTestServer.BigBytes"/> bytes of 'x', then closes.</summary>
    Big,
}

/// <summary>A TCP server on 127.0.0.1 for the socket tests (net/tls in hooks), usable by node too (NodeOracle).</summary>
internal sealed class SocketTestServer : IAsyncDisposable
{
    public const int BigBytes = 1024 * 1024;

    private readonly TcpListener _listener;
    private readonly SocketTestMode _mode;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;

    private SocketTestServer(SocketTestMode mode)
    {
        _mode = mode;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public static SocketTestServer Start(SocketTestMode mode) => new(mode);

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    private static readonly Lazy<X509Certificate2> Certificate = new(() => TestCertificateAuthority.IssueServerCertificate("localhost"));

    /// <summary>The test CA as PEM, for a hook's <c>ca</c> option.</summary>
    public static string CaPem => TestCertificateAuthority.Root.ExportCertificatePem();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                Stream stream = client.GetStream();
                switch (_mode)
                {
                    case SocketTestMode.Echo:
                        await EchoAsync(stream, "hello\n", "");
                        break;
                    case SocketTestMode.Tls:
                        await using (var ssl = new SslStream(stream))
                        {
                            await ssl.AuthenticateAsServerAsync(Certificate.Value, false, false);
                            await EchoAsync(ssl, "secure hello\n", "");
                        }

                        break;
                    case SocketTestMode.StartTls:
                        await WriteAsync(stream, "220 ready\n");
                        var buffer = new byte[1024];
                        if (await stream.ReadAsync(buffer, _stop.Token) == 0)
                            return;
                        await WriteAsync(stream, "220 go ahead\n");
                        await using (var ssl = new SslStream(stream))
                        {
                            await ssl.AuthenticateAsServerAsync(Certificate.Value, false, false);
                            await EchoAsync(ssl, null, "TLS:");
                        }

                        break;
                    case SocketTestMode.Silent:
                        var sink = new byte[4096];
                        while (await stream.ReadAsync(sink, _stop.Token) > 0)
                        {
                        }

                        break;
                    case SocketTestMode.Big:
                        var chunk = Enumerable.Repeat((byte)'x', 16 * 1024).ToArray();
                        for (var sent = 0; sent < BigBytes; sent += chunk.Length)
                            await stream.WriteAsync(chunk, _stop.Token);
                        client.Client.Shutdown(SocketShutdown.Send);
                        while (await stream.ReadAsync(chunk, _stop.Token) > 0)
                        {
                        }

                        break;
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException
                or System.Security.Authentication.AuthenticationException)
            {
                // The client went away or refused the certificate: that is what some tests do.
            }
        }
    }

    private async Task EchoAsync(Stream stream, string? greeting, string prefix)
    {
        if (greeting is not null)
            await WriteAsync(stream, greeting);
        var buffer = new byte[4096];
        while (true)
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
                return;
            var text = Encoding.UTF8.GetString(buffer, 0, read);
            if (text.Contains("quit", StringComparison.Ordinal))
            {
                await WriteAsync(stream, "bye\n");
                if (stream is SslStream ssl)
                    await ssl.ShutdownAsync();
                return;
            }

            await WriteAsync(stream, prefix + text.ToUpperInvariant());
        }
    }

    private Task WriteAsync(Stream stream, string text) => stream.WriteAsync(Encoding.UTF8.GetBytes(text), _stop.Token).AsTask();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
