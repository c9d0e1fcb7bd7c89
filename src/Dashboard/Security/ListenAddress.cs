using System.Globalization;
using System.Net;

namespace HyperSweep.Dashboard.Security;

/// <summary>Where the dashboard listens: <c>host:port</c> (<c>127.0.0.1:8080</c>, <c>[::1]:8080</c>, <c>0.0.0.0:8443</c>, <c>localhost:8080</c>).</summary>
public sealed record ListenAddress(IPAddress Address, int Port)
{
    public const string Default = "127.0.0.1:8080";

    public bool IsLoopback => IPAddress.IsLoopback(Address);

    /// <summary>Parses <paramref name="text"/>; <see cref="FormatException"/> says what is wrong. Port 0 picks a free port.</summary>
    public static ListenAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new FormatException($"listen address '{text}' is not host:port (for example {Default})");
        }

        var host = text[..colon].Trim('[', ']');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new ListenAddress(IPAddress.Loopback, port);
        }

        return IPAddress.TryParse(host, out var address)
            ? new ListenAddress(address, port)
            : throw new FormatException($"listen address '{text}': '{host}' is not an IP address (use 127.0.0.1, ::1, 0.0.0.0 or an interface's address)");
    }

    public override string ToString() =>
        Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? string.Create(CultureInfo.InvariantCulture, $"[{Address}]:{Port}")
            : string.Create(CultureInfo.InvariantCulture, $"{Address}:{Port}");
}
