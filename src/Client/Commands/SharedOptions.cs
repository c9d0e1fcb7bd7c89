using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Silo;

namespace HyperSweep.Client.Commands;

/// <summary>
/// Options several commands have, defined once so that one idea has one name, one meaning and one check everywhere:
/// <c>--top</c>/<c>-k</c> (rows), <c>--slots</c>, <c>--workload engine|synthetic</c>.
/// </summary>
public static class SharedOptions
{
    public const string Engine = "engine";
    public const string Synthetic = "synthetic";

    /// <summary><c>--top N</c> (alias <c>-k</c>): how many of the best trials to show, at least <paramref name="minimum"/>.</summary>
    public static Option<int> Top(int defaultValue, string what = "How many of the best trials to show.", int minimum = 1)
    {
        return new Option<int>("--top", "-k") { Description = what, DefaultValueFactory = _ => defaultValue, HelpName = "N" }
            .Check<Option<int>, int>(n => n < minimum ? $"must be at least {minimum}, not {n}" : null);
    }

    /// <summary><c>--slots N</c>: trials trained at once by a dev silo this command starts (default: the core count).</summary>
    public static Option<int?> Slots(string what = "Dev mode: trials trained at once on this machine (default: the core count).")
    {
        return new Option<int?>("--slots") { Description = what, HelpName = "N" }
            .Check<Option<int?>, int?>(n => n < 1 ? $"must be at least 1, not {n}" : null);
    }

    /// <summary><c>--workload engine|synthetic</c>, lower case like every other value the CLI takes.</summary>
    public static Option<string> Workload(string what = "engine trains real models; synthetic runs made-up curves (tests and service benchmarks).")
    {
        var option = new Option<string>("--workload") { Description = what, DefaultValueFactory = _ => Engine, HelpName = "engine|synthetic" };
        option.AcceptOnlyFromAmong(Engine, Synthetic);
        return option;
    }

    public static WorkloadKind Kind(string? workload) => workload == Synthetic ? WorkloadKind.Synthetic : WorkloadKind.Engine;
}
