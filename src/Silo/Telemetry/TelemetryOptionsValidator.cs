using Microsoft.Extensions.Options;

namespace HyperSweep.Silo.Telemetry;

/// <summary>Checks the exporters' settings at start-up, naming each bad one.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PrometheusPort is < 0 or > 65535
            ? ValidateOptionsResult.Fail($"{TelemetryOptions.Section}:PrometheusPort must be 0 (off) or a TCP port, not {options.PrometheusPort}.")
            : ValidateOptionsResult.Success;
    }
}
