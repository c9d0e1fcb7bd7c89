using System.Globalization;

namespace HyperSweep.Cluster.Tests;

/// <summary>
/// A network namespace joined to this one by a veth pair on a private /30 (10.231.x.0), made by the partition test and
/// removed after it (root, as in CI): <see cref="HostAddress"/> is this side's end, <see cref="InsideAddress"/> the
/// namespace's. <see cref="Cut"/> takes the link down — the namespace then reaches nothing outside, as a node cut off by
/// a failed switch — and <see cref="Heal"/> brings it back. Nothing else on the machine can reach these addresses.
/// </summary>
internal sealed class NetworkNamespace : IDisposable
{
    private readonly string _hostLink;

    private NetworkNamespace(string name, string hostLink, string hostAddress, string insideAddress)
    {
        Name = name;
        _hostLink = hostLink;
        HostAddress = hostAddress;
        InsideAddress = insideAddress;
    }

    public string Name { get; }

    public string HostAddress { get; }

    public string InsideAddress { get; }

    public static NetworkNamespace Create()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var subnet = Random.Shared.Next(1, 255).ToString(CultureInfo.InvariantCulture);
        var (name, host, inside) = ($"hs-part-{tag}", $"hsp{tag}a", $"hsp{tag}b");
        var network = new NetworkNamespace(name, host, $"10.231.{subnet}.1", $"10.231.{subnet}.2");
        try
        {
            Ip("netns", "add", name);
            Ip("link", "add", host, "type", "veth", "peer", "name", inside);
            Ip("link", "set", inside, "netns", name);
            Ip("addr", "add", network.HostAddress + "/30", "dev", host);
            Ip("link", "set", host, "up");
            Ip("netns", "exec", name, "ip", "addr", "add", network.InsideAddress + "/30", "dev", inside);
            Ip("netns", "exec", name, "ip", "link", "set", inside, "up");
            Ip("netns", "exec", name, "ip", "link", "set", "lo", "up");
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>The link goes down: the namespace is cut off from Redis and from every other silo.</summary>
    public void Cut() => Ip("link", "set", _hostLink, "down");

    /// <summary>The link comes back.</summary>
    public void Heal() => Ip("link", "set", _hostLink, "up");

    public void Dispose()
    {
        TryIp("link", "del", _hostLink); // deletes its peer in the namespace too
        TryIp("netns", "del", Name);
    }

    private static void Ip(params string[] arguments)
    {
        var (exit, output) = Run(arguments);
        Assert.True(exit == 0, $"ip {string.Join(' ', arguments)} failed ({exit}): {output} (the partition test needs root, as in CI)");
    }

    private static void TryIp(params string[] arguments) => Run(arguments);

    private static (int Exit, string Output) Run(string[] arguments)
    {
        var (exit, output) = ShortCommand.Run("/usr/sbin/ip", arguments);
        return (exit, output.Trim());
    }
}
