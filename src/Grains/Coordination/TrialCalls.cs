using HyperSweep.Contracts;
using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace HyperSweep.Grains.Coordination;

/// <summary>
/// The coordinator's calls to its trial grains. Starts a sweep's waiting trials on silos with free training slots: a batch of starts at once (one round of
/// calls), each with the silo the <see cref="SiloPicker"/> chose as a placement hint, which Orleans honours for a new
/// activation; the trial grain then takes a slot on that silo or refuses, and a refusing silo is skipped for now.
/// Which silo a trial started on is persisted later: a coordinator that forgets it re-sends the same attempt, which a
/// running trial grain accepts as already started. Also stops trials and catches up with what they persisted.
/// </summary>
internal sealed class TrialCalls(IGrainFactory grains, string sweepId, SiloPicker silos, TimeSpan startTimeout, ILogger logger)
{
    /// <summary>Starts what can start now under the sweep's concurrency.</summary>
    public async Task StartPending(SweepLedger ledger, IReadOnlyDictionary<string, SiloAddress> active, string? traceParent)
    {
        var table = ledger.Table;
        var concurrency = ledger.Plan.Concurrency;
        while (table.Running.Count < concurrency && table.Pending.Count > 0)
        {
            var targets = silos.Choose(Math.Min(concurrency - table.Running.Count, table.Pending.Count), active.Keys, table.LoadBySilo());
            if (targets.Count == 0)
            {
                return;
            }

            var batch = table.Pending.Take(targets.Count).Zip(targets).ToList();
            var results = await Task.WhenAll(batch.Select(b => Start(ledger, b.First, active[b.Second], traceParent)));
            foreach (var ((number, silo), result) in batch.Zip(results))
            {
                if (result is not null)
                {
                    silos.LearnCapacity(result.Silo, result.SlotCapacity);
                }

                if (result is not { Started: true })
                {
                    silos.Refused(result?.Silo ?? silo);
                    continue;
                }

                if (table[number].Attempts.Count == 0)
                {
                    Telemetry.HyperSweepMetrics.TrialsStarted.Add(1, Telemetry.HyperSweepMetrics.Sweep(sweepId));
                }

                ledger.Started(number, result.Silo, result.ResumedFromEpoch, result.ResumedFromBatch);
            }
        }
    }

    /// <summary>Stops each trial with <paramref name="stop"/>; a trial that cannot be reached is logged and left (its attempt is superseded).</summary>
    public async Task Stop(IEnumerable<int> numbers, Func<ITrialGrain, Task> stop)
    {
        foreach (var number in numbers)
        {
            try
            {
                await stop(Trial(number));
            }
            catch (Exception exception)
            {
                logger.LogWarning("Could not stop trial {Trial} of {Sweep}: {Error}", number, sweepId, exception.Message);
            }
        }
    }

    /// <summary>
    /// Catches up with epochs that trials persisted and reported after the coordinator's last write (a crash between a
    /// Continue verdict and the next flush). Each trial's own history is the source of truth.
    /// </summary>
    public async Task CatchUp(SweepLedger ledger)
    {
        foreach (var record in ledger.Table.Records.Where(t => !t.IsFinal && t.Attempts.Count > 0))
        {
            try
            {
                ledger.CatchUp(record.Number, await Trial(record.Number).GetHistory());
            }
            catch (Exception exception)
            {
                logger.LogWarning("Could not read trial {Trial} of {Sweep} to catch up with it: {Error}", record.Number, sweepId, exception.Message);
            }
        }
    }

    public ITrialGrain Trial(int number) => grains.GetGrain<ITrialGrain>(TrialKey.Format(sweepId, number));

    /// <summary>Starts one trial on <paramref name="target"/> (a placement hint); null when the call failed.</summary>
    private async Task<StartResult?> Start(SweepLedger ledger, int number, SiloAddress target, string? traceParent)
    {
        var plan = ledger.Plan;
        var record = ledger.Table[number];
        var stopping = plan.Spec.Budget.EarlyStopping;
        var assignment = new TrialAssignment(
            sweepId, number, record.Attempt, plan.Task, plan.HyperParametersOf(record.Parameters), plan.TrainingSeed, plan.MaxEpochs,
            plan.Objective, stopping?.Patience, stopping?.MinDelta ?? 0, plan.BaseDirectory, traceParent);
        // The request context flows with this async method's own execution context, so each concurrent start carries its own hint.
        RequestContext.Set(IPlacementDirector.PlacementHintKey, target);
        try
        {
            // Bounded well below Orleans' 30-s response timeout: the coordinator's non-reentrant turn holds every report
            // of the sweep while it waits. A start that times out is treated like a refusal; if it did start, its
            // reports carry the same attempt and a re-sent Start is answered as already started.
            return await Trial(number).Start(assignment).WaitAsync(startTimeout);
        }
        catch (Exception exception)
        {
            logger.LogWarning("Starting trial {Trial} of {Sweep} failed: {Error}", number, sweepId, exception.Message);
            return null;
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }
}
