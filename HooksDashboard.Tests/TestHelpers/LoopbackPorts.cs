using System.Net;
using System.Net.Sockets;

namespace HooksDashboard.Tests.TestHelpers;

/// <summary>Ports on 127.0.0.1 that nothing listens on (taken from the system, then released): a connection or datagram to one is refused.</summary>
public static class LoopbackPorts
{
    /// <summary>A TCP port with no listener.</summary>
    public static int ClosedTcp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A UDP port nothing is bound to.</summary>
    public static int ClosedUdp()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
