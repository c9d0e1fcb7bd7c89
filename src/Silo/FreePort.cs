using System.Net;
using System.Net.Sockets;

namespace HyperSweep.Silo;

/// <summary>Finds a free TCP port on the loopback interface (for an in-process dev silo nobody connects to from outside).</summary>
public static class FreePort
{
    public static int OnLoopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
