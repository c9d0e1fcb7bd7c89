using Microsoft.Extensions.Options;
using OpenTelemetry.Resources;

namespace HyperSweep.Silo.Telemetry;

/// <summary>Resource attributes that only exist once the silo is built: its address and cluster id, and the host name.</summary>
public sealed class SiloResourceDetector(ILocalSiloDetails silo, IOptions<Orleans.Configuration.ClusterOptions> cluster) : IResourceDetector
{
    public Resource Detect() => new(new Dictionary<string, object>
    {
        ["host.name"] = Environment.MachineName,
        ["hypersweep.silo.address"] = silo.SiloAddress.ToParsableString(),
        ["hypersweep.cluster.id"] = cluster.Value.ClusterId,
        ["service.instance.id"] = silo.SiloAddress.ToParsableString(),
    });
}
