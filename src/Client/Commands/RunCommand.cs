using System.CommandLine;
using HyperSweep.Client.Connection;
using HyperSweep.Grains.Workloads;
using HyperSweep.Silo;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep run &lt;spec.yaml&gt;</c>: validates the spec, submits it to the target (dev mode: the silo holding the
/// state directory, else one hosted inside this process; or a cluster), shows live progress and prints the leaderboard
/// (or one JSON object with --json). Ctrl-C pauses the sweep (running trials keep their checkpoints) and stops the
/// silo cleanly; <c>--resume &lt;sweep id&gt;</c> continues it. The target is resolved like every other command's.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var spec = new Argument<FileInfo?>("spec") { Description = "The sweep spec (YAML).", Arity = ArgumentArity.ZeroOrOne };
        var resume = new Option<string?>("--resume") { Description = "Continue an unfinished sweep by id (from the same --state-dir)." };
        var slots = new Option<int?>("--slots") { Description = "Dev mode: trials trained at once on this machine (default: core count)." };
        var workload = new Option<WorkloadKind>("--workload")
        {
            Description = "engine trains real models; synthetic runs no-op curves (service benchmarks).",
            DefaultValueFactory = _ => WorkloadKind.Engine,
        };
        var top = new Option<int>("--top") { Description = "Rows in the final leaderboard.", DefaultValueFactory = _ => 10 };
        var command = new Command("run", "Run a sweep to its end from this terminal (dev mode: on this machine, no servers needed).")
        {
            spec, resume, slots, workload, top,
        };
        var common = new CommonOptions();
        common.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var file = parse.GetValue(spec);
            var resumed = parse.GetValue(resume);
            if (file is null == (resumed is null))
            {
                await error.WriteLineAsync("hypersweep run: give either a spec file or --resume <sweep id>.");
                return ExitCodes.BadInput;
            }

            LoadedSpec? loaded = null;
            if (file is not null)
            {
                var schema = parse.GetValue(workload) == WorkloadKind.Synthetic ? SyntheticSchema.Instance : null;
                loaded = await SpecFile.LoadAsync(file, "hypersweep run", error, schema);
                if (loaded is null)
                {
                    return ExitCodes.BadInput;
                }
            }

            // First Ctrl-C (or SIGTERM): pause and shut down cleanly; a second one exits at once.
            using var interrupted = new InterruptSignals();
            var sweep = new SweepDriver(file?.ToString(), loaded, resumed, parse.GetValue(top), parse.GetValue(common.StateDir));
            return await ClusterCommand.RunAsync(
                parse, common, ConnectPurpose.Run, (_, context, _) => sweep.DriveAsync(context, interrupted.Token), hasJson: true, interrupted.Token,
                new EmbeddedSiloOptions(parse.GetValue(slots), parse.GetValue(workload)));
        });
        return command;
    }
}
