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
    /// user's home; <paramref name="extra"/> settings are appended to the command line.
    /// </summary>
    public static SiloNode Start(
        string redis, string clusterId, int slots, int epochMs, string stateDir, IReadOnlyDictionary<string, string>? environment = null, params string[] extra)
    {
        var siloPort = FreePort.OnLoopback();
        var gatewayPort = FreePort.OnLoopback();
        var process = OwnedProcess.Start($"silo:{siloPort}", Paths.SiloBinary,
        [
            "--mode", "Cluster", "--redis", redis, "--advertised-address", "127.0.0.1", "--cluster-id", clusterId,
            "--silo-port", siloPort.ToString(CultureInfo.InvariantCulture), "--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture),
            "--slots", slots.ToString(CultureInfo.InvariantCulture), "--workload", "Synthetic", "--state-dir", stateDir, .. extra,
        ], new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["HyperSweep__SyntheticEpochMs"] = epochMs.ToString(CultureInfo.InvariantCulture) });
        return new SiloNode(process, siloPort, gatewayPort);
    }

    public void Dispose() => Process.Dispose();
}
