using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace HooksDashboard.Web;

/// <summary>
/// Kestrel's socket transport settings from configuration (<c>Server:Sockets</c>, e.g.
/// <c>Server__Sockets__UnsafePreferInlineScheduling=true</c>): the transport's thread hand-offs per request are what a
/// request costs at low concurrency on a machine where every thread wake-up is expensive (docs/design.md, "Token
/// endpoint: thread hand-offs").
/// </summary>
public static class ServerTransport
{
    /// <summary>The configuration section bound onto <see cref="SocketTransportOptions"/>.</summary>
    public const string Section = "Server:Sockets";

    /// <summary>Binds <see cref="Section"/> onto the socket transport's options (unset keys keep Kestrel's defaults).</summary>
    public static IServiceCollection AddServerTransport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<SocketTransportOptions>(configuration.GetSection(Section));
        return services;
    }
}
