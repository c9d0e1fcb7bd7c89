using System.CommandLine;
using System.Runtime.InteropServices;
using HyperSweep.Silo;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep serve</c>: a long-lived dev-mode silo on the state directory (what <c>submit</c> needs in dev mode).
/// Publishes its loopback gateway in the state directory so other commands connect to it; Ctrl-C or SIGTERM stops it
/// cleanly (unfinished sweeps continue when a silo runs on the directory again).
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var stateDir = new Option<string?>("--state-dir") { Description = "The state directory (default ~/.hypersweep)." };
        var slots = new Option<int?>("--slots") { Description = "Trials trained at once on this machine (default: core count)." };
        var workload = new Option<WorkloadKind>("--workload")
        {
            Description = "engine trains real models; synthetic runs no-op curves (tests, benchmarks).",
            DefaultValueFactory = _ => WorkloadKind.Engine,
        };
        var command = new Command("serve", "Run a dev-mode silo on this machine until Ctrl-C; submit and the other commands connect to it.")
        {
            stateDir, slots, workload,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var options = new HyperSweepSiloOptions { Mode = SiloMode.Dev, SiloPort = 0, GatewayPort = 0, Workload = parse.GetValue(workload) };
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
                silo = await DevSilo.StartAsync(options, stop.Token);
            }
            catch (InvalidOperationException exception)
            {
                await error.WriteLineAsync($"hypersweep serve: cannot start the dev silo: {exception.Message}");
                return ExitCodes.ClusterUnreachable;
            }

            await using (silo)
            {
                await error.WriteLineAsync(
                    $"hypersweep serve: dev silo on {HyperSweepSiloOptions.ExpandHome(options.StateDir)}, gateway 127.0.0.1:{silo.GatewayPort}, {options.Slots} slots; Ctrl-C stops it");
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
