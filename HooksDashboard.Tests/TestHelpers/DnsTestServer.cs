using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// An authoritative DNS server on 127.0.0.1 for the tests (UDP and TCP on one port), answering from a fixed zone under
/// <c>example.test</c>: MX, TXT, SRV, NS, CNAME, SOA, CAA, NAPTR, PTR, A, ANY. Special names answer with a response code
/// (<c>servfail.example.test</c>, <c>refused.example.test</c>, <c>notimp.example.test</c>) or not at all
/// (<c>silent.example.test</c>) or with a message cut short (<c>garbage.example.test</c>); answers over 512 bytes come truncated over UDP (as a server without EDNS sends them) and
/// whole over TCP; an unknown name is NXDOMAIN. Node's resolver and the hook's can both be pointed at it
/// (<c>dns.setServers(['127.0.0.1:port'])</c>).
/// </summary>
public sealed class DnsTestServer : IAsyncDisposable
{
    private readonly Socket _udp;
    private readonly TcpListener _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _udpLoop;
    private readonly Task _tcpLoop;
    private int _queries;

    private DnsTestServer(Socket udp, TcpListener tcp)
    {
        _udp = udp;
        _tcp = tcp;
        _udpLoop = Task.Run(ServeUdpAsync);
        _tcpLoop = Task.Run(ServeTcpAsync);
    }

    public int Port => ((IPEndPoint)_udp.LocalEndPoint!).Port;

    /// <summary>Queries received (UDP and TCP).</summary>
    public int Queries => Volatile.Read(ref _queries);

    public static DnsTestServer Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var tcp = new TcpListener(IPAddress.Loopback, ((IPEndPoint)udp.LocalEndPoint!).Port);
            try
            {
                tcp.Start();
                return new DnsTestServer(udp, tcp);
            }
            catch (SocketException) when (attempt < 20)
            {
                // The TCP port of that number is taken: another pair.
                udp.Dispose();
            }
        }
    }

    private async Task ServeUdpAsync()
    {
        var buffer = new byte[1500];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            Interlocked.Increment(ref _queries);
            var answer = Answer(buffer.AsSpan(0, received.ReceivedBytes).ToArray(), udp: true);
            if (answer is not null)
                await _udp.SendToAsync(answer, SocketFlags.None, received.RemoteEndPoint);
        }
    }

    private async Task ServeTcpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _tcp.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        var stream = client.GetStream();
                        var length = new byte[2];
                        await stream.ReadExactlyAsync(length, _stop.Token);
                        var query = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
                        await stream.ReadExactlyAsync(query, _stop.Token);
                        Interlocked.Increment(ref _queries);
                        var answer = Answer(query, udp: false);
                        if (answer is null)
                            return;
                        var framed = new byte[answer.Length + 2];
                        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)answer.Length);
                        answer.CopyTo(framed, 2);
                        await stream.WriteAsync(framed, _stop.Token);
                    }
                    catch (Exception)
                    {
                        // A client that went away.
                    }
                }
            });
        }
    }

    private sealed record Rr(string Owner, ushort Type, uint Ttl, Func<string, byte[]> Data);

    private static byte[] Name(string name)
    {
        var bytes = new List<byte>();
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var raw = Encoding.UTF8.GetBytes(label);
            bytes.Add((byte)raw.Length);
            bytes.AddRange(raw);
        }

        bytes.Add(0);
        return [.. bytes];
    }

    private static byte[] U16(int value) => [(byte)(value >> 8), (byte)value];

    private static byte[] U32(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static byte[] Strings(params string[] texts) => [.. texts.SelectMany(t =>
    {
        var raw = Encoding.UTF8.GetBytes(t);
        return new[] { (byte)raw.Length }.Concat(raw);
    })];

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static readonly Rr[] Zone =
    [
        new("example.test", 15, 300, _ => Concat(U16(10), Name("mail.example.test"))),
        new("example.test", 15, 300, _ => Concat(U16(20), Name("mail2.example.test"))),
        new("example.test", 16, 300, _ => Strings("v=spf1 include:_spf.example.test -all")),
        new("example.test", 16, 300, _ => Strings("part one", "part two")),
        new("example.test", 16, 300, _ => Strings("héllo wörld")),
        new("example.test", 2, 3600, _ => Name("ns1.example.test")),
        new("example.test", 2, 3600, _ => Name("ns2.example.test")),
        new("example.test", 6, 3600, _ => Concat(Name("ns1.example.test"), Name("hostmaster.example.test"), U32(2026120701), U32(7200), U32(3600), U32(1209600), U32(300))),
        new("example.test", 257, 3600, _ => Concat([0, 5], Encoding.ASCII.GetBytes("issue"), Encoding.ASCII.GetBytes("letsencrypt.org"))),
        new("example.test", 257, 3600, _ => Concat([128, 5], Encoding.ASCII.GetBytes("iodef"), Encoding.ASCII.GetBytes("mailto:security@example.test"))),
        new("example.test", 35, 3600, _ => Concat(U16(100), U16(10), Strings("S", "SIP+D2U", ""), Name("_sip._udp.example.test"))),
        new("example.test", 1, 60, _ => [127, 0, 0, 1]),
        new("_mongodb._tcp.cluster0.example.test", 33, 60, _ => Concat(U16(0), U16(5), U16(27017), Name("shard-00.example.test"))),
        new("_mongodb._tcp.cluster0.example.test", 33, 60, _ => Concat(U16(1), U16(10), U16(27018), Name("shard-01.example.test"))),
        new("cluster0.example.test", 16, 60, _ => Strings("authSource=admin&replicaSet=atlas-abc")),
        new("alias.example.test", 5, 30, _ => Name("example.test")),
        new("cname-only.example.test", 5, 60, _ => Name("elsewhere.example.test")),
        new("leak.example.test", 5, 60, _ => Name("secret.internal.example.test")),
        new("secret.internal.example.test", 16, 60, _ => Strings("s3cret")),
        new("ptr-alias.example.test", 5, 60, _ => Name("5.0.0.10.in-addr.arpa")),
        new("5.0.0.10.in-addr.arpa", 12, 60, _ => Name("db.internal.example.test")),
        new("db.corp.example", 1, 60, _ => [10, 0, 0, 5]),
        new("private.example.test", 1, 60, _ => [10, 1, 2, 3]),
        new("private.example.test", 1, 60, _ => [127, 0, 0, 1]),
        new("only-private.example.test", 1, 60, _ => [10, 9, 8, 7]),
        new("1.0.0.127.in-addr.arpa", 12, 60, _ => Name("loopback.example.test")),
        new("2.0.0.127.in-addr.arpa", 12, 60, _ => Name("second.example.test")),
        new("2.0.0.127.in-addr.arpa", 12, 60, _ => Name("second-alias.example.test")),
        new("empty.example.test", 16, 60, _ => Strings()),
        new("big.example.test", 16, 60, _ => Strings([.. Enumerable.Range(0, 12).Select(i => $"entry {i:D2} " + new string('x', 50))])),
    ];

    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["alias.example.test"] = "example.test",
        ["cname-only.example.test"] = "elsewhere.example.test",
        ["leak.example.test"] = "secret.internal.example.test",
        ["ptr-alias.example.test"] = "5.0.0.10.in-addr.arpa",
    };

    /// <summary>The response to one query, or null to stay silent.</summary>
    private static byte[]? Answer(byte[] query, bool udp)
    {
        if (query.Length < 12)
            return null;
        var at = 12;
        var labels = new List<string>();
        while (at < query.Length && query[at] != 0)
        {
            labels.Add(Encoding.UTF8.GetString(query, at + 1, query[at]));
            at += 1 + query[at];
        }

        at++;
        if (at + 4 > query.Length)
            return null;
        var qname = string.Join('.', labels).ToLowerInvariant();
        var qtype = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(at));
        var question = query.AsSpan(12, at + 4 - 12).ToArray();
        if (qname == "silent.example.test")
            return null;
        if (qname == "garbage.example.test")
        {
            // One answer announced, its data cut short.
            var cut = query.ToArray();
            cut[2] = 0x81;
            cut[3] = 0x80;
            cut[7] = 1;
            return [.. cut, 0xC0, 0x0C, 0, 1, 0, 1];
        }
        var code = qname switch
        {
            "servfail.example.test" => 2,
            "refused.example.test" => 5,
            "notimp.example.test" => 4,
            _ => 0,
        };

        var answers = new List<byte[]>();
        if (code == 0)
        {
            var owner = qname;
            var known = Zone.Any(r => r.Owner == owner);
            // A CNAME answers for its name, followed by its target's records (as a recursive resolver answers).
            if (qtype != 5 && qtype != 255 && Aliases.TryGetValue(owner, out var target))
            {
                answers.Add(Record(Zone.First(r => r.Owner == owner && r.Type == 5), pointer: true));
                owner = target;
            }

            foreach (var record in Zone.Where(r => r.Owner == owner && (qtype == 255 || r.Type == qtype)))
                answers.Add(Record(record, pointer: owner == qname));
            if (!known)
                code = 3;
        }

        var header = new byte[12];
        query.AsSpan(0, 2).CopyTo(header);
        header[2] = (byte)(0x80 | 0x04 | (query[2] & 0x01)); // QR, AA, RD copied
        header[3] = (byte)(0x80 | code); // RA
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), (ushort)answers.Count);
        var message = Concat([header, question, .. answers]);
        if (udp && message.Length > 512)
        {
            // Truncated: the header with TC and the question, no records.
            header[2] |= 0x02;
            BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), 0);
            return Concat(header, question);
        }

        return message;
    }

    // The owner is the question's name (a compression pointer to it) or written out.
    private static byte[] Record(Rr record, bool pointer)
    {
        var data = record.Data(record.Owner);
        return Concat(pointer ? [0xC0, 0x0C] : Name(record.Owner), U16(record.Type), U16(1), U32(record.Ttl), U16(data.Length), data);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        _tcp.Stop();
        try
        {
            await Task.WhenAll(_udpLoop, _tcpLoop);
        }
        catch (Exception)
        {
            // Stopped.
        }

        _stop.Dispose();
    }
}
