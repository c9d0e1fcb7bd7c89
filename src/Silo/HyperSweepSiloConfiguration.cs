using HyperSweep.Grains;
using HyperSweep.Grains.Planning;
using HyperSweep.Grains.Storage;
using HyperSweep.Grains.Workloads;
using HyperSweep.Silo.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace HyperSweep.Silo;

/// <summary>Turns validated <see cref="HyperSweepSiloOptions"/> into a configured silo (used by hypersweep-silo and the CLI's embedded silo).</summary>
public static class HyperSweepSiloConfiguration
{
    /// <summary>
    /// Configures <paramref name="silo"/>; in dev mode also takes the state directory's lock, returned for disposal with the
    /// host (null in cluster mode), and checks the state file (<see cref="StateStoreException"/> when it is damaged).
    /// </summary>
    public static StateDirectoryLock? Configure(ISiloBuilder silo, HyperSweepSiloOptions options)
    {
        var errors = new HyperSweepSiloOptionsValidator().Validate(null, options);
        if (errors.Failed)
        {
            throw new InvalidOperationException(errors.FailureMessage);
        }

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
        }

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
