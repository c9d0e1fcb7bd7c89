using System.CommandLine;
using HyperSweep.Client.Connection;
using HyperSweep.Contracts;
using HyperSweep.Client.Commands;
using HyperSweep.Grains.Storage;
using HyperSweep.Grains.Workloads;
using HyperSweep.Silo;
using Spectre.Console;

namespace HyperSweep.Client;

/// <summary>
/// <c>hypersweep run &lt;spec.yaml&gt;</c>: validates the spec, starts a dev-mode silo inside this process, submits
/// the sweep, shows live progress and prints the leaderboard (or one JSON object with --json). Ctrl-C pauses
/// the sweep (running trials keep their checkpoints) and stops the silo cleanly; <c>--resume &lt;sweep id&gt;</c>
/// continues it.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var spec = new Argument<FileInfo?>("spec") { Description = "The sweep spec (YAML).", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print one JSON object at the end instead of progress and a table." };
        var resume = new Option<string?>("--resume") { Description = "Continue an unfinished sweep by id (from the same --state-dir)." };
        var stateDir = new Option<string?>("--state-dir") { Description = "Where the dev-mode state lives (default ~/.hypersweep)." };
        var slots = new Option<int?>("--slots") { Description = "Trials trained at once on this machine (default: core count)." };
        var workload = new Option<WorkloadKind>("--workload")
        {
            Description = "engine trains real models; synthetic runs no-op curves (service benchmarks).",
            DefaultValueFactory = _ => WorkloadKind.Engine,
        };
        var cluster = ClusterOption.Create();
        var top = new Option<int>("--top") { Description = "Rows in the final leaderboard.", DefaultValueFactory = _ => 10 };
        var command = new Command("run", "Run a sweep on this machine (a dev-mode silo inside this process).")
        {
            spec, json, resume, stateDir, slots, workload, top, cluster,
        };
        command.SetAction((parse, cancellation) => RunAsync(
            new RunRequest(
                parse.GetValue(spec),
                parse.GetValue(resume),
                parse.GetValue(json),
                parse.GetValue(stateDir),
                parse.GetValue(slots),
                parse.GetValue(workload),
                parse.GetValue(top),
                parse.GetValue(cluster)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    public static async Task<int> RunAsync(RunRequest request, TextWriter stdout, TextWriter stderr)
    {
        if (request.Spec is null == (request.Resume is null))
        {
            await stderr.WriteLineAsync("hypersweep run: give either a spec file or --resume <sweep id>.");
            return ExitCodes.BadInput;
        }

        LoadedSpec? loaded = null;
        if (request.Spec is { } file)
        {
            var schema = request.Workload == WorkloadKind.Synthetic ? SyntheticSchema.Instance : null;
            loaded = await SpecFile.LoadAsync(file, "hypersweep run", stderr, schema);
            if (loaded is null)
            {
                return ExitCodes.BadInput;
            }
        }

        var clusterAddress = ClusterOption.Resolve(request.Cluster);
        if (clusterAddress is not null)
        {
            return await RunOnCluster(clusterAddress, request, loaded, stdout, stderr);
        }

        var options = new HyperSweepSiloOptions
        {
            Mode = SiloMode.Dev,
            SiloPort = 0,
            GatewayPort = 0,
            Workload = request.Workload,
        };
        if (request.StateDir is not null)
        {
            options.StateDir = request.StateDir;
        }

        if (request.Slots is { } n)
        {
            options.Slots = n;
        }

        // First Ctrl-C (or SIGTERM): pause and shut down cleanly; a second one exits at once.
        using var interrupted = new InterruptSignals();
        {
            DevSilo silo;
            try
            {
                silo = await DevSilo.StartAsync(options, CancellationToken.None);
            }
            catch (StateStoreException exception)
            {
                // A damaged state file (exit 2) or a disk too full to open it (exit 3): named once, with what to do.
                await stderr.WriteLineAsync($"hypersweep run: {exception.Message}");
                return ExitCodes.ForStoreFault(exception.Fault);
            }
            catch (InvalidOperationException exception)
            {
                await stderr.WriteLineAsync($"hypersweep run: cannot start the dev-mode silo: {exception.Message}");
                return ExitCodes.ClusterUnreachable;
            }

            await using (silo)
            {
                return await new SweepRun(silo.Grains, request, loaded, () => silo.Health.Fault, stdout, stderr).RunAsync(interrupted.Token);
            }
        }
    }

    private static async Task<int> RunOnCluster(string address, RunRequest request, LoadedSpec? loaded, TextWriter stdout, TextWriter stderr)
    {
        ClusterAddress target;
        try
        {
            target = ClusterAddress.Parse(address);
        }
        catch (FormatException exception)
        {
            await stderr.WriteLineAsync($"hypersweep run: --cluster: {exception.Message}");
            return ExitCodes.BadInput;
        }

        // First Ctrl-C (or SIGTERM): pause and shut down cleanly; a second one exits at once.
        using var interrupted = new InterruptSignals();
        IClusterSession session;
        try
        {
            session = await new RemoteClusterTarget(target, ClusterConnection.DefaultTimeout).ConnectAsync(ConnectPurpose.LongLived, interrupted.Token);
        }
        catch (ClusterUnreachableException exception)
        {
            await stderr.WriteLineAsync($"hypersweep run: {exception.Message}");
            return ExitCodes.ClusterUnreachable;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Interrupted;
        }

        await using (session)
        {
            var generations = target.Redis is { } redis ? new HyperSweep.Silo.Cluster.ClusterGenerations(redis, target.ServiceId, target.ClusterId) : null;
            Func<Task<string?>>? explain = generations is null ? null : async () => (await generations.InspectAsync(target.RedisPassword, TimeSpan.FromSeconds(5), target.RedisUser)).Loss;
            return await new SweepRun(session.Grains, request, loaded, () => null, stdout, stderr, explain).RunAsync(interrupted.Token);
        }
    }
}
