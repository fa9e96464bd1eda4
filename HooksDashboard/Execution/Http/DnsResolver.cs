using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace HooksDashboard.Execution.Http;

/// <summary>A record query that gave no answer: Node's code (<c>ENOTFOUND</c>, <c>ENODATA</c>, <c>ETIMEOUT</c>, ...) and why.</summary>
internal sealed class DnsQueryException(string code, string why) : Exception(why)
{
    public string Code { get; } = code;
}

/// <summary>
/// Sends a record query to DNS servers as Node's resolver (c-ares) does: over UDP to each server in turn, again over
/// TCP to the server whose answer came truncated; a server that fails the query (SERVFAIL, NOTIMP, REFUSED) or does
/// not answer passes it to the next one, round after round, until one answers or the time is up. The servers are the
/// system's (<c>/etc/resolv.conf</c>, as c-ares reads them) unless the script set its own.
/// </summary>
internal static class DnsResolver
{
    private const int DnsPort = 53;
    private const string ResolvConf = "/etc/resolv.conf";

    /// <summary>
    /// The system's DNS servers: the <c>nameserver</c> lines of <c>/etc/resolv.conf</c>, read again when the file changes;
    /// 127.0.0.1 when there are none, as c-ares falls back.
    /// </summary>
    public static IReadOnlyList<IPEndPoint> SystemServers()
    {
        DateTime written;
        try
        {
            written = File.GetLastWriteTimeUtc(ResolvConf);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            written = default;
        }

        var cached = s_system;
        if (cached is not null && cached.Written == written)
            return cached.Servers;
        var servers = new List<IPEndPoint>();
        try
        {
            foreach (var line in File.ReadLines(ResolvConf))
            {
                var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && parts[0] == "nameserver" && IPAddress.TryParse(parts[1].Split('%')[0], out var address))
                    servers.Add(new IPEndPoint(address, DnsPort));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No configuration: the fallback below.
        }

        if (servers.Count == 0)
            servers.Add(new IPEndPoint(IPAddress.Loopback, DnsPort));
        s_system = new SystemConfiguration(written, servers);
        return servers;
    }

    private sealed record SystemConfiguration(DateTime Written, IReadOnlyList<IPEndPoint> Servers);

    private static SystemConfiguration? s_system;

    /// <summary>
    /// The names <c>/etc/hosts</c> gives <paramref name="address"/> as Node's <c>reverse</c> reports them (c-ares reads the
    /// file before asking DNS, merges the lines of one address, and Node gives the entry's aliases: every name but the
    /// first); null when the file does not list the address.
    /// </summary>
    public static IReadOnlyList<string>? HostsFileAliases(IPAddress address)
    {
        List<string>? names = null;
        try
        {
            foreach (var raw in File.ReadLines("/etc/hosts"))
            {
                var line = raw.Split('#')[0];
                var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 2 || !IPAddress.TryParse(parts[0], out var listed) || !listed.Equals(address))
                    continue;
                names ??= [];
                foreach (var name in parts.Skip(1))
                {
                    if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
                        names.Add(name);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return names is null ? null : names.Skip(1).ToList();
    }

    /// <summary>How Node prints a server: the address, with its port when not 53 (an IPv6 address then in brackets).</summary>
    public static string Describe(IPEndPoint server) => server.Port == DnsPort
        ? server.Address.ToString()
        : (server.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{server.Address}]" : server.Address.ToString()) + ":" + server.Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Asks <paramref name="servers"/> for <paramref name="name"/>'s records of <paramref name="type"/> within
    /// <paramref name="timeoutMs"/>, each try waiting at most <paramref name="tryTimeoutMs"/> (doubled each round).
    /// </summary>
    /// <exception cref="DnsQueryException">No server gave a usable answer: Node's code for why.</exception>
    public static async Task<DnsResponse> QueryAsync(string name, ushort type, IReadOnlyList<IPEndPoint> servers, int timeoutMs, int tryTimeoutMs, CancellationToken cancellationToken)
    {
        if (servers.Count == 0)
            throw new DnsQueryException("ECONNREFUSED", "no DNS server is set (setServers was given none)");
        var id = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
        var query = DnsMessage.Query(id, name, type) ?? throw new DnsQueryException("EBADNAME", $"{name} cannot be sent as a DNS name");
        var deadline = Environment.TickCount64 + timeoutMs;
        string? failure = null;
        string? why = null;
        for (var round = 0; ; round++)
        {
            // How many servers said, this round, why they would not answer (refused it, or failed it by response code):
            // when every one did, asking them again gives the same answer.
            var declined = 0;
            foreach (var server in servers)
            {
                var remaining = deadline - Environment.TickCount64;
                if (remaining <= 0)
                    throw new DnsQueryException(failure ?? "ETIMEOUT", why ?? $"no answer within {timeoutMs} ms");
                var wait = (int)Math.Min(remaining, Math.Min((long)tryTimeoutMs << Math.Min(round, 4), int.MaxValue));
                DnsResponse? response;
                try
                {
                    response = await ExchangeAsync(query, id, server, wait, cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
                {
                    declined++;
                    (failure, why) = ("ECONNREFUSED", $"{Describe(server)} refused the query (nothing listens there)");
                    continue;
                }
                catch (SocketException ex)
                {
                    // Unreachable (no route, no such interface): c-ares reports it as a refusal.
                    declined++;
                    (failure, why) = ("ECONNREFUSED", $"{Describe(server)} cannot be reached: {ex.Message}");
                    continue;
                }
                catch (DnsFormatException ex)
                {
                    declined++;
                    (failure, why) = ("EBADRESP", $"{Describe(server)} answered with a message that cannot be read: {ex.Message}");
                    continue;
                }

                if (response is null)
                {
                    (failure, why) = (failure is "ECONNREFUSED" ? null : failure, $"{Describe(server)} did not answer within {wait} ms");
                    continue;
                }

                switch (response.ResponseCode)
                {
                    case 0 or 3:
                        return response;
                    case 1:
                        throw new DnsQueryException("EFORMERR", $"{Describe(server)} did not understand the query (FORMERR)");
                    case 2:
                        (failure, why) = ("ESERVFAIL", $"{Describe(server)} could not answer (SERVFAIL)");
                        break;
                    case 4:
                        (failure, why) = ("ENOTIMP", $"{Describe(server)} does not answer this kind of query (NOTIMP)");
                        break;
                    case 5:
                        (failure, why) = ("EREFUSED", $"{Describe(server)} refused the query (REFUSED)");
                        break;
                    default:
                        (failure, why) = ("EBADRESP", $"{Describe(server)} answered with response code {response.ResponseCode}");
                        break;
                }

                declined++;
            }

            if (declined == servers.Count)
                throw new DnsQueryException(failure!, why!);
        }
    }

    /// <summary>One exchange with one server: UDP, then TCP when the answer came truncated. Null when it did not answer in time.</summary>
    private static async Task<DnsResponse?> ExchangeAsync(byte[] query, ushort id, IPEndPoint server, int timeoutMs, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(timeoutMs);
        try
        {
            DnsResponse? response;
            using (var udp = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp))
            {
                await udp.ConnectAsync(server, timeout.Token).ConfigureAwait(false);
                await udp.SendAsync(query, SocketFlags.None, timeout.Token).ConfigureAwait(false);
                // Servers may answer over UDP beyond 512 bytes without truncating; c-ares reads them whole.
                var buffer = new byte[65535];
                while (true)
                {
                    var received = await udp.ReceiveAsync(buffer, SocketFlags.None, timeout.Token).ConfigureAwait(false);
                    // Not this query's answer (a late answer to an earlier query): keep waiting.
                    response = DnsMessage.Parse(buffer[..received], id, query);
                    if (response is not null)
                        break;
                }
            }

            return response.Truncated ? await ExchangeTcpAsync(query, id, server, timeout.Token).ConfigureAwait(false) : response;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static async Task<DnsResponse?> ExchangeTcpAsync(byte[] query, ushort id, IPEndPoint server, CancellationToken cancellationToken)
    {
        using var tcp = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await tcp.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        var framed = new byte[query.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)query.Length);
        query.CopyTo(framed, 2);
        await tcp.SendAsync(framed, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        var length = new byte[2];
        await ReceiveExactlyAsync(tcp, length, cancellationToken).ConfigureAwait(false);
        var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
        await ReceiveExactlyAsync(tcp, message, cancellationToken).ConfigureAwait(false);
        return DnsMessage.Parse(message, id, query) ?? throw new DnsFormatException("the TCP answer is not this query's");
    }

    private static async Task ReceiveExactlyAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        for (var at = 0; at < buffer.Length;)
        {
            var received = await socket.ReceiveAsync(buffer.AsMemory(at), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (received == 0)
                throw new DnsFormatException("the server closed the TCP connection before its answer ended");
            at += received;
        }
    }
}
