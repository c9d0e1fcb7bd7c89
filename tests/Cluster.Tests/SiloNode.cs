using System.Globalization;
using HyperSweep.Silo;

namespace HyperSweep.Cluster.Tests;

/// <summary>One hypersweep-silo process in cluster mode on loopback, with its own silo and gateway ports.</summary>
internal sealed class SiloNode(OwnedProcess process, int siloPort, int gatewayPort) : IDisposable
{
    public OwnedProcess Process { get; } = process;

    public int SiloPort { get; } = siloPort;

    public int GatewayPort { get; } = gatewayPort;

    /// <summary>Whether a silo name as reported in trial rows (<c>127.0.0.1:port@generation</c>) is this node.</summary>
    public bool Is(string? siloName) => siloName is not null && siloName.Contains($":{SiloPort}@", StringComparison.Ordinal);

    /// <summary>
    /// Starts a silo whose state directory (logs, the cluster generation it saw) is <paramref name="stateDir"/>, never the
    /// user's home, on the cluster's artifact store <paramref name="artifacts"/>; <paramref name="extra"/> settings are
    /// appended to the command line.
    /// </summary>
    public static SiloNode Start(
        string redis, string clusterId, int slots, int epochMs, string stateDir, string artifacts, IReadOnlyDictionary<string, string>? environment = null, params string[] extra) =>
        Start(new SiloLaunch(redis, clusterId, slots, epochMs, stateDir, artifacts, environment, extra));

    /// <summary>Starts a silo as <paramref name="launch"/> says (another advertised address, inside a network namespace).</summary>
    public static SiloNode Start(SiloLaunch launch)
    {
        // The cluster's shared store must exist (as an operator's mount would); every silo of a test names the same one.
        Directory.CreateDirectory(launch.Artifacts);
        var siloPort = FreePort.OnLoopback();
        var gatewayPort = FreePort.OnLoopback();
        string[] silo =
        [
            Paths.SiloBinary, "--mode", "Cluster", "--redis", launch.Redis, "--advertised-address", launch.AdvertisedAddress, "--cluster-id", launch.ClusterId,
            "--silo-port", siloPort.ToString(CultureInfo.InvariantCulture), "--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture),
            "--slots", launch.Slots.ToString(CultureInfo.InvariantCulture), "--workload", "Synthetic", "--state-dir", launch.StateDir,
            "--artifacts", launch.Artifacts, .. launch.Extra,
        ];
        string[] command = launch.Namespace is null ? silo : ["/usr/sbin/ip", "netns", "exec", launch.Namespace, .. silo];
        var environment = new Dictionary<string, string>(launch.Environment ?? new Dictionary<string, string>())
        {
            ["HyperSweep__SyntheticEpochMs"] = launch.EpochMs.ToString(CultureInfo.InvariantCulture),
        };
        var process = OwnedProcess.Start($"silo:{siloPort}", command[0], command[1..], environment);
        return new SiloNode(process, siloPort, gatewayPort);
    }

    public void Dispose() => Process.Dispose();
}
