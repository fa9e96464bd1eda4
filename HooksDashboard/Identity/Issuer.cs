using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Identity;

/// <summary>The issuer URL (tokens' <c>iss</c>) and the identifiers derived from it.</summary>
public interface IIssuer
{
    /// <summary>The public base URL, always ending in <c>/</c>.</summary>
    string Url { get; }

    /// <summary>The Management API's identifier (audience): <c>{Issuer}api/v2/</c>.</summary>
    string ManagementApiIdentifier { get; }
}

/// <summary>
/// <see cref="IIssuer"/> from configuration (<see cref="TenantOptions.Issuer"/>), else from the server's first
/// listening address. Server addresses are only known once the server has started, so the value is not
/// cached until it comes from configuration or a started server.
/// </summary>
public sealed class Issuer(IOptions<TenantOptions> options, IServiceProvider services) : IIssuer
{
    /// <summary>What is used before a server without a configured issuer knows its address (e.g. the in-memory test server).</summary>
    public const string Fallback = "http://localhost/";

    private string? _resolved;

    public string Url => _resolved ??= Resolve();

    public string ManagementApiIdentifier => Url + "api/v2/";

    private string Resolve()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.Issuer))
            return Normalize(options.Value.Issuer) ?? throw new InvalidOperationException(InvalidMessage(options.Value.Issuer));

        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            // Not cached: a server that has not started yet learns its address later.
            return Fallback;
        }
        return Normalize(ReplaceWildcardHost(address)) ?? Fallback;
    }

    /// <summary>An absolute http(s) URL without query or fragment, with a trailing slash; null when <paramref name="value"/> is not one.</summary>
    public static string? Normalize(string value)
    {
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            return null;
        var text = uri.GetLeftPart(UriPartial.Path);
        return text.EndsWith('/') ? text : text + "/";
    }

    internal static string InvalidMessage(string value) =>
        $"Configuration key Issuer must be an absolute http or https URL without query or fragment, e.g. https://auth.example.com/; got '{value}'.";

    // Kestrel reports what it bound: "http://[::]:5000", "http://0.0.0.0:80" or "http://+:80" are not addresses a client can use.
    private static string ReplaceWildcardHost(string address)
    {
        foreach (var wildcard in new[] { "://[::]", "://0.0.0.0", "://+", "://*" })
        {
            var at = address.IndexOf(wildcard, StringComparison.Ordinal);
            if (at >= 0)
                return string.Concat(address.AsSpan(0, at), "://localhost", address.AsSpan(at + wildcard.Length));
        }
        return address;
    }
}
