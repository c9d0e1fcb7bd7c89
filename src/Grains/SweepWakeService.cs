using HyperSweep.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HyperSweep.Grains;

/// <summary>
/// The start-up task that makes sweeps survive restarts: once the silo is active, and then every
/// <see cref="SweepServiceOptions.WakeInterval"/>, it asks the registry for unfinished sweeps and wakes each
/// coordinator. A coordinator whose silo died is re-activated this way even when none of its trials reports.
/// </summary>
public sealed class SweepWakeService(
    IGrainFactory grains,
    IOptions<SweepServiceOptions> options,
    ILogger<SweepWakeService> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SweepWakeService), ServiceLifecycleStage.Active, OnStart, OnStop);

    private Task OnStart(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => Loop(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task Loop(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.Value.WakeInterval);
        do
        {
            try
            {
                var unfinished = await grains.GetGrain<ISweepRegistryGrain>(0).List();
                foreach (var entry in unfinished.Where(e => e.State == SweepState.Running))
                {
                    await grains.GetGrain<ISweepGrain>(entry.SweepId).Wake();
                }
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Waking unfinished sweeps failed; retrying in {Interval}", options.Value.WakeInterval);
            }
        }
        while (await WaitNext(timer, stopping));
    }

    private static async Task<bool> WaitNext(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
