using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;

namespace HooksDashboard.Execution.Http;

/// <summary>TLS settings of a hook's socket, as <c>tls.connect</c>'s options give them (already checked by tls.js).</summary>
/// <param name="ServerName">SNI and the name the certificate must carry; null for an address (no SNI, the address is checked).</param>
/// <param name="RejectUnauthorized">Node's default true: a certificate that does not verify ends the connection.</param>
/// <param name="Ca">PEM certificates that replace the system's trusted roots (Node's <c>ca</c>); empty for the system's.</param>
/// <param name="Alpn">ALPN protocol names offered, in order.</param>
/// <param name="CertPem">The client certificate (PEM) for mutual TLS, with <paramref name="KeyPem"/>.</param>
/// <param name="Passphrase">For an encrypted <paramref name="KeyPem"/>.</param>
/// <param name="MinVersion"><c>TLSv1.2</c> or <c>TLSv1.3</c>; null for the system's default.</param>
/// <param name="MaxVersion">As <paramref name="MinVersion"/>.</param>
internal sealed record SocketTlsOptions(string? ServerName, bool RejectUnauthorized, IReadOnlyList<string> Ca, IReadOnlyList<string> Alpn,
    string? CertPem, string? KeyPem, string? Passphrase, string? MinVersion, string? MaxVersion);

/// <summary>
/// The hook's own TCP connections (<c>net.connect</c>, <c>tls.connect</c>, a socket upgraded to TLS): opened through the
/// same egress policy, request count, timeout and recording as HTTP requests, with their I/O on pool threads and their
/// events (connect, secure, data, end, written, finished, error) queued for the engine's thread like a request's. The
/// script's stream decides when to read (<see cref="PauseSocket"/>), writes one chunk at a time (each acknowledged by a
/// <see cref="HttpEventKind.Written"/> event, which is when Node calls a write's callback), and destroys the connection
/// itself (<see cref="DestroySocket"/>); whatever is still open when the invocation ends is closed then.
/// </summary>
internal sealed partial class HttpSession
{
    private const int SocketChunkBytes = 64 * 1024;

    // Engine-thread state: the connections the script holds, by id (shared with requests' ids).
    private readonly Dictionary<int, Connection> _connections = [];
    private int _refedConnections;

    private bool _outcomeDecided;

    /// <summary>
    /// Whether a connection keeps the event loop alive: before the hook's outcome (cb), any open connection the script
    /// has not <c>unref()</c>'d, as in Node; after it, only one that is opening or was written to since it last
    /// received data (a query or command awaiting its answer). An idle client or pool left open after cb (webtask kept
    /// the container, and its sockets, for the next call) then ends with the run instead of holding it to the time limit.
    /// </summary>
    private bool ConnectionsPending
    {
        get
        {
            if (_refedConnections == 0)
                return false;
            if (!_outcomeDecided)
                return true;
            foreach (var c in _connections.Values)
            {
                if (c.Refed && c.AwaitingAnswer)
                    return true;
            }

            return false;
        }
    }

    /// <summary>The hook called cb (or failed): idle connections stop keeping the run waiting (<see cref="ConnectionsPending"/>).</summary>
    public void OutcomeDecided() => _outcomeDecided = true;

    /// <summary>The invocation ended with connections the script had not closed (they were closed then).</summary>
    public bool LeftConnectionsOpen { get; private set; }

    /// <summary>
    /// Starts connecting to <paramref name="host"/>:<paramref name="port"/> (TLS from the start with <paramref name="tls"/>);
    /// the connection's events carry the returned id. Throws <see cref="HttpStartException"/> when a limit refuses it;
    /// what the network or the egress policy says comes as an error event, as in Node.
    /// </summary>
    public int Connect(string host, int port, SocketTlsOptions? tls, object target)
    {
        var url = SocketUrl(tls is null ? "tcp" : "tls", host, port);
        if (_completed)
            throw new HttpStartException("ERR_HOOKS_HTTP_ENDED", "The invocation has ended: no connection can start");
        if (!TryCount())
            throw new HttpStartException("ERR_HOOKS_HTTP_LIMIT",
                $"The connection to {url} was refused: the hook already made {_limits.MaxHttpRequests} requests and connections, the limit per invocation (Execution:Defaults:MaxHttpRequests)");

        var connection = new Connection(NextId(), host, port, url, target, CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token), _elapsedMs())
        {
            Tls = tls is not null,
        };
        _connections[connection.Id] = connection;
        _refedConnections++;
        _ = Task.Run(() => OpenAsync(connection, tls));
        return connection.Id;
    }

    /// <summary>
    /// Queues a chunk to write; a <see cref="HttpEventKind.Written"/> event with <paramref name="sequence"/> follows once it
    /// is on the connection. Throws <see cref="HttpStartException"/> past the bytes a connection may send.
    /// </summary>
    public void WriteSocket(int id, byte[] chunk, int sequence)
    {
        if (!_connections.TryGetValue(id, out var c))
            return;
        if ((c.Written += chunk.Length) > _limits.MaxHttpRequestBytes)
            throw new HttpStartException("ERR_HOOKS_SOCKET_LIMIT",
                $"Writing {chunk.Length} more bytes to {c.Url} exceeds the {_limits.MaxHttpRequestBytes} bytes a connection may send (Execution:Defaults:MaxHttpRequestBytes)");
        c.AwaitingAnswer = true;
        c.Operations.Writer.TryWrite(new SocketOperation(SocketOperationKind.Write, chunk, sequence, null));
    }

    /// <summary>Ends the writing side once every queued chunk is written (TLS: close_notify first); a <see cref="HttpEventKind.Finish"/> event follows.</summary>
    public void EndSocket(int id)
    {
        if (_connections.TryGetValue(id, out var c))
            c.Operations.Writer.TryWrite(new SocketOperation(SocketOperationKind.End, null, 0, null));
    }

    /// <summary>
    /// Starts TLS on an open connection once the chunks queued before are written (Node's <c>tls.connect({ socket })</c>,
    /// STARTTLS); from then on its events go to <paramref name="target"/>, the TLS socket.
    /// </summary>
    public void UpgradeSocket(int id, SocketTlsOptions tls, object target)
    {
        if (!_connections.TryGetValue(id, out var c))
            return;
        lock (c)
        {
            c.Targets.Add(target);
        }

        c.Tls = true;
        c.AwaitingAnswer = true;

        c.Operations.Writer.TryWrite(new SocketOperation(SocketOperationKind.Upgrade, null, 0, tls));
    }

    /// <summary>The script's stream is full: stop reading the connection until <see cref="ResumeSocket"/>.</summary>
    public void PauseSocket(int id)
    {
        if (_connections.TryGetValue(id, out var c))
            c.Pause();
    }

    public void ResumeSocket(int id)
    {
        if (_connections.TryGetValue(id, out var c))
            c.Resume();
    }

    /// <summary><c>ref()</c>/<c>unref()</c>: whether the open connection keeps the invocation waiting.</summary>
    public void RefSocket(int id, bool refed)
    {
        if (_connections.TryGetValue(id, out var c) && c.Refed != refed)
        {
            c.Refed = refed;
            _refedConnections += refed ? 1 : -1;
        }
    }

    /// <summary><c>setNoDelay</c>/<c>setKeepAlive</c> on the open connection (before it is open: applied when it opens).</summary>
    public void ConfigureSocket(int id, bool? noDelay, bool? keepAlive)
    {
        if (!_connections.TryGetValue(id, out var c))
            return;
        if (noDelay is { } delay)
            c.NoDelay = delay;
        if (keepAlive is { } alive)
            c.KeepAlive = alive;
        c.ApplyOptions();
    }

    /// <summary>Closes the connection now (Node's <c>destroy()</c>); no event of it is delivered any more.</summary>
    /// <param name="error">Why the script destroyed it (its error's code and message), recorded with the connection.</param>
    public void DestroySocket(int id, string? error = null)
    {
        if (!_connections.Remove(id, out var c))
            return;
        if (c.Refed)
            _refedConnections--;
        Close(c, error);
    }

    private void Close(Connection c, string? error)
    {
        c.Closed = true;
        c.Operations.Writer.TryComplete();
        try
        {
            c.Cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        c.Dispose();
        RecordConnection(c, c.Failure ?? error);
    }

    private void RecordConnection(Connection c, string? error)
    {
        lock (_recordsLock)
        {
            if (_completed || c.Recorded)
                return;
            c.Recorded = true;
            _records.Add(new HttpRequestRecord
            {
                Method = "SOCKET",
                Url = c.Url,
                StartedMs = Math.Round(c.StartedMs, 3),
                DurationMs = Math.Round(_elapsedMs() - c.StartedMs, 3),
                RequestBytes = c.Written,
                ResponseBytes = Interlocked.Read(ref c.Read),
                Error = error,
            });
        }
    }

    /// <summary>Closes and records what the script left open (the invocation ended); called by <see cref="Complete"/>.</summary>
    private void CompleteConnections(double now)
    {
        // The script still holds these sockets (a client or pool in module state): its engine must not serve another run,
        // whose code would write to a connection that is gone (JintInvocation.Reusable).
        LeftConnectionsOpen = _connections.Count > 0;
        foreach (var c in _connections.Values)
        {
            c.Closed = true;
            c.Operations.Writer.TryComplete();
            if (!c.Recorded)
            {
                c.Recorded = true;
                _records.Add(new HttpRequestRecord
                {
                    Method = "SOCKET",
                    Url = c.Url,
                    StartedMs = Math.Round(c.StartedMs, 3),
                    DurationMs = Math.Round(now - c.StartedMs, 3),
                    RequestBytes = c.Written,
                    ResponseBytes = Interlocked.Read(ref c.Read),
                    // Left open by the script and closed with the run: how hooks keep clients and pools, not a failure.
                    Error = c.Failure,
                });
            }
        }
    }

    private void DisposeConnections()
    {
        foreach (var c in _connections.Values)
            c.Dispose();
        _connections.Clear();
        _refedConnections = 0;
    }

    /// <summary>Takes a connection's event (engine thread): the target of the event's generation (plain or TLS socket).</summary>
    private bool TryTakeSocketEvent(HttpEvent ev, out object target)
    {
        if (_connections.TryGetValue(ev.Id, out var c))
        {
            if (ev.Kind == HttpEventKind.Data)
            {
                c.AwaitingAnswer = false;
                c.Taken(ev.Data?.Length ?? 0);
            }
            else if (ev.Kind is HttpEventKind.End or HttpEventKind.Error)
            {
                c.AwaitingAnswer = false;
            }
            lock (c)
            {
                target = c.Targets[Math.Min(ev.Generation, c.Targets.Count - 1)];
            }

            return true;
        }

        target = null!;
        return false;
    }

    private static string SocketUrl(string scheme, string host, int port) =>
        $"{scheme}://{(IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host)}:{port.ToString(CultureInfo.InvariantCulture)}";

    private void PostSocket(Connection c, HttpEventKind kind, byte[]? data = null, string[]? details = null, HttpFailure? failure = null, int sequence = 0)
    {
        if (c.Closed)
            return;
        Post(new HttpEvent(c.Id, kind) { Status = sequence, Generation = c.Generation, Data = data, Headers = details, Failure = failure });
    }

    private void FailSocket(Connection c, HttpFailure failure)
    {
        if (c.Closed)
            return;
        c.Failure ??= $"{failure.Code}: {failure.Message}";
        if (failure.Code == "EEGRESS")
            HttpTransport.LogRefused(_transport.Logger, "SOCKET", c.Url, failure.Message);
        else
            HttpTransport.LogFailed(_transport.Logger, "SOCKET", c.Url, failure.Code, failure.Message);
        PostSocket(c, HttpEventKind.Error, failure: failure);
    }

    private async Task OpenAsync(Connection c, SocketTlsOptions? tls)
    {
        var token = CancellationToken.None;
        try
        {
            token = c.Cancel.Token;
            if (_mocks is { PassThrough: false })
            {
                FailSocket(c, new HttpFailure("ERR_HOOKS_HTTP_NO_MOCK",
                    $"no mock can answer a connection to {c.Url}: the run's HTTP mocks answer requests, not sockets (let unmatched requests through to connect)"));
                return;
            }

            if (Uri.CheckHostName(c.Host) is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6))
            {
                // Not a name or an address (user info, a port, a path...): what getaddrinfo says, and nothing is judged or resolved.
                FailSocket(c, new HttpFailure("ENOTFOUND", $"getaddrinfo ENOTFOUND {c.Host}", "getaddrinfo", c.Host));
                return;
            }

            // An address this run's lookup answered is judged as the name it was looked up for (connected to as it is).
            var policyHost = c.Host;
            IPAddress? resolved = null;
            if (IPAddress.TryParse(c.Host, out var literal) && _resolvedNames.TryGetValue(literal.ToString(), out var name))
            {
                policyHost = name;
                resolved = literal;
            }

            using (var opening = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                opening.CancelAfter(_limits.HttpTimeoutMs);
                var target = resolved is null ? new Uri(c.Url) : new Uri(SocketUrl("tcp", policyHost, c.Port));
                if (_transport.PreCheck(target, _pool.Rules) is { } refused)
                {
                    FailSocket(c, new HttpFailure("EEGRESS", $"The egress policy refused a connection to {c.Url}: {refused}"));
                    return;
                }

                try
                {
                    c.Socket = await _transport.OpenSocketAsync(policyHost, c.Port, _pool.Rules, target, opening.Token, resolved).ConfigureAwait(false);
                    if (c.Closed)
                    {
                        // Destroyed (or the run ended) while connecting: Dispose may have run before the socket was set.
                        c.Dispose();
                        return;
                    }

                    c.ApplyOptions();
                    c.Stream = new NetworkStream(c.Socket, ownsSocket: true);
                    var local = (IPEndPoint)c.Socket.LocalEndPoint!;
                    var remote = (IPEndPoint)c.Socket.RemoteEndPoint!;
                    PostSocket(c, HttpEventKind.Connect, details: [Address(local), Port(local), Address(remote), Port(remote), Family(remote)]);
                    if (tls is not null)
                        await StartTlsAsync(c, tls, opening.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested && opening.IsCancellationRequested)
                {
                    FailSocket(c, new HttpFailure("ETIMEDOUT",
                        $"connect ETIMEDOUT {c.Host}:{c.Port}: no connection within {_limits.HttpTimeoutMs} ms, the per-request limit (Execution:Defaults:HttpTimeoutMs)",
                        "connect", c.Host, c.Port));
                    return;
                }
            }

            c.ReadLoop = ReadLoopAsync(c);
            await WriteLoopAsync(c).ConfigureAwait(false);
        }
        catch (TlsRefusedException ex)
        {
            FailSocket(c, ex.Failure);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (!c.Closed)
                FailSocket(c, DescribeSocketError(c, ex));
        }
    }

    private async Task WriteLoopAsync(Connection c)
    {
        var token = c.Cancel.Token;
        await foreach (var op in c.Operations.Reader.ReadAllAsync(token).ConfigureAwait(false))
        {
            switch (op.Kind)
            {
                case SocketOperationKind.Write:
                    await c.Stream!.WriteAsync(op.Data, token).ConfigureAwait(false);
                    PostSocket(c, HttpEventKind.Written, sequence: op.Sequence);
                    break;
                case SocketOperationKind.End:
                    if (c.Stream is SslStream ssl)
                        await ssl.ShutdownAsync().ConfigureAwait(false);
                    c.Socket?.Shutdown(SocketShutdown.Send);
                    PostSocket(c, HttpEventKind.Finish);
                    break;
                case SocketOperationKind.Upgrade:
                    // The plain reader stops first (the peer sends nothing until the client's hello), then TLS takes the stream.
                    c.ReadCancel.Cancel();
                    if (c.ReadLoop is { } reading)
                        await reading.ConfigureAwait(false);
                    c.ReadCancel = CancellationTokenSource.CreateLinkedTokenSource(token);
                    lock (c)
                    {
                        c.Generation = c.Targets.Count - 1;
                    }

                    using (var opening = CancellationTokenSource.CreateLinkedTokenSource(token))
                    {
                        opening.CancelAfter(_limits.HttpTimeoutMs);
                        await StartTlsAsync(c, op.Tls!, opening.Token).ConfigureAwait(false);
                    }

                    c.ReadLoop = ReadLoopAsync(c);
                    break;
            }
        }
    }

    private async Task ReadLoopAsync(Connection c)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(SocketChunkBytes);
        var token = CancellationToken.None;
        try
        {
            token = c.ReadCancel.Token;
            while (true)
            {
                await c.WaitForRoomAsync(token).ConfigureAwait(false);
                var read = await c.Stream!.ReadAsync(buffer.AsMemory(0, SocketChunkBytes), token).ConfigureAwait(false);
                if (read == 0)
                {
                    PostSocket(c, HttpEventKind.End);
                    return;
                }

                if (Interlocked.Add(ref c.Read, read) > _limits.MaxHttpResponseBytes)
                {
                    FailSocket(c, new HttpFailure("ERR_HOOKS_SOCKET_LIMIT",
                        $"{c.Url} sent more than {_limits.MaxHttpResponseBytes} bytes, the most a connection may receive (Execution:Defaults:MaxHttpResponseBytes)"));
                    return;
                }

                c.Queued(read);
                PostSocket(c, HttpEventKind.Data, data: buffer.AsSpan(0, read).ToArray());
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException && token.IsCancellationRequested || ex is ObjectDisposedException && c.Closed)
        {
            // Destroyed, ended with the invocation, or stopped for a TLS upgrade.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (!c.Closed)
                FailSocket(c, DescribeSocketError(c, ex));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task StartTlsAsync(Connection c, SocketTlsOptions tls, CancellationToken token)
    {
        var verdict = new TlsVerdict();
        var ssl = new SslStream(c.Stream!, leaveInnerStreamOpen: false, (_, certificate, chain, errors) => Verify(tls, certificate, chain, errors, verdict));
        var options = new SslClientAuthenticationOptions
        {
            // SNI only for the servername the caller gave (tls.js), as Node's tls.connect; the name check is tls.js's.
            TargetHost = tls.ServerName ?? "",
            EnabledSslProtocols = Protocols(tls.MinVersion, tls.MaxVersion),
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        if (tls.Alpn.Count > 0)
            options.ApplicationProtocols = [.. tls.Alpn.Select(p => new SslApplicationProtocol(p))];
        if (ClientCertificate(tls) is { } client)
            options.ClientCertificates = [client];

        try
        {
            await ssl.AuthenticateAsClientAsync(options, token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            if (ex is AuthenticationException or IOException && !token.IsCancellationRequested)
            {
                throw new TlsRefusedException(verdict.Code is { } code
                    ? new HttpFailure(code, verdict.Message!)
                    : new HttpFailure("ECONNRESET", "Client network socket disconnected before secure TLS connection was established", Address: c.Host, Port: c.Port));
            }

            throw;
        }

        c.Stream = ssl;
        if (c.Closed)
        {
            c.Dispose();
            return;
        }

        var certificate = ssl.RemoteCertificate is { } remote ? X509CertificateLoader.LoadCertificate(remote.GetRawCertData()) : null;
        using (certificate)
        {
            var alpn = ssl.NegotiatedApplicationProtocol.Protocol.Length == 0 ? "" : ssl.NegotiatedApplicationProtocol.ToString();
            PostSocket(c, HttpEventKind.Secure, details:
            [
                ssl.SslProtocol switch { SslProtocols.Tls13 => "TLSv1.3", SslProtocols.Tls12 => "TLSv1.2", var other => other.ToString() },
                alpn,
                verdict.Code is null ? "1" : "",
                verdict.Code ?? "",
                ssl.NegotiatedCipherSuite.ToString(),
                certificate is null ? "" : Convert.ToBase64String(certificate.RawData),
            ]);
        }
    }

    /// <summary>The client certificate of mutual TLS (<c>cert</c> and <c>key</c>, PEM), or null.</summary>
    internal static X509Certificate2? ClientCertificate(SocketTlsOptions tls)
    {
        if (tls.CertPem is null || tls.KeyPem is null)
            return null;
        using var pem = tls.Passphrase is null ? X509Certificate2.CreateFromPem(tls.CertPem, tls.KeyPem) : X509Certificate2.CreateFromEncryptedPem(tls.CertPem, tls.KeyPem, tls.Passphrase);
        // Exported and loaded again so the key is usable by the TLS layer on every platform.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Node's verdict on the server's certificate: <c>authorized</c>, or the OpenSSL code and message Node reports.</summary>
    internal static bool Verify(SocketTlsOptions tls, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, TlsVerdict verdict)
    {
        if (certificate is null)
        {
            verdict.Set("UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "unable to get local issuer certificate");
            return !tls.RejectUnauthorized;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var chainErrors = (errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0;
        if (tls.Ca.Count > 0)
        {
            // Node's `ca` replaces the trusted roots: the chain must end in one of them.
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            foreach (var pem in tls.Ca)
            {
                try
                {
                    var collection = new X509Certificate2Collection();
                    collection.ImportFromPem(pem);
                    custom.ChainPolicy.CustomTrustStore.AddRange(collection);
                }
                catch (CryptographicException)
                {
                    // Not a certificate: trusts nothing, as OpenSSL skips what it cannot read.
                }
            }

            if (chain is not null)
                custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
            chainErrors = !custom.Build(leaf);
            chain = custom;
            if (chainErrors)
                verdict.Set(ChainCode(custom, leaf));
        }
        else if (chainErrors && chain is not null)
        {
            verdict.Set(ChainCode(chain, leaf));
        }

        // The name is checked by tls.js after the handshake, as Node's checkServerIdentity (or the caller's own) does.
        if (verdict.Code is null && (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            verdict.Set("UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "unable to get local issuer certificate");
        return verdict.Code is null || !tls.RejectUnauthorized;
    }

    private static (string Code, string Message) ChainCode(X509Chain chain, X509Certificate2 leaf)
    {
        var status = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        var selfSigned = leaf.SubjectName.RawData.AsSpan().SequenceEqual(leaf.IssuerName.RawData);
        if ((status & X509ChainStatusFlags.NotTimeValid) != 0)
            return DateTime.Now > leaf.NotAfter ? ("CERT_HAS_EXPIRED", "certificate has expired") : ("CERT_NOT_YET_VALID", "certificate is not yet valid");
        if ((status & X509ChainStatusFlags.UntrustedRoot) != 0 || selfSigned)
            return selfSigned ? ("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate") : ("SELF_SIGNED_CERT_IN_CHAIN", "self-signed certificate in certificate chain");
        if ((status & X509ChainStatusFlags.Revoked) != 0)
            return ("CERT_REVOKED", "certificate revoked");
        if ((status & X509ChainStatusFlags.NotSignatureValid) != 0)
            return ("CERT_SIGNATURE_FAILURE", "certificate signature failure");
        return chain.ChainElements.Count <= 1
            ? ("UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate")
            : ("UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "unable to get local issuer certificate");
    }

    /// <summary>The certificate's subject alternative names as Node prints them (<c>DNS:a.example, IP Address:127.0.0.1</c>).</summary>
    internal static string AltNames(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames().Select(n => "DNS:" + n));
                names.AddRange(san.EnumerateIPAddresses().Select(a => "IP Address:" + a));
            }
        }

        return string.Join(", ", names);
    }

    internal static SslProtocols Protocols(string? min, string? max)
    {
        static int Rank(string? version) => version switch { "TLSv1.3" => 3, "TLSv1.2" => 2, _ => 0 };
        var low = Math.Max(Rank(min), 2);
        var high = Rank(max) is var r && r > 0 ? r : 3;
        var protocols = SslProtocols.None;
        if (low <= 2 && high >= 2)
            protocols |= SslProtocols.Tls12;
        if (high >= 3)
            protocols |= SslProtocols.Tls13;
        return protocols;
    }

    /// <summary>Node's code for a socket error.</summary>
    internal static string SocketCode(SocketException socket) => socket.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "ECONNREFUSED",
        SocketError.ConnectionReset => "ECONNRESET",
        SocketError.TimedOut => "ETIMEDOUT",
        SocketError.HostUnreachable => "EHOSTUNREACH",
        SocketError.NetworkUnreachable => "ENETUNREACH",
        SocketError.ConnectionAborted => "ECONNABORTED",
        SocketError.Shutdown => "EPIPE",
        _ => "ECONNRESET",
    };

    private static HttpFailure DescribeSocketError(Connection c, Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case EgressRefusedException refused:
                    return new HttpFailure("EEGRESS", $"The egress policy refused a connection to {c.Url}: {refused.Message}");
                case HostNotFoundException notFound:
                    return new HttpFailure("ENOTFOUND", notFound.Message, "getaddrinfo", notFound.Host);
                case ConnectFailedException failed:
                    {
                        var code = SocketCode(failed.Socket);
                        var address = failed.Address.ToString();
                        return new HttpFailure(code, $"connect {code} {address}:{c.Port}", "connect", address, c.Port);
                    }
                case SocketException socket:
                    {
                        var connected = c.Socket is { Connected: true } || c.Stream is not null;
                        var code = SocketCode(socket);
                        if (!connected)
                        {
                            var address = c.Host;
                            return new HttpFailure(code, $"connect {code} {address}:{c.Port}", "connect", address, c.Port);
                        }

                        return code == "EPIPE"
                            ? new HttpFailure("EPIPE", "write EPIPE", "write")
                            : new HttpFailure(code, $"read {code}", "read");
                    }
            }
        }

        return new HttpFailure("ECONNRESET", ex.Message);
    }

    private static string Address(IPEndPoint endPoint) =>
        (endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address).ToString();

    private static string Port(IPEndPoint endPoint) => endPoint.Port.ToString(CultureInfo.InvariantCulture);

    private static string Family(IPEndPoint endPoint) =>
        endPoint.Address.AddressFamily == AddressFamily.InterNetworkV6 && !endPoint.Address.IsIPv4MappedToIPv6 ? "IPv6" : "IPv4";

    private enum SocketOperationKind
    {
        Write,
        End,
        Upgrade,
    }

    private sealed record SocketOperation(SocketOperationKind Kind, byte[]? Data, int Sequence, SocketTlsOptions? Tls);

    internal sealed class TlsVerdict
    {
        public string? Code { get; private set; }

        public string? Message { get; private set; }

        public void Set(string code, string message)
        {
            Code ??= code;
            Message ??= message;
        }

        public void Set((string Code, string Message) verdict) => Set(verdict.Code, verdict.Message);
    }

    private sealed class TlsRefusedException(HttpFailure failure) : Exception(failure.Message)
    {
        public HttpFailure Failure { get; } = failure;
    }

    private sealed class Connection(int id, string host, int port, string url, object target, CancellationTokenSource cancel, double startedMs) : ReadWindow, IDisposable
    {
        public int Id { get; } = id;

        public string Host { get; } = host;

        public int Port { get; } = port;

        public string Url { get; } = url;

        /// <summary>The script's socket objects: the plain one, then the TLS one after an upgrade (indexed by generation).</summary>
        public List<object> Targets { get; } = [target];

        /// <summary>Which of <see cref="Targets"/> the events read from now on belong to.</summary>
        public int Generation;

        public CancellationTokenSource Cancel { get; } = cancel;

        public CancellationTokenSource ReadCancel { get; set; } = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);

        public double StartedMs { get; } = startedMs;

        public Channel<SocketOperation> Operations { get; } = Channel.CreateUnbounded<SocketOperation>(new UnboundedChannelOptions { SingleReader = true });

        public Socket? Socket { get; set; }

        public Stream? Stream { get; set; }

        public Task? ReadLoop { get; set; }

        public bool Refed { get; set; } = true;

        /// <summary>
        /// Opening and not yet answered (a server that speaks first — SMTP, MySQL — is awaited too), or written to since
        /// data last came (engine thread): see <see cref="HttpSession.ConnectionsPending"/>.
        /// </summary>
        public bool AwaitingAnswer { get; set; } = true;

        /// <summary>TLS from the start or after an upgrade (engine thread).</summary>
        public bool Tls { get; set; }

        public bool? NoDelay { get; set; }

        public bool? KeepAlive { get; set; }

        // Engine thread only.
        public long Written;

        public long Read;

        public volatile bool Closed;

        public string? Failure;

        // Guarded by the session's records lock.
        public bool Recorded;

        public void ApplyOptions()
        {
            try
            {
                if (Socket is { } socket)
                {
                    socket.NoDelay = NoDelay ?? true;
                    if (KeepAlive is { } alive)
                        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, alive);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Closed meanwhile: nothing to configure.
            }
        }

        public void Dispose()
        {
            try
            {
                Stream?.Dispose();
                Socket?.Dispose();
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                // Already closed by the peer or an error.
            }

            // After Cancel (Close): the loops see the cancellation or a disposed source and end without an event.
            Cancel.Dispose();
            ReadCancel.Dispose();
        }
    }
}
