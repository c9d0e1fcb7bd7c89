using HyperSweep.Grains;
using HyperSweep.Grains.Artifacts;
using HyperSweep.Grains.Planning;
using HyperSweep.Grains.Storage;
using HyperSweep.Grains.Workloads;
using HyperSweep.Silo.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;

namespace HyperSweep.Silo;

/// <summary>
/// Turns <see cref="HyperSweepSiloOptions"/> into a configured silo. hypersweep-silo binds and validates its options
/// through the options system (<see cref="HyperSweepSiloHostExtensions.AddHyperSweepSilo"/>); hosts that build a silo
/// in their own process from an options object they made (the CLI's dev silo, tests, benchmarks) call
/// <see cref="Configure"/>, which checks that object with the same validator (for them nothing is bound).
/// </summary>
public static class HyperSweepSiloConfiguration
{
    /// <summary>
    /// Checks <paramref name="options"/> (an <see cref="InvalidOperationException"/> naming every bad setting) and configures
    /// <paramref name="silo"/>; in dev mode also takes the state directory's lock, returned for disposal with the host,
    /// and checks the state file (<see cref="StateStoreException"/> when it is damaged).
    /// </summary>
    public static StateDirectoryLock? Configure(ISiloBuilder silo, HyperSweepSiloOptions options)
    {
        var errors = new HyperSweepSiloOptionsValidator().Validate(null, options);
        if (errors.Failed)
        {
            throw new InvalidOperationException(errors.FailureMessage);
        }

        return ConfigureValidated(silo, options);
    }

    /// <summary>Configures <paramref name="silo"/> from options the options system has validated already.</summary>
    internal static StateDirectoryLock? ConfigureValidated(ISiloBuilder silo, HyperSweepSiloOptions options)
    {
        StateDirectoryLock? stateLock = null;
        if (options.Mode == SiloMode.Cluster)
        {
            ClusterSiloConfiguration.Configure(silo, options);
        }
        else
        {
            stateLock = StateDirectoryLock.Acquire(HyperSweepSiloOptions.ExpandHome(options.StateDir));
            try
            {
                // A damaged state file is named now, once, rather than as a stack trace from the first grain that reads it.
                SqliteGrainStorage.Verify(options.StateDatabasePath);
            }
            catch (StateStoreException)
            {
                stateLock.Dispose();
                throw;
            }

            var siloPort = options.SiloPort == 0 ? FreePort.OnLoopback() : options.SiloPort;
            var gatewayPort = options.GatewayPort == 0 ? FreePort.OnLoopback() : options.GatewayPort;
            // Localhost clustering binds to 127.0.0.1 only: dev mode is never reachable from the network.
            silo.UseLocalhostClustering(siloPort, gatewayPort, null, options.ServiceId, options.ClusterId);
            silo.AddSqliteGrainStorage(options.StateDatabasePath);
            silo.Services.AddSingleton(stateLock);
            // Dev mode owns its default store under the state directory; a configured one must exist (as on clusters).
            if (string.IsNullOrWhiteSpace(options.Artifacts))
            {
                Directory.CreateDirectory(options.ArtifactRoot);
            }
        }

        if (options.OrleansDashboard)
        {
            silo.AddDashboard();
        }

        try
        {
            // A cluster silo's marker is written by its preflight (ClusterPreflight), which compares it with the cluster's.
            if (options.Mode == SiloMode.Cluster)
            {
                ArtifactRootCheck.CheckWritable(options.ArtifactRoot);
            }
            else
            {
                ArtifactRootCheck.Check(options.ArtifactRoot);
            }
        }
        catch (ArtifactException exception)
        {
            stateLock?.Dispose();
            throw new InvalidOperationException($"HyperSweep:Artifacts: {exception.Message}", exception);
        }

        if (options.Mode != SiloMode.Cluster && string.IsNullOrWhiteSpace(options.Artifacts))
        {
            // The default dev store shares the state file's disk: a full disk there is reported as the state store's fault.
            silo.Services.TryAddSingleton<IArtifactStore>(sp =>
                new FaultReportingArtifactStore(new FileArtifactStore(options.ArtifactRoot), sp.GetRequiredService<StateStoreHealth>(), options.StateDatabasePath));
        }

        silo.AddFileArtifactStore(options.ArtifactRoot);

        silo.AddHyperSweep(
            slots =>
            {
                slots.Slots = options.Slots;
                slots.PreemptionGrace = options.PreemptionGrace;
                slots.CheckpointInterval = options.CheckpointInterval;
                slots.CheckpointIntervalBatches = options.CheckpointIntervalBatches;
                slots.HungTrialTimeout = options.HungTrialTimeout;
                slots.HungTrialRetries = options.HungTrialRetries;
            },
            service =>
            {
                service.MonitorInterval = options.MonitorInterval;
                service.WakeInterval = options.WakeInterval;
            });
        // The host's stop must outlast the drain (trials checkpointing at their next batch boundary), or it would cut
        // Orleans' own graceful stop short.
        silo.Services.Configure<HostOptions>(o => o.ShutdownTimeout = StopTimeout(options));
        if (!string.IsNullOrWhiteSpace(options.DataRoot))
        {
            var root = HyperSweepSiloOptions.ExpandHome(options.DataRoot);
            silo.Services.AddSingleton<ISweepSchemaSource>(sp => new DataRootSchemaSource(new WorkloadSchemaSource(sp.GetRequiredService<ITrialWorkload>()), root));
        }

        if (options.Workload == WorkloadKind.Synthetic && options.SyntheticEpochMs > 0)
        {
            silo.Services.TryAddSingleton<ITrialWorkload>(new SyntheticEpochDelayWorkload(options.SyntheticEpochMs));
        }
        else if (options.Workload == WorkloadKind.Synthetic)
        {
            silo.Services.TryAddSingleton<ITrialWorkload, SyntheticTrialWorkload>();
        }
        else
        {
            silo.Services.TryAddSingleton<ITrialWorkload, EngineTrialWorkload>();
        }

        return stateLock;
    }

    /// <summary>How long a host may take to stop: the preemption grace, then Orleans leaving the cluster.</summary>
    public static TimeSpan StopTimeout(HyperSweepSiloOptions options) => options.PreemptionGrace + TimeSpan.FromSeconds(20);
}
