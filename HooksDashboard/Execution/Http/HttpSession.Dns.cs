using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HooksDashboard.Execution.Http;

/// <summary>
/// The script's name lookups (<c>dns.lookup</c>, <c>resolve4</c>/<c>resolve6</c>: the server's resolver) and record queries
/// (<c>dns.resolveMx</c>, <c>resolveTxt</c>, <c>resolveSrv</c>, ..., <c>reverse</c>: DNS servers, <see cref="DnsResolver"/>),
/// under the egress policy: a name is judged before it is sent, an address in an answer only when the hook could
/// connect to it; each counts as a request, is bounded by the request timeout and is recorded (<c>DNS</c>).
/// </summary>
internal sealed partial class HttpSession
{
    // Engine-thread state: name lookups whose answer is still expected, by id (their targets).
    private readonly Dictionary<int, object> _lookups = [];

    // The addresses this invocation's lookups answered, with the name each was looked up for (written on pool threads):
    // a connection to one is judged as that name (an allow-listed host stays allowed when the client resolved it first).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _resolvedNames = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Looks a name up for the script (<c>dns.lookup</c>, <c>dns.resolve4</c>/<c>resolve6</c>: clients that resolve before they
    /// connect, as nodemailer does) with the server's resolver, under the egress policy: a denied name, and every address
    /// the global policy or the hook's lists refuse, are left out — the hook learns only addresses it could connect to;
    /// none left is <c>ENOTFOUND</c>. <paramref name="family"/> 4 or 6 keeps that family; 0 both. Counts as a request.
    /// The answer comes as a <see cref="HttpEventKind.Resolved"/> or <see cref="HttpEventKind.Error"/> event.
    /// </summary>
    public int Lookup(string host, int family, object target) => StartResolving("lookup", "lookup of " + host, "dns://" + host, target,
        async token => await ResolveAsync(host, family, token).ConfigureAwait(false),
        ex => ex is LookupFailedException failed
            ? new HttpFailure(failed.Code, $"getaddrinfo {failed.Code} {host}", "getaddrinfo", host) { Why = failed.Message }
            : new HttpFailure("ENOTFOUND", $"getaddrinfo ENOTFOUND {host}", "getaddrinfo", host) { Why = ex.Message });

    /// <summary>
    /// Starts a lookup or record query for the script: refused at once past the request limit or after the run; then,
    /// on a pool thread, <paramref name="work"/>'s answer (the event's strings) or <paramref name="describe"/>'s failure
    /// for what it threw, recorded as <c>DNS</c> <paramref name="url"/> and posted as a <see cref="HttpEventKind.Resolved"/>
    /// or <see cref="HttpEventKind.Error"/> event. A run answered by mocks reaches no network, its resolver included.
    /// </summary>
    private int StartResolving(string kind, string what, string url, object target, Func<CancellationToken, Task<string[]>> work, Func<Exception, HttpFailure> describe)
    {
        if (_completed)
            throw new HttpStartException("ERR_HOOKS_HTTP_ENDED", $"The invocation has ended: no {kind} can start");
        if (!TryCount())
            throw new HttpStartException("ERR_HOOKS_HTTP_LIMIT",
                $"The {what} was refused: the hook already made {_limits.MaxHttpRequests} requests, connections and lookups, the limit per invocation (Execution:Defaults:MaxHttpRequests)");
        var id = NextId();
        _lookups[id] = target;
        var token = _cancel.Token;
        var started = _elapsedMs();
        _ = Task.Run(async () =>
        {
            HttpFailure? failure = null;
            string[]? answer = null;
            if (_mocks is { PassThrough: false })
            {
                failure = new HttpFailure("ERR_HOOKS_HTTP_NO_MOCK", $"no mock can answer a {what}: the run's HTTP mocks answer requests, not names (let unmatched requests through to resolve)");
            }
            else
            {
                try
                {
                    answer = await work(token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    failure = describe(ex);
                }
            }

            RecordResolving(url, started, failure);
            Post(failure is null ? new HttpEvent(id, HttpEventKind.Resolved) { Headers = answer } : new HttpEvent(id, HttpEventKind.Error) { Failure = failure });
        }, token);
        return id;
    }

    private void RecordResolving(string url, double started, HttpFailure? failure)
    {
        lock (_recordsLock)
        {
            if (_completed)
                return;
            _records.Add(new HttpRequestRecord
            {
                Method = "DNS",
                Url = url,
                StartedMs = Math.Round(started, 3),
                DurationMs = Math.Round(_elapsedMs() - started, 3),
                Error = failure is null ? null : $"{failure.Code}: {failure.Why ?? failure.Message}",
            });
        }
    }

    private async Task<string[]> ResolveAsync(string host, int family, CancellationToken token)
    {
        if (Uri.CheckHostName(host) != UriHostNameType.Dns)
            throw new LookupFailedException("ENOTFOUND", $"{host} is not a host name");
        // The same judgement of the name as a connection's, before anything is resolved (a hook limited to some names
        // cannot query others, nor carry data out in a name).
        if (_transport.Policy.CheckHost(host) is { } denied)
            throw new LookupFailedException("ENOTFOUND", denied);
        if (_pool.Rules?.CheckName(host) is { } hookDenied)
            throw new LookupFailedException("ENOTFOUND", hookDenied);
        IPAddress[] addresses;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(token))
        {
            timeout.CancelAfter(_limits.HttpTimeoutMs);
            try
            {
                // WaitAsync: on Unix getaddrinfo runs blocking on a pool thread, which a token cannot stop.
                addresses = await Dns.GetHostAddressesAsync(host, timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                throw new LookupFailedException(ex.SocketErrorCode == SocketError.TryAgain ? "EAI_AGAIN" : "ENOTFOUND", ex.Message);
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                throw new LookupFailedException("EAI_AGAIN", $"no answer within {_limits.HttpTimeoutMs} ms (Execution:Defaults:HttpTimeoutMs)");
            }
        }

        var hostAllowed = _transport.Policy.IsHostAllowed(host);
        var answer = new List<string>();
        foreach (var address in addresses)
        {
            var v4 = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            var addressFamily = v4.AddressFamily == AddressFamily.InterNetworkV6 ? 6 : 4;
            if (family != 0 && addressFamily != family)
                continue;
            if (!Answerable(host, v4, hostAllowed))
                continue;
            answer.Add(addressFamily == 6 ? "6" : "4");
            answer.Add(v4.ToString());
        }

        if (answer.Count == 0)
            throw new LookupFailedException("ENOTFOUND", "no address the egress policy allows");
        return [.. answer];
    }

    /// <summary>A lookup that gave no address: Node's code (ENOTFOUND, EAI_AGAIN) and why, for the record.</summary>
    private sealed class LookupFailedException(string code, string why) : Exception(why)
    {
        public string Code { get; } = code;
    }


    /// <summary>
    /// Whether an address a lookup or query answered for <paramref name="host"/> may be given to the script: only one the
    /// hook could connect to (no map of the internal network). Remembered with its name: a connection to it is judged
    /// as that name.
    /// </summary>
    private bool Answerable(string host, IPAddress address, bool hostAllowed)
    {
        if (_transport.CheckAddress(host, address, hostAllowed, _pool.Rules) is not null)
            return false;
        _resolvedNames[address.ToString()] = host;
        return true;
    }

    /// <summary>
    /// Queries DNS servers for <paramref name="name"/>'s records of <paramref name="type"/> for the script (Node's
    /// <c>resolveMx</c>, <c>resolveTxt</c>, ...: <paramref name="syscall"/> is Node's name for it, as its errors say), or
    /// for the names of <paramref name="reverseOf"/> (<c>reverse</c>). <paramref name="servers"/> null asks the system's;
    /// the script's own (<c>setServers</c>) must each pass the egress policy as a connection to them would. The name
    /// is judged as a lookup's; addresses in the answer are given only when the hook could connect to them. Counts as a
    /// request. The answer comes as a <see cref="HttpEventKind.Resolved"/> event carrying Node's value as JSON
    /// (<see cref="DnsMessage.ToJson"/>), or an <see cref="HttpEventKind.Error"/> event with Node's code.
    /// </summary>
    public int Query(string name, string type, IReadOnlyList<IPEndPoint>? servers, int tryTimeoutMs, bool ttl, string syscall, IPAddress? reverseOf, object target)
    {
        var shown = reverseOf?.ToString() ?? name;
        return StartResolving("DNS query", "DNS query for " + shown, "dns://" + shown + "?type=" + type, target,
            async token => [await QueryRecordsAsync(name, type, servers, tryTimeoutMs, ttl, reverseOf, token).ConfigureAwait(false)],
            ex => ex is DnsQueryException failed
                ? new HttpFailure(failed.Code, shown.Length == 0 ? $"{syscall} {failed.Code}" : $"{syscall} {failed.Code} {shown}", syscall, shown) { Why = failed.Message }
                : new HttpFailure("EBADRESP", $"{syscall} EBADRESP {shown}", syscall, shown) { Why = ex.Message });
    }

    /// <summary>The script cancelled a query (<c>Resolver.cancel()</c>): its answer is not delivered and no longer keeps the run waiting.</summary>
    public void CancelQuery(int id) => _lookups.Remove(id);

    private async Task<string> QueryRecordsAsync(string name, string type, IReadOnlyList<IPEndPoint>? servers, int tryTimeoutMs, bool ttl, IPAddress? reverseOf,
        CancellationToken token)
    {
        if (!DnsMessage.Types.TryGetValue(type, out var code))
            throw new DnsQueryException("ENOTIMP", $"{type} is not a record type the resolver queries");
        if (reverseOf is not null)
        {
            CheckReverse(reverseOf);
            // As c-ares: the hosts file first, whatever the servers.
            if (DnsResolver.HostsFileAliases(reverseOf) is { } aliases)
                return System.Text.Json.JsonSerializer.Serialize(aliases);
            name = ReverseName(reverseOf);
        }

        if (servers is { Count: 0 })
            throw new DnsQueryException("UNKNOWN_ARES_ERROR", "no DNS server is set (setServers was given none)");

        // The name as it goes on the wire (escapes decoded), judged as a lookup's name is: a hook limited to some names
        // cannot query others, nor carry data out in a name. Node's EREFUSED rather than ENOTFOUND, so code that treats
        // a missing domain as an answer (no mail server: refuse the sign-up) does not take the policy's refusal for one.
        var wire = DnsMessage.WireName(name) ?? throw new DnsQueryException("EBADNAME", $"{name} cannot be sent as a DNS name");
        if (wire.Contains('\\', StringComparison.Ordinal))
            throw new DnsQueryException("EREFUSED", $"{name} holds a dot or an unprintable byte inside a label, which the egress policy cannot judge");
        if (reverseOf is null && wire.Length > 0)
        {
            if (_transport.Policy.CheckHost(wire) is { } denied)
                throw new DnsQueryException("EREFUSED", denied);
            if (_pool.Rules?.CheckName(wire) is { } hookDenied)
                throw new DnsQueryException("EREFUSED", hookDenied);
            // A reverse name asked for by name (resolvePtr, resolveAny) is judged as reverse() judges the address.
            if (wire.EndsWith(".arpa", StringComparison.OrdinalIgnoreCase) || wire.Equals("arpa", StringComparison.OrdinalIgnoreCase))
                CheckReverse(AddressOfReverseName(wire) ?? throw new DnsQueryException("EREFUSED", $"{wire} is not the reverse name of one address"));
        }

        // The system's servers are the server's own resolver, as getaddrinfo's are; a server the script names must be
        // one the hook could connect to, and its answers name no address beyond what the policy allows by address.
        var system = DnsResolver.SystemServers();
        var trusted = servers is null || servers.All(s => system.Contains(s));
        if (servers is not null)
        {
            foreach (var server in servers)
            {
                if (system.Contains(server))
                    continue;
                var host = server.Address.ToString();
                if (_pool.Rules?.CheckUrl(new Uri($"dns://{(server.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host)}:{server.Port.ToString(CultureInfo.InvariantCulture)}")) is { } hookRefused)
                    throw new DnsQueryException("EREFUSED", $"the DNS server {DnsResolver.Describe(server)} is refused: {hookRefused}");
                if (_transport.CheckAddress(host, server.Address, false, _pool.Rules) is { } refused)
                    throw new DnsQueryException("EREFUSED", $"the DNS server {DnsResolver.Describe(server)} is refused: {refused}");
            }
        }

        var response = await DnsResolver.QueryAsync(name, code, servers ?? system, _limits.HttpTimeoutMs,
            tryTimeoutMs > 0 ? tryTimeoutMs : 2000, token).ConfigureAwait(false);
        if (response.ResponseCode == 3)
            throw new DnsQueryException("ENOTFOUND", "the name does not exist (NXDOMAIN)");

        // The names the answer is about: the question's, then each CNAME target reached from it. A target is judged
        // against the deny lists, and a reverse name as reverse() judges its address, as the question was (a name the
        // hook controls cannot alias a denied or reverse zone into the answer); records about any other name are dropped.
        var question = reverseOf is null ? wire : name;
        var chain = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { question.TrimEnd('.') };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var record in response.Answers)
            {
                if (record.Type != DnsMessage.TypeCname || !chain.Contains(record.Name))
                    continue;
                var at = record.Offset;
                var target = DnsMessage.ReadName(response.Message, ref at);
                if (!chain.Add(target))
                    continue;
                grew = true;
                if ((_transport.Policy.CheckHost(target) ?? _pool.Rules?.CheckDeniedName(target)) is { } denied)
                    throw new DnsQueryException("EREFUSED", $"the answer aliases {question} to {target}: {denied}");
                if (reverseOf is null && (target.EndsWith(".arpa", StringComparison.OrdinalIgnoreCase) || target.Equals("arpa", StringComparison.OrdinalIgnoreCase)))
                    CheckReverse(AddressOfReverseName(target) ?? throw new DnsQueryException("EREFUSED", $"the answer aliases {question} to {target}, which is not the reverse name of one address"));
            }
        }

        // Addresses the hook could not connect to are left out of the answer, as a lookup's are. An answer from a server
        // the script chose is judged by its addresses alone and not remembered: such a server can claim any address for
        // an allow-listed name.
        var hostAllowed = trusted && _transport.Policy.IsHostAllowed(wire);
        var kept = new List<DnsRecord>(response.Answers.Count);
        var left = 0;
        foreach (var record in response.Answers)
        {
            if (code == DnsMessage.TypeAny ? !record.Name.Equals(question.TrimEnd('.'), StringComparison.OrdinalIgnoreCase) : !chain.Contains(record.Name))
                continue;
            if (record.Type is DnsMessage.TypeA or DnsMessage.TypeAaaa && record.Length is 4 or 16)
            {
                var address = new IPAddress(response.Message.AsSpan(record.Offset, record.Length));
                var allowed = trusted
                    ? Answerable(wire, address, hostAllowed)
                    : _transport.CheckAddress(address.ToString(), address, false, _pool.Rules) is null;
                if (!allowed)
                {
                    left++;
                    continue;
                }
            }

            kept.Add(record);
        }

        var (json, found) = DnsMessage.ToJson(response with { Answers = kept }, code, ttl);
        if (found)
            return json;
        if (left > 0 && code is DnsMessage.TypeA or DnsMessage.TypeAaaa or DnsMessage.TypeAny)
            throw new DnsQueryException("ENOTFOUND", "no address the egress policy allows");
        // An answer with records, none of the type asked (a CNAME to elsewhere): c-ares gives an empty list for most
        // types, ENODATA for NS and PTR, EBADRESP for SOA; no record at all is ENODATA.
        if (response.Answers.Count > 0 && code is not (2 or 12))
        {
            return code == 6 ? throw new DnsQueryException("EBADRESP", "the answer holds no SOA record") : json;
        }

        throw new DnsQueryException("ENODATA", $"the name has no {type} record");
    }

    /// <summary>The names of an address the hook could not connect to would map the internal network: refused.</summary>
    private void CheckReverse(IPAddress address)
    {
        if (_transport.CheckAddress(address.ToString(), address, false, _pool.Rules) is { } refused)
            throw new DnsQueryException("EREFUSED", refused);
    }

    /// <summary>The address a whole reverse name stands for (<c>4.3.2.1.in-addr.arpa</c>, 32 nibbles under <c>ip6.arpa</c>), or null.</summary>
    internal static IPAddress? AddressOfReverseName(string name)
    {
        name = name.TrimEnd('.');
        var labels = name.TrimEnd('.').Split('.');
        if (name.EndsWith(".in-addr.arpa", StringComparison.OrdinalIgnoreCase) && labels.Length == 6)
        {
            var bytes = new byte[4];
            for (var i = 0; i < 4; i++)
            {
                if (!byte.TryParse(labels[3 - i], NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]) || labels[3 - i] != bytes[i].ToString(CultureInfo.InvariantCulture))
                    return null;
            }

            return new IPAddress(bytes);
        }

        if (name.EndsWith(".ip6.arpa", StringComparison.OrdinalIgnoreCase) && labels.Length == 34)
        {
            var bytes = new byte[16];
            for (var i = 0; i < 32; i++)
            {
                if (labels[i].Length != 1 || !Uri.IsHexDigit(labels[i][0]))
                    return null;
                var nibble = Convert.ToByte(labels[i], 16);
                var at = 15 - i / 2;
                bytes[at] |= (byte)(i % 2 == 0 ? nibble : nibble << 4);
            }

            return new IPAddress(bytes);
        }

        return null;
    }

    /// <summary>The name an address's PTR records are under: <c>4.3.2.1.in-addr.arpa</c>, or the nibbles of an IPv6 address under <c>ip6.arpa</c>.</summary>
    internal static string ReverseName(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return string.Join('.', bytes.Reverse().Select(b => b.ToString(CultureInfo.InvariantCulture))) + ".in-addr.arpa";
        var nibbles = new List<string>(64);
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            nibbles.Add((bytes[i] & 0xF).ToString("x", CultureInfo.InvariantCulture));
            nibbles.Add((bytes[i] >> 4).ToString("x", CultureInfo.InvariantCulture));
        }

        return string.Join('.', nibbles) + ".ip6.arpa";
    }
}
