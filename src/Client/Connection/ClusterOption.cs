using System.CommandLine;

namespace HyperSweep.Client.Connection;

/// <summary>The <c>--cluster</c> option shared by every command that talks to a cluster; HYPERSWEEP_CLUSTER is its default.</summary>
public static class ClusterOption
{
    public static Option<string?> Create() => new("--cluster")
    {
        Description = $"Run on a cluster instead of a dev silo in this process: redis://[:password@]host:port/clusterId or gateways://host:port,host:port/clusterId (default: ${ClusterTargetOptions.EnvironmentVariable}).",
    };

    /// <summary>The option's value, else the environment variable, else null (dev mode).</summary>
    public static string? Resolve(string? fromCommandLine) =>
        !string.IsNullOrWhiteSpace(fromCommandLine) ? fromCommandLine
        : Environment.GetEnvironmentVariable(ClusterTargetOptions.EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;
}
