using HyperSweep.Silo;

namespace HyperSweep.Client.Connection;

/// <summary>
/// Dev mode: the sweeps in one state directory on this machine. If a dev silo already holds the directory
/// (<c>hypersweep serve</c> or <c>hypersweep run</c>), connects to it through the loopback gateway it published in
/// the directory; otherwise reads and <c>run</c> host a dev silo inside this process for the command's length (run's with
/// its own slots and workload), and long-lived work (submit) is refused with a hint to start <c>hypersweep serve</c>.
/// A damaged state file (or a disk too full to open it) surfaces as the silo's
/// <see cref="HyperSweep.Grains.Storage.StateStoreException"/>, whose message names the file.
/// </summary>
public sealed class DevClusterTarget(
    string? stateDir, TimeSpan connectTimeout, EmbeddedSiloOptions? embedded = null, TextWriter? verbose = null, TimeSpan? startTimeout = null) : IClusterTarget
{
    public string StateDir { get; } = HyperSweepSiloOptions.ExpandHome(stateDir ?? HyperSweepSiloOptions.DefaultStateDir());

    public string Description => $"dev state {StateDir}";

    public async Task<IClusterSession> ConnectAsync(ConnectPurpose purpose, CancellationToken cancellation)
    {
        if (DevGatewayFile.IsDirectoryLocked(StateDir))
        {
            var port = DevGatewayFile.Read(StateDir)
                ?? throw new ClusterUnreachableException(
                    $"the state directory {StateDir} is held by another HyperSweep process that published no gateway ({DevGatewayFile.FileName}); stop it, or use hypersweep serve");
            return await GatewaySession.ConnectAsync(port, connectTimeout, cancellation);
        }

        if (purpose == ConnectPurpose.LongLived)
        {
            throw new ClusterUnreachableException(
                $"no dev silo is running on {StateDir}; start one (it keeps sweeps running after this command exits) with: hypersweep serve --state-dir {StateDir} &");
        }

        var options = new HyperSweepSiloOptions { Mode = SiloMode.Dev, StateDir = StateDir, SiloPort = 0, GatewayPort = 0 };
        if (purpose == ConnectPurpose.Run && embedded is not null)
        {
            options.Slots = embedded.Slots ?? options.Slots;
            options.Workload = embedded.Workload;
        }

        var bound = startTimeout ?? connectTimeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(bound);
        try
        {
            var silo = await DevSilo.StartAsync(options, timeout.Token, verbose);
            return new InProcessSession(silo);
        }
        catch (Exception exception) when (timeout.IsCancellationRequested && !cancellation.IsCancellationRequested)
        {
            // Orleans reports a start cut short by the token as OrleansLifecycleCanceledException, not as a cancellation.
            throw new ClusterUnreachableException(
                $"a dev silo on {StateDir} did not start within {bound.TotalSeconds:0} s (a busy machine starts it slowly: --connect-timeout SECONDS waits longer)", exception);
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new ClusterUnreachableException($"cannot start a dev silo on {StateDir}: {Cli.ErrorText.Of(exception)}", exception);
        }
    }
}
