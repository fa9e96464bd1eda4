using System.Net;
using HooksDashboard.Management;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>
/// The app on a real Kestrel server at 127.0.0.1 and a random port, for clients outside the test process's
/// in-memory transport (the command line's HttpClient, Node with Auth0's SDK).
/// </summary>
public sealed class KestrelAppFactory : AppFactory
{
    public KestrelAppFactory()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Starts the server (once) and returns its address, e.g. <c>http://127.0.0.1:43127</c>.</summary>
    public string Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return addresses.Single().TrimEnd('/');
        }
    }

    /// <summary>The Management API's audience at this server, as remote clients compute it.</summary>
    public string Audience => ManagementApi.AudienceFor(Address + "/");
}
