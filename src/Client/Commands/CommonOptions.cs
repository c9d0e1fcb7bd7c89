using System.CommandLine;
using HyperSweep.Client.Connection;

namespace HyperSweep.Client.Commands;

/// <summary>The options every cluster command has (--cluster, --state-dir, --json, --quiet); one instance per command.</summary>
public sealed class CommonOptions
{
    public Option<string?> Cluster { get; } = new("--cluster")
    {
        Description = $"The cluster to talk to (default: ${ClusterTargetOptions.EnvironmentVariable}; empty = dev mode on this machine).",
    };

    public Option<string?> StateDir { get; } = new("--state-dir")
    {
        Description = "Dev mode: the state directory (default ~/.hypersweep).",
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON (stable field names, docs/CLI.md) instead of tables." };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print only the essential result (ids, values), no headers or hints." };

    public Option<double> Timeout { get; } = new("--connect-timeout")
    {
        Description = "Seconds to wait for the cluster (or a dev silo) before giving up with exit code 3.",
        DefaultValueFactory = _ => ClusterTargetOptions.DefaultConnectTimeout.TotalSeconds,
    };

    /// <summary>Adds the options to <paramref name="command"/>; <paramref name="json"/> false for commands without JSON output.</summary>
    public Command AddTo(Command command, bool json = true)
    {
        command.Options.Add(Cluster);
        command.Options.Add(StateDir);
        if (json)
        {
            command.Options.Add(Json);
        }

        command.Options.Add(Quiet);
        command.Options.Add(Timeout);
        return command;
    }

    public ClusterTargetOptions TargetOptions(ParseResult parse, EmbeddedSiloOptions? embedded = null) =>
        new(parse.GetValue(Cluster), parse.GetValue(StateDir), TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(Timeout))), embedded);
}
