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

        if (options.MonitorInterval <= TimeSpan.Zero || options.WakeInterval <= TimeSpan.Zero)
        {
            errors.Add("HyperSweep:MonitorInterval and HyperSweep:WakeInterval must be positive.");
        }

        switch (options.Mode)
        {
            case SiloMode.Dev when string.IsNullOrWhiteSpace(options.StateDir):
                errors.Add("HyperSweep:StateDir must name a directory in dev mode.");
                break;
            case SiloMode.Cluster when string.IsNullOrWhiteSpace(options.Redis):
                errors.Add("HyperSweep:Redis (host:port) is required in cluster mode.");
                break;
            case SiloMode.Cluster:
                errors.Add("HyperSweep:Mode=Cluster is not available in this build yet (Redis cluster mode is issue 7); use Dev.");
                break;
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
