using HyperSweep.Grains.Storage;
using Microsoft.Extensions.Hosting;

namespace HyperSweep.Silo;

/// <summary>
/// Stops hypersweep-silo when its state store reports a fault (<see cref="StateStoreHealth"/>): exit 2 for a corrupt
/// state file (bad input the operator must repair), 3 for a full disk or a store that lost its data (the environment
/// failed; docs/CLUSTER.md and docs/SERVICE.md). Retrying writes that cannot succeed only buries the one useful message.
/// </summary>
public sealed class StoreFaultWatcher(StateStoreHealth health, SiloExit exit) : IHostedService
{
    public const int CorruptExitCode = 2;
    public const int StoreFailedExitCode = 3;

    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = health.Faulted.Register(() =>
        {
            var fault = health.Fault!;
            exit.Fail(fault.Kind == StateStoreFaultKind.Corrupt ? CorruptExitCode : StoreFailedExitCode, fault.Message);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _registration.Dispose();
        return Task.CompletedTask;
    }
}
