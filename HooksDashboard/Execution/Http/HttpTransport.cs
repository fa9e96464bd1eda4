using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Execution.Http;

/// <summary>
/// The one network client of hooks' outbound HTTP: a single <see cref="SocketsHttpHandler"/> (one connection pool for
/// every invocation, no per-invocation sockets) whose connect callback enforces the <see cref="EgressPolicy"/> on the
/// resolved addresses and connects to an address it checked, so there is no gap between the check and the
/// connection (DNS rebinding). Redirects are followed by <see cref="HttpSession"/>, one hop at a time, so every hop
/// is a new request through the same checks; the handler's own redirect, cookie and proxy support are off (a proxy
/// would connect on the hook's behalf to an address never checked).
/// </summary>
public sealed partial class HttpTransport : IDisposable
{
    /// <summary>Pools kept for hook policies before idle ones are given back (each pool is one handler).</summary>
    internal const int MaxPolicyPools = 64;

    private readonly TransportPool _global;
    private readonly ConcurrentDictionary<string, TransportPool> _policyPools = new(StringComparer.Ordinal);
    private readonly Lock _policyPoolsLock = new();
    private readonly SocketsHttpHandler _ownHandler;
    private readonly ILogger _logger;
    private readonly HostOverrides? _overrides;

    public HttpTransport(IOptions<ExecutionOptions> options, ILogger<HttpTransport> logger, OwnServerRoute? ownServer = null)
        : this(new EgressPolicy((options ?? throw new ArgumentNullException(nameof(options))).Value.Egress), logger, ownServer)
    {
    }

    public HttpTransport(EgressPolicy policy, ILogger? logger = null, OwnServerRoute? ownServer = null)
        : this(policy, logger, (HostOverrides?)null, ownServer)
    {
    }

    /// <summary>
    /// A transport whose connections to the hosts named in <paramref name="overrides"/> go to fixed endpoints, with
    /// TLS certificates checked against the overrides' own root as well. For tests of SDKs that call fixed https hosts
    /// (api.twilio.com, rest.nexmo.com): the application never builds one (no configuration reaches it), and the
    /// egress policy still judges the endpoint's address like any other.
    /// </summary>
    public HttpTransport(EgressPolicy policy, ILogger? logger, HostOverrides? overrides, OwnServerRoute? ownServer = null)
    {
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _overrides = overrides;
        OwnServer = ownServer ?? OwnServerRoute.None;
        _logger = logger ?? NullLogger.Instance;
        _global = new TransportPool(this, null);

        // Requests to this server's own public host go to its own listening socket (OwnServerRoute): the URL is
        // already the listening address, so the default connect is right; no egress check applies to our own socket.
        _ownHandler = CreateOwnHandler();
        OwnInvoker = new HttpMessageInvoker(_ownHandler, disposeHandler: false);
    }

    private SocketsHttpHandler CreateHandler(HookEgressRules? rules, SocketTlsOptions? tls, TransportPool pool)
    {
        var handler = NewHandler(rules);
        handler.SslOptions.CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
        if (tls is null && _overrides is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = _overrides.Validate;
            return handler;
        }

        // Node's checks on the server's certificate (the system's roots or `ca`, the name, rejectUnauthorized), with
        // the code and text of a refusal kept for the request's error (HttpSession.Describe).
        var settings = tls ?? DefaultTls;
        handler.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) => pool.Check(settings, sender, certificate, chain, errors);
        if (tls is not null)
        {
            handler.SslOptions.EnabledSslProtocols = HttpSession.Protocols(tls.MinVersion, tls.MaxVersion);
            if (HttpSession.ClientCertificate(tls) is { } client)
                handler.SslOptions.ClientCertificates = [client];
        }

        return handler;
    }

    private static readonly SocketTlsOptions DefaultTls = new(null, RejectUnauthorized: true, [], [], null, null, null, null, null);

    // Bodies come as sent: Node's http hands them over encoded, and fetch decodes them itself (HttpSession.DecodedAsync)
    // keeping content-encoding and content-length, as undici does (.NET's decompression drops both and knows no br).
    private SocketsHttpHandler NewHandler(HookEgressRules? rules) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        // Connections are reused across invocations; a bounded lifetime picks up DNS changes.
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(30),
        MaxResponseHeadersLength = 64,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context, rules, cancellationToken),
        // Traced requests still get their span (a child of the invocation's), but no traceparent/baggage header goes
        // to third parties: a hook's request carries exactly the headers the hook set, as under Node.
        ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
        // Header values go out as Latin-1 bytes, as Node writes them (http and fetch let through characters up to 255
        // only): .NET's default refuses anything beyond ASCII, so an S3 metadata value "Müller" failed the request.
        RequestHeaderEncodingSelector = static (_, _) => System.Text.Encoding.Latin1,
    };

    private static SocketsHttpHandler CreateOwnHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        MaxResponseHeadersLength = 64,
        RequestHeaderEncodingSelector = static (_, _) => System.Text.Encoding.Latin1,
        // Only used when the server listens on HTTPS alone. The connection goes to an address this process bound
        // itself (wildcards read as loopback), so the peer is this process; its certificate names the public host
        // (or is a development certificate), never the listening address, and would fail a name check.
#pragma warning disable CA5359 // see above: the peer is this process's own listening socket
        SslOptions = { RemoteCertificateValidationCallback = static (_, _, _, _) => true },
#pragma warning restore CA5359
    };

    /// <summary>A transport with the default policy (public addresses only), for executors built without configuration.</summary>
    public static HttpTransport Default => LazyDefault.Value;

    private static readonly Lazy<HttpTransport> LazyDefault = new(() => new HttpTransport(EgressPolicy.Default));

    public EgressPolicy Policy { get; }

    /// <summary>Which requests go to this server's own listening socket instead of the network.</summary>
    public OwnServerRoute OwnServer { get; }

    /// <summary>The global policy's pool (fetch and Node's <c>http</c>/<c>https</c>; bodies as sent).</summary>
    internal HttpMessageInvoker Invoker => _global.Invoker;

    /// <summary>How many pools hook policies have now (tests, diagnostics).</summary>
    internal int PolicyPoolCount => _policyPools.Count;

    /// <summary>
    /// The connection pool of a hook policy: its connect callback checks the hook's lists as well as the global policy,
    /// and it is used by that policy's requests only, so a connection opened (and checked) for one policy never carries
    /// a request of another. Equal policies share a pool (keyed by <see cref="HookEgressRules.Key"/>). When more than
    /// <see cref="MaxPolicyPools"/> exist, the least recently used one is dropped from the table; its handlers are
    /// disposed later, once nothing can still be sending on them.
    /// </summary>
    internal TransportPool PoolFor(HookEgressRules? rules) => PoolFor(rules, null);

    /// <summary>
    /// As <see cref="PoolFor(HookEgressRules?)"/>, for https requests with their own TLS settings (<c>ca</c>, a client
    /// certificate, <c>rejectUnauthorized: false</c>, protocol versions): pools are keyed by the policy and the
    /// settings, so a connection accepted under one set of settings never carries a request made under another.
    /// </summary>
    internal TransportPool PoolFor(HookEgressRules? rules, SocketTlsOptions? tls)
    {
        if (rules is null && tls is null)
            return _global;
        var key = tls is null ? rules!.Key : (rules?.Key ?? "") + "\u0001" + TlsKey(tls);
        if (_policyPools.TryGetValue(key, out var pool))
        {
            pool.Touch();
            return pool;
        }

        lock (_policyPoolsLock)
        {
            if (_policyPools.TryGetValue(key, out pool))
                return pool;
            if (_policyPools.Count >= MaxPolicyPools)
            {
                var oldest = _policyPools.OrderBy(p => p.Value.LastUsed).First();
                _policyPools.TryRemove(oldest.Key, out _);
                oldest.Value.RetireAfter(TimeSpan.FromMinutes(5));
            }

            pool = new TransportPool(this, rules, tls);
            _policyPools[key] = pool;
            return pool;
        }
    }

    // The settings' digest (the key material stays out of the table's keys).
    private static string TlsKey(SocketTlsOptions tls)
    {
        var text = string.Join("\u0000", [tls.RejectUnauthorized ? "1" : "0", .. tls.Ca, "\u0001", tls.CertPem ?? "", tls.KeyPem ?? "", tls.Passphrase ?? "",
            tls.MinVersion ?? "", tls.MaxVersion ?? ""]);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The client of requests to this server's own listening socket (bodies as sent).</summary>
    internal HttpMessageInvoker OwnInvoker { get; }

    internal ILogger Logger => _logger;

    /// <summary>
    /// Why connecting to <paramref name="address"/> (given for, or resolved from, <paramref name="host"/>) is refused by
    /// the global policy or the hook's lists, or null: the one judgement of an address, for connections and for the
    /// answers of a hook's name lookups alike.
    /// </summary>
    internal string? CheckAddress(string host, IPAddress address, bool hostAllowed, HookEgressRules? rules) =>
        Policy.CheckAddress(address, hostAllowed) ?? rules?.CheckAddress(host, address);

    /// <summary>Why the URL's host is refused before anything is resolved or sent (deny-listed name, forbidden literal address), or null.</summary>
    internal string? PreCheck(Uri uri, HookEgressRules? rules = null)
    {
        var host = uri.IdnHost;
        if (rules?.CheckUrl(uri) is { } hookRefusal)
            return hookRefusal;
        if (Policy.CheckHost(host) is { } denied)
            return denied;
        if (Policy.IsHostAllowed(host))
            return null;
        return IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? Policy.CheckAddress(literal) : null;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, HookEgressRules? rules, CancellationToken cancellationToken)
    {
        var socket = await OpenSocketAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, rules, context.InitialRequestMessage.RequestUri!, cancellationToken)
            .ConfigureAwait(false);
        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>
    /// Opens a TCP connection to <paramref name="host"/>:<paramref name="port"/> as the egress policy allows: the name is
    /// checked, resolved, and only the addresses that pass the global policy and the hook's lists are connected to (the
    /// check and the connection use the same list). For HTTP requests' pools and for hooks' own sockets
    /// (<c>net.connect</c>, <c>tls.connect</c>), whose <paramref name="target"/> is <c>tcp://host:port</c> or <c>tls://host:port</c>.
    /// </summary>
    /// <exception cref="EgressRefusedException">The policy refuses the name or every address it resolves to.</exception>
    /// <exception cref="HostNotFoundException">The name does not resolve.</exception>
    /// <param name="resolved">An address this invocation looked <paramref name="host"/> up to (a client that resolves
    /// before it connects, as nodemailer does): connected to as it is, and judged as the name it was looked up for.</param>
    internal async ValueTask<Socket> OpenSocketAsync(string host, int port, HookEgressRules? rules, Uri target, CancellationToken cancellationToken,
        IPAddress? resolved = null)
    {
        if (Policy.CheckHost(host) is { } denied)
            throw new EgressRefusedException(denied);
        if (rules?.CheckUrl(target) is { } hookDenied)
            throw new EgressRefusedException(hookDenied);

        var hostAllowed = Policy.IsHostAllowed(host);
        IPAddress[] addresses;
        IPAddress? literal = null;
        if (resolved is not null)
        {
            addresses = [resolved];
        }
        else if (IPAddress.TryParse(host.Trim('[', ']'), out literal))
        {
            addresses = [literal];
        }
        else if (_overrides is not null && _overrides.Hosts.TryGetValue(host, out var pinned))
        {
            // A test's stand-in for a vendor host: judged by the policy below as any address is.
            addresses = [pinned.Address];
            port = pinned.Port;
            hostAllowed = false;
        }
        else
        {
            try
            {
                // WaitAsync: on Unix the resolver's getaddrinfo runs blocking on a pool thread, which a token cannot stop.
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                throw new HostNotFoundException(host, ex);
            }
        }

        if (addresses.Length == 0)
            throw new HostNotFoundException(host, null);

        // Only addresses that pass are connected to: the check and the connection use the same list.
        var allowed = new List<IPAddress>(addresses.Length);
        string? firstRefusal = null;
        foreach (var address in addresses)
        {
            if (CheckAddress(host, address, hostAllowed, rules) is { } why)
                firstRefusal ??= why;
            else
                allowed.Add(address);
        }

        if (allowed.Count == 0)
        {
            throw new EgressRefusedException(literal is null ? $"{host} resolves to {firstRefusal}" : firstRefusal!);
        }

        var socket = Socket.OSSupportsIPv6
            ? new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }
            : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // One address at a time, so a failure names the address as Node's does (`connect ECONNREFUSED 127.0.0.1:1`
            // for localhost).
            for (var i = 0; ; i++)
            {
                try
                {
                    await socket.ConnectAsync(allowed[i], port, cancellationToken).ConfigureAwait(false);
                    return socket;
                }
                catch (SocketException) when (i + 1 < allowed.Count)
                {
                    // The next address, on a fresh socket (a failed connect leaves this one unusable).
                    socket.Dispose();
                    socket = Socket.OSSupportsIPv6
                        ? new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }
                        : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                }
                catch (SocketException ex)
                {
                    throw new ConnectFailedException(allowed[i], ex);
                }
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _global.Dispose();
        foreach (var pool in _policyPools.Values)
            pool.Dispose();
        _policyPools.Clear();
        OwnInvoker.Dispose();
        _ownHandler.Dispose();
    }

    /// <summary>The handler of one policy (and, for https requests with their own TLS settings, of those settings).</summary>
    internal sealed class TransportPool : IDisposable
    {
        private readonly SocketsHttpHandler _handler;
        // The last refusal of a server's certificate by host, for the failed request's error (a host's verdict under
        // one pool's settings is the same for every request).
        private readonly ConcurrentDictionary<string, (string Code, string Message)> _refusals = new(StringComparer.OrdinalIgnoreCase);
        private long _lastUsed = Environment.TickCount64;

        public TransportPool(HttpTransport transport, HookEgressRules? rules, SocketTlsOptions? tls = null)
        {
            Rules = rules;
            _handler = transport.CreateHandler(rules, tls, this);
            Invoker = new HttpMessageInvoker(_handler, disposeHandler: false);
        }

        /// <summary>Node's verdict on a server's certificate for an https request: the chain (system roots or <c>ca</c>)
        /// and the name, unless <c>rejectUnauthorized</c> is false.</summary>
        internal bool Check(SocketTlsOptions tls, object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate,
            System.Security.Cryptography.X509Certificates.X509Chain? chain, System.Net.Security.SslPolicyErrors errors)
        {
            var host = (sender as System.Net.Security.SslStream)?.TargetHostName ?? "";
            var verdict = new HttpSession.TlsVerdict();
            var accepted = HttpSession.Verify(tls, certificate, chain, errors, verdict);
            if (verdict.Code is null && (errors & System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch) != 0 && certificate is not null)
            {
                using var leaf = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                verdict.Set("ERR_TLS_CERT_ALTNAME_INVALID", AltNameMessage(host, leaf));
                accepted = !tls.RejectUnauthorized;
            }

            if (!accepted && verdict.Code is { } code)
            {
                // Bounded: hosts that refused are few; a flood of names starts the table over.
                if (_refusals.Count >= 1024)
                    _refusals.Clear();
                _refusals[host] = (code, verdict.Message!);
            }
            else if (accepted)
            {
                _refusals.TryRemove(host, out _); // a refusal is about the handshake that made it, never a later one
            }

            return accepted;
        }

        /// <summary>
        /// The code and text of the last refusal of <paramref name="host"/>'s certificate, if any, taken by the failed
        /// request it explains: a later handshake that fails otherwise (a plain-HTTP port, a server hanging up) must not
        /// report it again.
        /// </summary>
        internal (string Code, string Message)? RefusalFor(string host) => _refusals.TryRemove(host, out var refusal) ? refusal : null;

        // Node's checkServerIdentity texts.
        private static string AltNameMessage(string host, System.Security.Cryptography.X509Certificates.X509Certificate2 leaf)
        {
            var altNames = HttpSession.AltNames(leaf);
            if (IPAddress.TryParse(host.Trim('[', ']'), out _))
            {
                var ips = string.Join(", ", altNames.Split(", ").Where(n => n.StartsWith("IP Address:", StringComparison.Ordinal)).Select(n => n["IP Address:".Length..]));
                return $"Hostname/IP does not match certificate's altnames: IP: {host} is not in the cert's list: {ips}";
            }

            return altNames.Length > 0
                ? $"Hostname/IP does not match certificate's altnames: Host: {host}. is not in the cert's altnames: {altNames}"
                : $"Hostname/IP does not match certificate's altnames: Host: {host}. is not cert's CN: {leaf.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false)}";
        }

        public HookEgressRules? Rules { get; }

        public HttpMessageInvoker Invoker { get; }

        public long LastUsed => Interlocked.Read(ref _lastUsed);

        public void Touch() => Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);

        /// <summary>Disposes the pool once requests that already took it have surely ended (longer than any request may last).</summary>
        public void RetireAfter(TimeSpan delay) => _ = Task.Delay(delay).ContinueWith(_ => Dispose(), TaskScheduler.Default);

        public void Dispose()
        {
            Invoker.Dispose();
            _handler.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A hook's outbound request was refused by the egress policy: {Method} {Url}: {Reason}")]
    internal static partial void LogRefused(ILogger logger, string method, string url, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "A hook's outbound request failed: {Method} {Url}: {Code} {Reason}")]
    internal static partial void LogFailed(ILogger logger, string method, string url, string code, string reason);
}

/// <summary>
/// Test seam of <see cref="HttpTransport"/>: host names connected to fixed endpoints instead of their DNS addresses,
/// and one extra certificate authority trusted for those names only (every other host keeps the system's trust).
/// </summary>
public sealed class HostOverrides(IReadOnlyDictionary<string, IPEndPoint> hosts, System.Security.Cryptography.X509Certificates.X509Certificate2 trustedRoot)
{
    public IReadOnlyDictionary<string, IPEndPoint> Hosts { get; } = hosts;

    internal bool Validate(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate,
        System.Security.Cryptography.X509Certificates.X509Chain? chain, System.Net.Security.SslPolicyErrors errors)
    {
        if (errors == System.Net.Security.SslPolicyErrors.None)
            return true;
        var host = (sender as System.Net.Security.SslStream)?.TargetHostName;
        if (certificate is null || host is null || !Hosts.ContainsKey(host)
            || (errors & ~System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors) != 0)
            return false;
        using var custom = new System.Security.Cryptography.X509Certificates.X509Chain();
        custom.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(trustedRoot);
        custom.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
        if (certificate is System.Security.Cryptography.X509Certificates.X509Certificate2 full)
            return custom.Build(full);
        using var leaf = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }
}

/// <summary>The egress policy refused a connection; the message names why.</summary>
public sealed class EgressRefusedException(string reason) : IOException(reason);

/// <summary>No address could be connected to: the last one tried (Node's errors name the address, not the host) and why.</summary>
public sealed class ConnectFailedException(IPAddress address, SocketException inner) : IOException(inner.Message, inner)
{
    public IPAddress Address { get; } = address;

    public SocketException Socket { get; } = inner;
}

/// <summary>A name did not resolve.</summary>
public sealed class HostNotFoundException(string host, Exception? inner) : IOException($"getaddrinfo ENOTFOUND {host}", inner)
{
    public string Host { get; } = host;
}
