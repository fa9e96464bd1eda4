using System.Net;
using System.Net.Sockets;

namespace HooksDashboard.Execution.Http;

/// <summary>
/// Configuration section <c>Execution:Egress</c>: where hooks' outbound requests may go beyond the public internet.
/// Each entry is a host name (<c>api.internal.example</c>, <c>*.corp.example</c>), an address (<c>127.0.0.1</c>,
/// <c>::1</c>) or a CIDR range (<c>10.1.0.0/16</c>).
/// </summary>
public sealed class EgressOptions
{
    /// <summary>Hosts, addresses and ranges allowed even though they are not public (tests allow <c>127.0.0.1</c>).</summary>
    public List<string> Allow { get; set; } = [];

    /// <summary>Hosts, addresses and ranges refused even though they are public; wins over <see cref="Allow"/>.</summary>
    public List<string> Deny { get; set; } = [];
}

/// <summary>
/// The egress policy: by default a hook reaches public addresses only. Checked on the name before anything is sent,
/// and on every address the name resolves to when a connection is opened (<see cref="HttpTransport"/>'s connect
/// callback), so a name that resolves to a private address, or changes its answer between checks, gains nothing.
/// </summary>
public sealed class EgressPolicy
{
    private readonly Rules _allow;
    private readonly Rules _deny;

    public EgressPolicy(EgressOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _allow = Rules.Parse(options.Allow, "Execution:Egress:Allow");
        _deny = Rules.Parse(options.Deny, "Execution:Egress:Deny");
    }

    /// <summary>Public addresses only, nothing allowed or denied beyond that.</summary>
    public static EgressPolicy Default { get; } = new(new EgressOptions());

    /// <summary>Why a request to the host name (before it is resolved) is refused, or null.</summary>
    public string? CheckHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (_deny.MatchesHost(host))
            return $"{host} is on the deny list (Execution:Egress:Deny)";
        return null;
    }

    /// <summary>Whether the host name is allow-listed by name (its addresses are then not checked against the default ranges).</summary>
    public bool IsHostAllowed(string host) => _allow.MatchesHost(host);

    /// <summary>Why a connection to the address is refused, or null when it is allowed.</summary>
    /// <param name="address">A resolved or literal address.</param>
    /// <param name="hostAllowed">The name it came from is allow-listed by name.</param>
    public string? CheckAddress(IPAddress address, bool hostAllowed = false)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (_deny.MatchesAddress(address))
            return $"{address} is on the deny list (Execution:Egress:Deny)";
        if (hostAllowed || _allow.MatchesAddress(address))
            return null;
        return SpecialRanges.Classify(address) is { } why ? $"{address} is {why}" : null;
    }

    private sealed class Rules
    {
        private readonly List<IPNetwork> _networks = [];
        private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _suffixes = [];

        public static Rules Parse(IEnumerable<string>? entries, string setting)
        {
            var rules = new Rules();
            foreach (var raw in entries ?? [])
            {
                var entry = raw?.Trim() ?? "";
                if (entry.Length == 0)
                    continue;
                if (entry.Contains('/', StringComparison.Ordinal))
                {
                    if (!IPNetwork.TryParse(entry, out var network))
                        throw new InvalidOperationException($"{setting}: '{entry}' is not a valid CIDR range");
                    rules._networks.Add(network);
                }
                else if (IPAddress.TryParse(entry.Trim('[', ']'), out var address))
                {
                    if (address.IsIPv4MappedToIPv6)
                        address = address.MapToIPv4();
                    rules._networks.Add(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
                }
                else if (entry.StartsWith("*.", StringComparison.Ordinal) && Uri.CheckHostName(entry[2..]) == UriHostNameType.Dns)
                {
                    rules._suffixes.Add(entry[1..].TrimEnd('.'));
                }
                else if (Uri.CheckHostName(entry) == UriHostNameType.Dns)
                {
                    rules._hosts.Add(entry.TrimEnd('.'));
                }
                else
                {
                    throw new InvalidOperationException($"{setting}: '{entry}' is neither a host name, an address nor a CIDR range");
                }
            }

            return rules;
        }

        public bool MatchesHost(string host)
        {
            host = host.TrimEnd('.');
            if (_hosts.Contains(host))
                return true;
            foreach (var suffix in _suffixes)
            {
                if (host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                    return true;
            }

            return IPAddress.TryParse(host.Trim('[', ']'), out var address) && MatchesAddress(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
        }

        public bool MatchesAddress(IPAddress address)
        {
            foreach (var network in _networks)
            {
                if (network.Contains(address))
                    return true;
            }

            return false;
        }
    }
}

/// <summary>The address ranges a hook may not reach unless allow-listed, each with the reason shown.</summary>
internal static class SpecialRanges
{
    private static readonly (IPNetwork Network, string Why)[] V4 =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified address (0.0.0.0/8)"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private address (10.0.0.0/8)"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT address (100.64.0.0/10)"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address (127.0.0.0/8)"),
        (IPNetwork.Parse("169.254.169.254/32"), "a cloud metadata address (169.254.169.254)"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address (169.254.0.0/16)"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address (172.16.0.0/12)"),
        (IPNetwork.Parse("192.0.0.0/24"), "a reserved address (192.0.0.0/24)"),
        (IPNetwork.Parse("192.0.2.0/24"), "a reserved documentation address (192.0.2.0/24)"),
        (IPNetwork.Parse("192.88.99.0/24"), "a reserved 6to4 relay address (192.88.99.0/24)"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address (192.168.0.0/16)"),
        (IPNetwork.Parse("198.18.0.0/15"), "a reserved benchmarking address (198.18.0.0/15)"),
        (IPNetwork.Parse("198.51.100.0/24"), "a reserved documentation address (198.51.100.0/24)"),
        (IPNetwork.Parse("203.0.113.0/24"), "a reserved documentation address (203.0.113.0/24)"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address (224.0.0.0/4)"),
        (IPNetwork.Parse("255.255.255.255/32"), "the broadcast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved address (240.0.0.0/4)"),
        // Public addresses that are cloud metadata or host services all the same.
        (IPNetwork.Parse("168.63.129.16/32"), "a cloud metadata address (Azure 168.63.129.16)"),
    ];

    private static readonly (IPNetwork Network, string Why)[] V6 =
    [
        (IPNetwork.Parse("::/128"), "an unspecified address (::)"),
        (IPNetwork.Parse("::1/128"), "a loopback address (::1)"),
        (IPNetwork.Parse("fd00:ec2::254/128"), "a cloud metadata address (fd00:ec2::254)"),
        (IPNetwork.Parse("fc00::/7"), "a unique local address (fc00::/7)"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address (fe80::/10)"),
        (IPNetwork.Parse("fec0::/10"), "a deprecated site-local address (fec0::/10)"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address (ff00::/8)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "a local-use NAT64 address (64:ff9b:1::/48)"),
        (IPNetwork.Parse("100::/64"), "a discard-only address (100::/64)"),
        (IPNetwork.Parse("2001::/32"), "a Teredo tunnel address (2001::/32)"),
        (IPNetwork.Parse("2001:2::/48"), "a reserved benchmarking address (2001:2::/48)"),
        (IPNetwork.Parse("2001:10::/28"), "a reserved ORCHID address (2001:10::/28)"),
        (IPNetwork.Parse("2001:20::/28"), "a reserved ORCHID address (2001:20::/28)"),
        (IPNetwork.Parse("2001:db8::/32"), "a reserved documentation address (2001:db8::/32)"),
        (IPNetwork.Parse("3fff::/20"), "a reserved documentation address (3fff::/20)"),
        (IPNetwork.Parse("5f00::/16"), "a reserved segment-routing address (5f00::/16)"),
    ];

    private static readonly IPNetwork Compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>What kind of non-public address this is, or null for a public one.</summary>
    public static string? Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            return Classify(address.MapToIPv4()) is { } mapped ? $"an IPv4-mapped form of {mapped}" : null;
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return Match(V4, address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return "not an IP address";

        // Forms that embed an IPv4 address: the embedded address decides.
        if (Match(V6, address) is { } why)
            return why;
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        if (Compatible.Contains(address))
            return Classify(new IPAddress(bytes[12..])) is { } v4 ? $"an IPv4-compatible form of {v4}" : "a reserved IPv4-compatible address (::/96)";
        if (Nat64.Contains(address))
            return Classify(new IPAddress(bytes[12..])) is { } v4 ? $"a NAT64 form of {v4}" : null;
        if (SixToFour.Contains(address))
            return Classify(new IPAddress(bytes[2..6])) is { } v4 ? $"a 6to4 form of {v4}" : null;
        return null;
    }

    private static string? Match((IPNetwork Network, string Why)[] ranges, IPAddress address)
    {
        foreach (var (network, why) in ranges)
        {
            if (network.Contains(address))
                return why;
        }

        return null;
    }
}
