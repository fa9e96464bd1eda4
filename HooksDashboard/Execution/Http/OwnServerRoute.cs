using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace HooksDashboard.Execution.Http;

/// <summary>
/// Requests a hook makes to this server's own public host (the issuer, e.g. <c>https://auth.example.com</c>, the
/// <c>domain</c> a hook gives Auth0's SDK) go straight to the server's own listening socket, over plain HTTP when it
/// listens on HTTP: no TLS, no DNS, no egress check (the loopback rule would refuse it), and the same authorization
/// as any caller. Each such request carries <see cref="MarkerHeader"/> with a per-process random key, so the server can
/// tell a hook's own request from any other caller's (see <c>Hooks/HookRequestOrigin</c>); the key never reaches a hook.
/// The executor knows only the two functions given here: the public base URL and the listening address.
/// </summary>
public sealed class OwnServerRoute
{
    /// <summary>The header on a hook's request to its own server; its value is <see cref="Marker"/>.</summary>
    public const string MarkerHeader = "x-hooksdashboard-hook-request";

    private readonly Func<string?> _publicBase;
    private readonly Func<string?> _listenAddress;
    private readonly byte[] _marker;

    /// <param name="publicBase">The server's public base URL (the issuer), or null while unknown.</param>
    /// <param name="listenAddress">An address the server listens on (e.g. <c>http://127.0.0.1:5000</c>, wildcards allowed), or null while unknown.</param>
    public OwnServerRoute(Func<string?> publicBase, Func<string?> listenAddress)
    {
        _publicBase = publicBase ?? throw new ArgumentNullException(nameof(publicBase));
        _listenAddress = listenAddress ?? throw new ArgumentNullException(nameof(listenAddress));
        Marker = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        _marker = Encoding.ASCII.GetBytes(Marker);
    }

    /// <summary>No own server (the command line's executor, tests of the executor alone): every request goes to the network.</summary>
    public static OwnServerRoute None { get; } = new(() => null, () => null);

    /// <summary>This process's key, sent as <see cref="MarkerHeader"/>; random per process, never shown to a hook.</summary>
    internal string Marker { get; }

    /// <summary>Whether a request header's value is this process's marker (constant-time).</summary>
    public bool IsMarker(string? value) =>
        value is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(value), _marker);

    /// <summary>
    /// The base (scheme, host, port) of the server's own listening socket when <paramref name="uri"/> names the
    /// server's public host, else null. The public host matches on its port, or on either scheme's default port,
    /// so <c>https://{domain}</c> reaches a server whose issuer is <c>http://{domain}:5000/</c> only when the port matches,
    /// and <c>https://auth.example.com</c> reaches a server behind a proxy whose issuer is <c>https://auth.example.com/</c>.
    /// </summary>
    public Uri? Resolve(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (_publicBase() is not { } publicText || !Uri.TryCreate(publicText, UriKind.Absolute, out var publicBase))
            return null;
        if (!string.Equals(uri.IdnHost, publicBase.IdnHost, StringComparison.OrdinalIgnoreCase))
            return null;
        if (uri.Port != publicBase.Port && !(uri.IsDefaultPort && publicBase.IsDefaultPort))
            return null;
        return Listening();
    }

    /// <summary>Where the server listens, as a URL a client can connect to (wildcard hosts become loopback).</summary>
    private Uri? Listening()
    {
        if (_listenAddress() is not { } text)
            return null;
        foreach (var (wildcard, loopback) in Wildcards)
        {
            var at = text.IndexOf(wildcard, StringComparison.Ordinal);
            if (at >= 0)
            {
                text = string.Concat(text.AsSpan(0, at), "://", loopback, text.AsSpan(at + wildcard.Length));
                break;
            }
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? new Uri(uri.GetLeftPart(UriPartial.Authority))
            : null;
    }

    // Kestrel reports what it bound: "http://[::]:5000", "http://0.0.0.0:80", "http://+:80" are not addresses to connect to.
    private static readonly (string Wildcard, string Loopback)[] Wildcards =
    [
        ("://[::]", "[::1]"),
        ("://0.0.0.0", IPAddress.Loopback.ToString()),
        ("://+", IPAddress.Loopback.ToString()),
        ("://*", IPAddress.Loopback.ToString()),
    ];
}
