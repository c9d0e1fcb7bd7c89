namespace HyperSweep.Cluster.Tests;

/// <summary>
/// How to start one silo process: its cluster, slots, simulated epoch time, state directory and artifact store (the
/// cluster's, shared by every silo of it), and optionally the
/// address it advertises and the network namespace it runs in (the partition test's), with extra command-line settings.
/// </summary>
internal sealed record SiloLaunch(
    string Redis,
    string ClusterId,
    int Slots,
    int EpochMs,
    string StateDir,
    string Artifacts,
    IReadOnlyDictionary<string, string>? Environment = null,
    string[]? ExtraSettings = null,
    string AdvertisedAddress = "127.0.0.1",
    string? Namespace = null)
{
    public string[] Extra => ExtraSettings ?? [];
}
