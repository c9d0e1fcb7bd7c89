using HyperSweep.Silo.Cluster;
using Microsoft.Extensions.Options;

namespace HyperSweep.Silo;

/// <summary>Checks the silo's configuration at start-up, naming each bad setting.</summary>
public sealed class HyperSweepSiloOptionsValidator : IValidateOptions<HyperSweepSiloOptions>
{
    public ValidateOptionsResult Validate(string? name, HyperSweepSiloOptions options)
    {
        var errors = new List<string>();
        if (options.Slots < 1)
        {
            errors.Add($"HyperSweep:Slots must be at least 1 (got {options.Slots}).");
        }

        if (options.SiloPort is < 0 or > 65535)
        {
            errors.Add($"HyperSweep:SiloPort must be a TCP port 0-65535 (got {options.SiloPort}).");
        }

        if (options.GatewayPort is < 0 or > 65535)
        {
            errors.Add($"HyperSweep:GatewayPort must be a TCP port 0-65535 (got {options.GatewayPort}).");
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            errors.Add("HyperSweep:ClusterId and HyperSweep:ServiceId must not be empty.");
        }

        if (!string.IsNullOrWhiteSpace(options.DataRoot) && !Directory.Exists(HyperSweepSiloOptions.ExpandHome(options.DataRoot)))
        {
            errors.Add($"HyperSweep:DataRoot: directory not found: {options.DataRoot}");
        }

        if (options.SyntheticEpochMs is < 0 or > 600_000)
        {
            errors.Add($"HyperSweep:SyntheticEpochMs must be 0-600000 (got {options.SyntheticEpochMs}).");
        }

        if (options.PreemptionGrace < TimeSpan.Zero || options.PreemptionGrace > TimeSpan.FromHours(1))
        {
            errors.Add($"HyperSweep:PreemptionGrace must be between 0 and 1 hour (got {options.PreemptionGrace}).");
        }

        if (options.CheckpointInterval < TimeSpan.Zero || options.CheckpointIntervalBatches < 0)
        {
            errors.Add($"HyperSweep:CheckpointInterval and HyperSweep:CheckpointIntervalBatches must not be negative (got {options.CheckpointInterval}, {options.CheckpointIntervalBatches}).");
        }

        if (options.HungTrialTimeout < TimeSpan.Zero || options.HungTrialRetries < 0)
        {
            errors.Add($"HyperSweep:HungTrialTimeout and HyperSweep:HungTrialRetries must not be negative (got {options.HungTrialTimeout}, {options.HungTrialRetries}).");
        }

        if (options.MonitorInterval <= TimeSpan.Zero || options.WakeInterval <= TimeSpan.Zero)
        {
            errors.Add("HyperSweep:MonitorInterval and HyperSweep:WakeInterval must be positive.");
        }

        switch (options.Mode)
        {
            case SiloMode.Dev when string.IsNullOrWhiteSpace(options.StateDir):
                errors.Add("HyperSweep:StateDir must name a directory in dev mode.");
                break;
            case SiloMode.Cluster:
                ValidateCluster(options, errors);
                break;
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>A loopback IP or "localhost": only this machine can reach it (no name resolution here: anything else counts as reachable).</summary>
    private static bool IsLoopback(string address) =>
        string.Equals(address, "localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(address, out var ip) && System.Net.IPAddress.IsLoopback(ip));

    private static void ValidateCluster(HyperSweepSiloOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            errors.Add("HyperSweep:Redis (host:port, --redis) is required in cluster mode.");
        }
        else
        {
            try
            {
                RedisEndpoint.Parse(options.Redis);
            }
            catch (FormatException exception)
            {
                errors.Add($"HyperSweep:Redis: {exception.Message}.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Artifacts))
        {
            errors.Add("HyperSweep:Artifacts (--artifacts DIR) is required in cluster mode: the artifact store's root, on a filesystem every node mounts at the same path (checkpoints and kept models go there, never into Redis).");
        }

        if (string.IsNullOrWhiteSpace(options.AdvertisedAddress))
        {
            errors.Add("HyperSweep:AdvertisedAddress (--advertised-address) is required in cluster mode: the IP or host name other nodes reach this silo on.");
        }

        if (options.SiloPort == 0 || options.GatewayPort == 0)
        {
            errors.Add("HyperSweep:SiloPort and HyperSweep:GatewayPort must be fixed ports in cluster mode (0 picks a random port nobody else can know).");
        }
        else if (options.SiloPort == options.GatewayPort)
        {
            errors.Add($"HyperSweep:SiloPort and HyperSweep:GatewayPort must differ (both {options.SiloPort}).");
        }

        if (string.IsNullOrWhiteSpace(options.TlsCertificate) && !options.Insecure && !string.IsNullOrWhiteSpace(options.AdvertisedAddress)
            && (options.ListenOnAnyAddress || !IsLoopback(options.AdvertisedAddress)))
        {
            errors.Add($"HyperSweep:AdvertisedAddress {options.AdvertisedAddress}{(options.ListenOnAnyAddress ? " (listening on every interface)" : "")} is reachable from other machines "
                + "and TLS is off: every sweep, spec and data path would cross the network unencrypted and unauthenticated. Configure TLS "
                + "(HyperSweep:TlsCertificate, TlsKey, TlsCa; docs/CLUSTER.md, \"TLS\"), or pass --insecure (HyperSweep:Insecure=true) on a network you trust.");
        }

        if (string.IsNullOrWhiteSpace(options.TlsCertificate) != string.IsNullOrWhiteSpace(options.TlsCa))
        {
            errors.Add("HyperSweep:TlsCertificate and HyperSweep:TlsCa must be given together (mutual TLS needs this silo's certificate and the cluster CA).");
        }

        foreach (var (key, path) in new[] { ("TlsCertificate", options.TlsCertificate), ("TlsKey", options.TlsKey), ("TlsCa", options.TlsCa) })
        {
            if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path))
            {
                errors.Add($"HyperSweep:{key}: file not found: {path}");
            }
        }

        if (options.StoreCheckInterval <= TimeSpan.Zero)
        {
            errors.Add($"HyperSweep:StoreCheckInterval must be positive (got {options.StoreCheckInterval}).");
        }

        if (options.RedisConnectTimeout <= TimeSpan.Zero || options.RedisConnectTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"HyperSweep:RedisConnectTimeout must be between 0 and 5 minutes (got {options.RedisConnectTimeout}).");
        }
    }
}
