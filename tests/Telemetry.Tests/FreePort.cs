using System.Net;
using System.Net.Sockets;

namespace HyperSweep.Telemetry.Tests;

/// <summary>A TCP port free on loopback right now (the OS picks it).</summary>
internal static class FreePort
{
    public static int OnLoopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
