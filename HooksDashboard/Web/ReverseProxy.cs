using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace HooksDashboard.Web;

/// <summary>
/// Configuration section <c>ReverseProxy</c>: which peers may tell this server, through <c>X-Forwarded-For</c>,
/// <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c>, the client's address and the public scheme and host. Only
/// the listed proxies and networks are believed; with none listed the headers are ignored from everyone (not even
/// loopback is trusted by default, unlike ASP.NET Core's own defaults).
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string SectionName = "ReverseProxy";

    /// <summary>Addresses of the proxies in front of this server, e.g. <c>10.0.0.5</c> or <c>::1</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR notation, e.g. <c>172.16.0.0/12</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row are read from the headers (each must be known); 1 for a single load balancer.</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool IsOn => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    /// <summary>The framework's options from these settings; throws with the key and the value that is wrong.</summary>
    internal ForwardedHeadersOptions ToForwardedHeaders()
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            ForwardLimit = ForwardLimit,
        };
        // The framework trusts loopback out of the box; here only what the operator listed is trusted.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        for (var i = 0; i < KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i]?.Trim(), out var address))
                throw new OptionsValidationException(SectionName, typeof(ReverseProxyOptions),
                    [$"Configuration key ReverseProxy:KnownProxies:{i} must be an IP address, e.g. 10.0.0.5; got '{KnownProxies[i]}'."]);
            options.KnownProxies.Add(address);
        }

        for (var i = 0; i < KnownNetworks.Count; i++)
        {
            if (!System.Net.IPNetwork.TryParse(KnownNetworks[i]?.Trim(), out var network))
                throw new OptionsValidationException(SectionName, typeof(ReverseProxyOptions),
                    [$"Configuration key ReverseProxy:KnownNetworks:{i} must be a network in CIDR notation, e.g. 10.0.0.0/8; got '{KnownNetworks[i]}'."]);
            options.KnownIPNetworks.Add(network);
        }

        return options;
    }
}

/// <summary>Applies <see cref="ReverseProxyOptions"/>.</summary>
public static partial class ReverseProxyExtensions
{
    /// <summary>
    /// The first middleware when proxies are configured: <c>Request.Scheme</c>, <c>Request.Host</c> and
    /// <c>Connection.RemoteIpAddress</c> become what the proxy saw, so HTTPS-only behaviour (HSTS, cookie flags), links
    /// built from the request and the per-IP rate limits work behind it. Tokens' issuer stays the configured
    /// <c>Issuer</c>: set it to the public URL.
    /// </summary>
    public static WebApplication UseReverseProxy(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Configuration.GetSection(ReverseProxyOptions.SectionName).Get<ReverseProxyOptions>() ?? new();
        if (settings.ForwardLimit < 1)
            throw new OptionsValidationException(ReverseProxyOptions.SectionName, typeof(ReverseProxyOptions),
                [$"Configuration key ReverseProxy:ForwardLimit must be at least 1; got {settings.ForwardLimit}."]);
        if (settings.IsOn)
        {
            app.UseForwardedHeaders(settings.ToForwardedHeaders());
            if (string.IsNullOrWhiteSpace(app.Configuration["Issuer"]))
                LogIssuerUnset(app.Logger);
        }
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ReverseProxy is configured but Issuer is not: tokens and the discovery document name this server's own listening address, not the public URL. Set Issuer to the public URL, e.g. https://auth.example.com/")]
    private static partial void LogIssuerUnset(ILogger logger);
}
