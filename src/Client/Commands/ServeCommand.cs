using System.CommandLine;
using System.Runtime.InteropServices;
using HyperSweep.Client.Cli;
using HyperSweep.Silo;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep serve</c>: a long-lived dev-mode silo on the state directory (what <c>submit</c> needs in dev mode).
/// Publishes its loopback gateway in the state directory so other commands connect to it; Ctrl-C or SIGTERM stops it
/// cleanly (unfinished sweeps continue when a silo runs on the directory again). Logs to the state directory's log file
/// (--verbose: also to stderr).
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var stateDir = new Option<string?>("--state-dir") { Description = "The state directory (default ~/.hypersweep).", HelpName = "dir" };
        var slots = SharedOptions.Slots("Trials trained at once on this machine (default: the core count).");
        var workload = SharedOptions.Workload();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also print the silo's log on stderr (it is always in <state-dir>/logs/silo.log)." };
        var command = new Command("serve", "Run a dev-mode silo on this machine until Ctrl-C; submit and the other commands connect to it.")
        {
            stateDir, slots, workload, verbose,
        };
        command.WithExamples(
            "hypersweep serve &                      # then: hypersweep submit examples/quickstart.yaml",
            "hypersweep serve --state-dir /scratch/me/hs --slots 8");
        command.SetAction(async (parse, cancellation) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var options = new HyperSweepSiloOptions { Mode = SiloMode.Dev, SiloPort = 0, GatewayPort = 0, Workload = SharedOptions.Kind(parse.GetValue(workload)) };
            if (parse.GetValue(stateDir) is { } dir)
            {
                options.StateDir = dir;
            }

            if (parse.GetValue(slots) is { } n)
            {
                options.Slots = n;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            void OnSignal(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }

            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            DevSilo silo;
            try
            {
                silo = await DevSilo.StartAsync(options, stop.Token, parse.GetValue(verbose) ? error : null);
            }
            catch (InvalidOperationException exception)
            {
                await error.WriteLineAsync($"hypersweep serve: cannot start the dev silo: {ErrorText.Of(exception)}");
                return ExitCodes.ClusterUnreachable;
            }

            await using (silo)
            {
                await error.WriteLineAsync(
                    $"hypersweep serve: dev silo on {HyperSweepSiloOptions.ExpandHome(options.StateDir)}, gateway 127.0.0.1:{silo.GatewayPort}, {options.Slots} slots, log {silo.LogFile}; Ctrl-C stops it");
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    await error.WriteLineAsync("hypersweep serve: stopping");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
