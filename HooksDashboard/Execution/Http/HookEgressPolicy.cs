using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HooksDashboard.Execution.Http;

/// <summary>
/// A hook's own egress policy, applied on top of the global one (<see cref="EgressPolicy"/>, <c>Execution:Egress</c>):
/// it can only narrow what the hook reaches. Empty lists mean "no restriction of this kind". The global policy is
/// always checked as well, so private, loopback, link-local and metadata addresses stay refused unless the global
/// configuration allows them, whatever the hook's allow list says.
/// </summary>
/// <param name="Allow">Host names (<c>api.slack.com</c>), wildcards (<c>*.twilio.com</c>), addresses or CIDR ranges the hook
/// may reach; empty: any host the global policy allows. An address or range entry also matches a name that resolves into it.</param>
/// <param name="Deny">Host names, wildcards, addresses or ranges the hook may not reach; wins over <paramref name="Allow"/>.</param>
/// <param name="Ports">TCP ports the hook may connect to; empty: any.</param>
/// <param name="Schemes"><c>http</c> and/or <c>https</c>; empty: both.</param>
public sealed record HookEgressPolicy(
    IReadOnlyList<string> Allow,
    IReadOnlyList<string> Deny,
    IReadOnlyList<int> Ports,
    IReadOnlyList<string> Schemes)
{
    /// <summary>Most entries a list may hold: a policy is a short list a person reads, not a block list.</summary>
    public const int MaxEntries = 100;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>No restriction beyond the global policy.</summary>
    public static HookEgressPolicy Unrestricted { get; } = new([], [], [], []);

    /// <summary>Whether the policy adds nothing to the global one.</summary>
    public bool IsUnrestricted => Allow.Count == 0 && Deny.Count == 0 && Ports.Count == 0 && Schemes.Count == 0;

    /// <summary>
    /// The policy with its entries checked and normalized (trimmed, lower-case names, sorted, no duplicates), so that two
    /// policies that mean the same compare and key equally.
    /// </summary>
    /// <exception cref="HookEgressPolicyException">An entry is not a host name, address, range, port or scheme; the message names it.</exception>
    public HookEgressPolicy Normalize()
    {
        var allow = NormalizeHosts(Allow, "allow");
        var deny = NormalizeHosts(Deny, "deny");
        if ((Ports ?? []).Count > MaxEntries)
            throw new HookEgressPolicyException("ports", $"ports: at most {MaxEntries} entries");
        var ports = new SortedSet<int>();
        foreach (var port in Ports ?? [])
        {
            if (port is < 1 or > 65535)
                throw new HookEgressPolicyException("ports", $"ports: {port} is not a TCP port (1-65535)");
            ports.Add(port);
        }

        var schemes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var raw in Schemes ?? [])
        {
            var scheme = (raw ?? "").Trim().TrimEnd(':').ToLowerInvariant();
            if (scheme is not ("http" or "https"))
                throw new HookEgressPolicyException("schemes", $"schemes: '{raw}' is not http or https");
            schemes.Add(scheme);
        }

        return new HookEgressPolicy(allow, deny, [.. ports], [.. schemes]);
    }

    /// <summary>The policy as stored and shown (<c>{"allow":[],"deny":[],"ports":[],"schemes":[]}</c>).</summary>
    public string ToJson() => JsonSerializer.Serialize(new Shape(Allow, Deny, Ports, Schemes), JsonOptions);

    /// <summary>Reads <see cref="ToJson"/>'s shape; missing lists are empty, unknown properties are refused.</summary>
    /// <exception cref="HookEgressPolicyException">Not that shape; the message says what is wrong.</exception>
    public static HookEgressPolicy FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new HookEgressPolicyException("policy", $"The egress policy is not valid JSON: {ex.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
            throw new HookEgressPolicyException("policy", "The egress policy must be a JSON object with allow, deny, ports and schemes");
        List<string> allow = [], deny = [], schemes = [];
        List<int> ports = [];
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "allow": allow = Strings(property); break;
                case "deny": deny = Strings(property); break;
                case "schemes": schemes = Strings(property); break;
                case "ports":
                    if (property.Value.ValueKind != JsonValueKind.Array)
                        throw new HookEgressPolicyException("ports", "ports must be an array of port numbers");
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var port))
                            throw new HookEgressPolicyException("ports", $"ports: {item.GetRawText()} is not a TCP port (1-65535)");
                        ports.Add(port);
                    }

                    break;
                default:
                    throw new HookEgressPolicyException(property.Name, $"Unknown egress policy property '{property.Name}' (expected allow, deny, ports, schemes)");
            }
        }

        return new HookEgressPolicy(allow, deny, ports, schemes).Normalize();
    }

    /// <summary>One line for logs and the audit trail, e.g. <c>allow api.slack.com; ports 443; schemes https</c>.</summary>
    public string Describe()
    {
        if (IsUnrestricted)
            return "no restriction beyond the global policy";
        var parts = new List<string>();
        if (Allow.Count > 0)
            parts.Add("allow " + string.Join(", ", Allow));
        if (Deny.Count > 0)
            parts.Add("deny " + string.Join(", ", Deny));
        if (Ports.Count > 0)
            parts.Add("ports " + string.Join(", ", Ports.Select(p => p.ToString(CultureInfo.InvariantCulture))));
        if (Schemes.Count > 0)
            parts.Add("schemes " + string.Join(", ", Schemes));
        return string.Join("; ", parts);
    }

    private static List<string> Strings(JsonProperty property)
    {
        if (property.Value.ValueKind != JsonValueKind.Array)
            throw new HookEgressPolicyException(property.Name, $"{property.Name} must be an array of strings");
        var list = new List<string>();
        foreach (var item in property.Value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                throw new HookEgressPolicyException(property.Name, $"{property.Name}: {item.GetRawText()} is not a string");
            list.Add(item.GetString()!);
        }

        return list;
    }

    private static List<string> NormalizeHosts(IReadOnlyList<string>? entries, string field)
    {
        if ((entries ?? []).Count > MaxEntries)
            throw new HookEgressPolicyException(field, $"{field}: at most {MaxEntries} entries");
        var normalized = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var raw in entries ?? [])
        {
            var entry = (raw ?? "").Trim();
            if (entry.Length == 0)
                continue;
            if (HostRules.TryNormalize(entry) is not { } canonical)
                throw new HookEgressPolicyException(field, $"{field}: '{entry}' is neither a host name (api.example.com, *.example.com), an address nor a CIDR range (ports go in the ports list)");
            normalized.Add(canonical);
        }

        return [.. normalized];
    }

    private sealed record Shape(IReadOnlyList<string> Allow, IReadOnlyList<string> Deny, IReadOnlyList<int> Ports, IReadOnlyList<string> Schemes);
}

/// <summary>A hook egress policy that does not parse; <see cref="Field"/> names the list at fault.</summary>
public sealed class HookEgressPolicyException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Host rules of a hook policy, parsed once: names, <c>*.suffix</c> wildcards and address ranges. Shared with nothing
/// but the transport pool built for the policy.
/// </summary>
internal sealed class HostRules
{
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _suffixes = [];
    private readonly List<IPNetwork> _networks = [];

    public HostRules(IEnumerable<string> entries)
    {
        foreach (var entry in entries)
        {
            if (entry.StartsWith("*.", StringComparison.Ordinal))
                _suffixes.Add(entry[1..]);
            else if (IPNetwork.TryParse(entry, out var network))
                _networks.Add(network);
            else
                _hosts.Add(entry);
        }
    }

    public bool IsEmpty => _hosts.Count == 0 && _suffixes.Count == 0 && _networks.Count == 0;

    public bool HasNetworks => _networks.Count > 0;

    /// <summary>The name (or a literal address written as the host) matches a name, wildcard or range entry.</summary>
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

        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && MatchesAddress(address);
    }

    public bool MatchesAddress(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        foreach (var network in _networks)
        {
            if (network.Contains(address))
                return true;
        }

        return false;
    }

    /// <summary>The canonical form of an entry (lower-case name, <c>address/prefix</c> for addresses and ranges), or null when it is none of them.</summary>
    public static string? TryNormalize(string entry)
    {
        if (entry.Contains('/', StringComparison.Ordinal))
            return IPNetwork.TryParse(entry, out var network) ? network.ToString() : null;
        if (IPAddress.TryParse(entry.Trim('[', ']'), out var address) && (entry[0] == '[' || !entry.Contains(']', StringComparison.Ordinal)))
        {
            if (address.IsIPv4MappedToIPv6)
                address = address.MapToIPv4();
            return new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128).ToString();
        }

        var name = entry.TrimEnd('.').ToLowerInvariant();
        if (name.StartsWith("*.", StringComparison.Ordinal))
            return Uri.CheckHostName(name[2..]) == UriHostNameType.Dns ? name : null;
        return Uri.CheckHostName(name) == UriHostNameType.Dns && !name.Contains(':', StringComparison.Ordinal) ? name : null;
    }
}

/// <summary>
/// A normalized <see cref="HookEgressPolicy"/> ready to check requests; <see cref="Key"/> identifies it (equal policies,
/// equal keys), and the transport keeps one connection pool per key so that a connection checked for one policy is
/// never reused by a request under another.
/// </summary>
public sealed class HookEgressRules
{
    private readonly HostRules _allow;
    private readonly HostRules _deny;

    private HookEgressRules(HookEgressPolicy policy)
    {
        Policy = policy;
        Key = policy.ToJson();
        _allow = new HostRules(policy.Allow);
        _deny = new HostRules(policy.Deny);
    }

    /// <summary>The rules of a policy, or null when it restricts nothing (the global pool and checks suffice).</summary>
    /// <exception cref="HookEgressPolicyException">The policy has an invalid entry.</exception>
    public static HookEgressRules? For(HookEgressPolicy? policy)
    {
        if (policy is null)
            return null;
        var normalized = policy.Normalize();
        return normalized.IsUnrestricted ? null : new HookEgressRules(normalized);
    }

    public HookEgressPolicy Policy { get; }

    public string Key { get; }

    /// <summary>Why the URL is refused before anything is resolved (scheme, port, a listed name), or null.</summary>
    internal string? CheckUrl(Uri uri)
    {
        if (Policy.Schemes.Count > 0 && !Policy.Schemes.Contains(uri.Scheme))
            return $"the scheme {uri.Scheme}: is not in the hook's egress policy (schemes {string.Join(", ", Policy.Schemes)})";
        if (Policy.Ports.Count > 0 && !Policy.Ports.Contains(uri.Port))
            return $"port {uri.Port.ToString(CultureInfo.InvariantCulture)} is not in the hook's egress policy (ports {string.Join(", ", Policy.Ports.Select(p => p.ToString(CultureInfo.InvariantCulture)))})";
        var host = uri.IdnHost;
        if (_deny.MatchesHost(host))
            return $"{host} is on the hook's egress deny list";
        // A name not listed may still resolve into an allowed range: decided on the addresses when connecting.
        if (!_allow.IsEmpty && !_allow.MatchesHost(host) && (!_allow.HasNetworks || IPAddress.TryParse(host.Trim('[', ']'), out _)))
            return $"{host} is not on the hook's egress allow list ({string.Join(", ", Policy.Allow)})";
        return null;
    }

    /// <summary>Why looking the name up is refused by the hook's lists (a denied name, or one its allow list cannot match), or null.</summary>
    internal string? CheckName(string host)
    {
        if (_deny.MatchesHost(host))
            return $"{host} is on the hook's egress deny list";
        if (!_allow.IsEmpty && !_allow.MatchesHost(host) && !_allow.HasNetworks)
            return $"{host} is not on the hook's egress allow list ({string.Join(", ", Policy.Allow)})";
        return null;
    }

    /// <summary>Why the name is on the hook's deny list, or null (its allow list is not consulted).</summary>
    internal string? CheckDeniedName(string host) => _deny.MatchesHost(host) ? $"{host} is on the hook's egress deny list" : null;

    /// <summary>Why connecting to the address (resolved from <paramref name="host"/>) is refused by the hook's lists, or null.</summary>
    internal string? CheckAddress(string host, IPAddress address)
    {
        if (_deny.MatchesAddress(address))
            return $"{address} is on the hook's egress deny list";
        if (_allow.IsEmpty || _allow.MatchesHost(host) || _allow.MatchesAddress(address))
            return null;
        return $"{address} is not on the hook's egress allow list ({string.Join(", ", Policy.Allow)})";
    }
}
