using System.Globalization;

namespace HooksDashboard.Identity.Applications;

/// <summary>
/// An application's allowed web origins (Auth0's "Allowed Web Origins" / <c>web_origins</c>): the pages that may call
/// the runtime endpoints from a browser. An entry is <c>scheme://host[:port]</c> with scheme http or https; the first
/// label of the host may be <c>*</c> (<c>https://*.example.com</c>), which stands for exactly one label.
/// Entries are stored normalized the way browsers serialize an <c>Origin</c> header: lower case, no default port.
/// </summary>
public static class WebOrigins
{
    public const int MaxEntries = 50;

    private const string Wildcard = "*.";

    /// <summary>
    /// The entries normalized, blank-free and without duplicates (first occurrence kept), or the first rule broken.
    /// </summary>
    public static (IReadOnlyList<string> Origins, string? Error) Normalize(IEnumerable<string>? entries)
    {
        var origins = new List<string>();
        foreach (var entry in entries ?? [])
        {
            var error = TryNormalize(entry, out var origin);
            if (error is not null)
                return ([], error);
            if (!origins.Contains(origin, StringComparer.Ordinal))
                origins.Add(origin);
        }
        if (origins.Count > MaxEntries)
            return ([], $"An application can have at most {MaxEntries} allowed web origins; got {origins.Count}.");
        return (origins, null);
    }

    /// <summary>Whether the browser origin <paramref name="origin"/> (an <c>Origin</c> header) matches one of the stored entries.</summary>
    public static bool IsAllowed(IEnumerable<string> allowed, string? origin)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        // "null" (file:, sandboxed frames) and anything else that is not an origin matches nothing.
        if (string.IsNullOrEmpty(origin) || TryNormalize(origin, out var normalized) is not null || normalized.Contains('*', StringComparison.Ordinal))
            return false;
        return allowed.Any(entry => Matches(entry, normalized));
    }

    private static bool Matches(string entry, string origin)
    {
        var star = entry.IndexOf(Wildcard, StringComparison.Ordinal);
        if (star < 0)
            return string.Equals(entry, origin, StringComparison.Ordinal);
        // "https://*.example.com:8443": origin = prefix + one label + suffix.
        var prefix = entry[..star];
        var suffix = entry[(star + 1)..];
        if (!origin.StartsWith(prefix, StringComparison.Ordinal) || !origin.EndsWith(suffix, StringComparison.Ordinal))
            return false;
        var label = origin.AsSpan(prefix.Length, Math.Max(0, origin.Length - prefix.Length - suffix.Length));
        return label.Length > 0 && !label.ContainsAny('.', ':', '/');
    }

    /// <summary>Null with the normalized form when <paramref name="entry"/> is an origin, else why it is not.</summary>
    private static string? TryNormalize(string? entry, out string origin)
    {
        origin = "";
        var text = entry?.Trim() ?? "";
        if (text.Length == 0)
            return "An allowed web origin cannot be empty.";
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd < 0 ? "" : text[..schemeEnd].ToLowerInvariant();
        if (scheme is not ("http" or "https"))
            return $"\"{text}\" is not an origin: it must start with http:// or https://.";
        var authority = text[(schemeEnd + 3)..];
        if (authority.EndsWith('/') && authority.IndexOfAny(['/', '?', '#']) == authority.Length - 1)
            return $"\"{text}\" is not an origin: remove the trailing \"/\" (an origin has no path).";
        if (authority.IndexOfAny(['/', '?', '#']) >= 0)
            return $"\"{text}\" is not an origin: it cannot have a path, query or fragment.";
        if (authority.Contains('@', StringComparison.Ordinal))
            return $"\"{text}\" is not an origin: it cannot hold a user name or password.";

        var (host, port) = SplitPort(authority);
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber) || portNumber is < 1 or > 65535))
            return $"\"{text}\" is not an origin: the port must be a number from 1 to 65535.";
        var wildcard = host.StartsWith(Wildcard, StringComparison.Ordinal);
        var concreteHost = wildcard ? host[Wildcard.Length..] : host;
        if (concreteHost.Contains('*', StringComparison.Ordinal) || (host.Contains('*', StringComparison.Ordinal) && !wildcard))
            return $"\"{text}\" is not an origin: \"*\" may only stand for the first label of the host, as in https://*.example.com.";
        if (wildcard && !concreteHost.Contains('.', StringComparison.Ordinal))
            return $"\"{text}\" is not an origin: a wildcard needs a domain of at least two labels under it, as in https://*.example.com.";
        if (Uri.CheckHostName(concreteHost) == UriHostNameType.Unknown || concreteHost.Length > 253)
            return $"\"{text}\" is not an origin: \"{host}\" is not a host name.";

        var defaultPort = scheme == "https" ? 443 : 80;
        var portPart = port is null || int.Parse(port, CultureInfo.InvariantCulture) == defaultPort
            ? ""
            : ":" + int.Parse(port, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        origin = $"{scheme}://{host.ToLowerInvariant()}{portPart}";
        return null;
    }

    /// <summary>Host and port text of <c>host[:port]</c>, IPv6 literals (<c>[::1]:8080</c>) included.</summary>
    private static (string Host, string? Port) SplitPort(string authority)
    {
        var colon = authority.LastIndexOf(':');
        if (colon < 0 || colon < authority.LastIndexOf(']'))
            return (authority, null);
        return (authority[..colon], authority[(colon + 1)..]);
    }
}
