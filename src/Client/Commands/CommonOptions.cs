using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Connection;

namespace HyperSweep.Client.Commands;

/// <summary>The options every cluster command has (--cluster, --state-dir, --json, --quiet, --verbose); one instance per command.</summary>
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

    public Option<double> Timeout { get; } = ConnectTimeout();

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Dev mode: also print the log of the dev silo this command hosts on stderr (it is always in <state-dir>/logs/silo.log).",
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
        command.Options.Add(Verbose);
        command.Options.Add(Timeout);
        return command;
    }

    public ClusterTargetOptions TargetOptions(ParseResult parse, EmbeddedSiloOptions? embedded = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var given = parse.GetResult(Timeout) is { Implicit: false };
        return new(parse.GetValue(Cluster), parse.GetValue(StateDir), TimeSpan.FromSeconds(parse.GetValue(Timeout)), embedded,
            parse.GetValue(Verbose) ? parse.InvocationConfiguration.Error : null, given ? null : ClusterTargetOptions.DefaultDevSiloStartTimeout);
    }

    private static Option<double> ConnectTimeout()
    {
        return new Option<double>("--connect-timeout")
        {
            Description = "Seconds to wait for the cluster (or a dev silo) before giving up with exit code 3; a dev silo this command starts in its own process gets 120 unless this is given.",
            DefaultValueFactory = _ => ClusterTargetOptions.DefaultConnectTimeout.TotalSeconds,
            HelpName = "seconds",
        }.Check<Option<double>, double>(seconds => seconds is > 0 and <= 3600 ? null : $"must be between 0 and 3600 seconds, not {seconds}");
    }
}
