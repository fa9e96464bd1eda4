using HooksDashboard.Execution.Http;
using HooksDashboard.Hooks;
using HooksDashboard.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace HooksDashboard.Web;

/// <summary>
/// Hooks' requests to this server's own public host: the route the executor takes for them (the issuer's host → the
/// server's own listening socket) and the middleware that recognises them by the per-process marker.
/// </summary>
public static class OwnServerRequests
{
    /// <summary>Registers the <see cref="OwnServerRoute"/> the executor's HTTP transport uses: the issuer, and the first HTTP (else HTTPS) listening address.</summary>
    public static IServiceCollection AddOwnServerRoute(this IServiceCollection services)
    {
        services.AddSingleton(sp => new OwnServerRoute(
            () => sp.GetService<IIssuer>()?.Url,
            () => ListeningAddress(sp.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses)));
        return services;
    }

    /// <summary>
    /// Marks requests that carry this process's marker as a hook's (<see cref="HookRequestOrigin"/>) and removes the
    /// header, so nothing downstream sees it. A header with any other value is removed and ignored: it means nothing.
    /// </summary>
    public static WebApplication UseOwnServerRequests(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var route = app.Services.GetRequiredService<OwnServerRoute>();
        app.Use(async (context, next) =>
        {
            var headers = context.Request.Headers;
            if (!headers.TryGetValue(OwnServerRoute.MarkerHeader, out var marker))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            headers.Remove(OwnServerRoute.MarkerHeader);
            if (marker.Count != 1 || !route.IsMarker(marker[0]))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            using (HookRequestOrigin.Enter())
                await next(context).ConfigureAwait(false);
        });
        return app;
    }

    /// <summary>Prefers a plain HTTP address (no TLS between the process and itself); null before the server started.</summary>
    internal static string? ListeningAddress(ICollection<string>? addresses)
    {
        if (addresses is null || addresses.Count == 0)
            return null;
        return addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.First();
    }
}
