using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Connection;
using HyperSweep.Grains.Workloads;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep run &lt;spec.yaml&gt;</c>: validates the spec, submits it to the target (dev mode: the silo holding the
/// state directory, else one hosted inside this process; or a cluster), shows live progress and prints the leaderboard
/// (or one JSON object with --json). Ctrl-C pauses the sweep (running trials keep their checkpoints) and stops the
/// silo cleanly; <c>run --resume &lt;sweep&gt;</c> continues it (an id, a name or an id prefix, like every command's
/// <c>&lt;sweep&gt;</c>). The target is resolved like every other command's.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("spec") { Description = "The sweep spec (YAML); with --resume, the sweep to continue (id, name or id prefix)." };
        var resume = new Option<bool>("--resume") { Description = "Continue a stored sweep instead of starting one: <spec> names the sweep (or its spec file)." };
        var slots = SharedOptions.Slots();
        var workload = SharedOptions.Workload();
        var top = SharedOptions.Top(10, "Rows of the final leaderboard.");
        var command = new Command("run", "Run a sweep to its end from this terminal (dev mode: on this machine, no servers needed).")
        {
            target, resume, slots, workload, top,
        };
        command.WithExamples(
            "hypersweep run examples/quickstart.yaml                 # live progress, then the leaderboard",
            "hypersweep run examples/quickstart.yaml --slots 2 --json  # two trials at once; one JSON document at the end",
            "hypersweep run --resume quickstart                      # continue the newest sweep named quickstart after Ctrl-C");
        var common = new CommonOptions();
        common.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var given = parse.GetValue(target)!;
            var kind = SharedOptions.Kind(parse.GetValue(workload));
            LoadedSpec? loaded = null;
            string? resumed = null;
            if (parse.GetValue(resume))
            {
                resumed = await ResumeTargetAsync(given);
            }
            else
            {
                var schema = kind == Silo.WorkloadKind.Synthetic ? SyntheticSchema.Instance : null;
                loaded = await SpecFile.LoadAsync(new FileInfo(given), "hypersweep run", error, schema);
                if (loaded is null)
                {
                    return ExitCodes.BadInput;
                }
            }

            // First Ctrl-C (or SIGTERM): pause and shut down cleanly; a second one exits at once.
            using var interrupted = new InterruptSignals();
            var sweep = new SweepDriver(loaded is null ? null : given, loaded, resumed, parse.GetValue(top), parse.GetValue(common.StateDir));
            return await ClusterCommand.RunAsync(
                parse, common, ConnectPurpose.Run, (_, context, _) => sweep.DriveAsync(context, interrupted.Token), hasJson: true, interrupted.Token,
                new EmbeddedSiloOptions(parse.GetValue(slots), kind));
        });
        return command;
    }

    /// <summary>The sweep --resume names: as given, or the name of the spec when a spec file is given.</summary>
    private static async Task<string> ResumeTargetAsync(string given)
    {
        if (!File.Exists(given) || Directory.Exists(given))
        {
            return given;
        }

        // A spec file: its sweep's name (the newest sweep with it), without checking its data again.
        var loaded = await SpecFile.LoadAsync(new FileInfo(given), "hypersweep run", TextWriter.Null);
        return loaded?.Spec.Name ?? Path.GetFileNameWithoutExtension(given);
    }
}
