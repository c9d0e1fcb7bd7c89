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
/// running trial grain accepts as already started. Also stops trials, catches up with what they persisted, and has PBT's
/// exploiting trials adopt their donors' checkpoints.
/// </summary>
internal sealed class TrialCalls(IGrainFactory grains, string sweepId, SiloPicker silos, TimeSpan startTimeout, ILogger logger)
{
    /// <summary>
    /// Starts what can start now under the sweep's concurrency, in rounds (a refused start moves its trial to the next
    /// silo), all of them within ONE start timeout: the non-reentrant coordinator holds every report of its sweep while it
    /// waits, and with a bound per round a few silos that each let one start hang would stall it for a bound each (three
    /// rounds of 10 s were the ~27-s stalls seen under load). Trials not started in time wait for the next dispatch.
    /// </summary>
    public Task StartPending(SweepLedger ledger, IReadOnlyDictionary<string, SiloAddress> active, string? traceParent) =>
        Telemetry.SlowSteps.Time(logger, sweepId, "trial starts", () => StartRounds(ledger, active, traceParent),
            () => $"{ledger.Table.Running.Count} running, {ledger.Table.Pending.Count} waiting");

    private async Task StartRounds(SweepLedger ledger, IReadOnlyDictionary<string, SiloAddress> active, string? traceParent)
    {
        var table = ledger.Table;
        var concurrency = ledger.Plan.Concurrency;
        var budget = System.Diagnostics.Stopwatch.StartNew();
        while (table.Running.Count < concurrency && table.Pending.Count > 0 && budget.Elapsed < startTimeout)
        {
            var targets = silos.Choose(Math.Min(concurrency - table.Running.Count, table.Pending.Count), active.Keys, table.LoadBySilo());
            if (targets.Count == 0)
            {
                return;
            }

            var batch = table.Pending.Take(targets.Count).Zip(targets).ToList();
            var left = startTimeout - budget.Elapsed;
            var results = await Task.WhenAll(batch.Select(b => Start(ledger, b.First, active[b.Second], traceParent, left)));
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
        // Read concurrently, each bounded: after a failover some of these grains were on the dead silo, and one by one at
        // the 30-s call timeout they held the new activation (and every report of the sweep) for minutes.
        var unfinished = ledger.Table.Records.Where(t => !t.IsFinal && t.Attempts.Count > 0).Select(t => t.Number).ToList();
        var histories = await Task.WhenAll(unfinished.Select(async number =>
        {
            try
            {
                return (number, history: await Trial(number).GetHistory().WaitAsync(startTimeout));
            }
            catch (Exception exception)
            {
                logger.LogWarning("Could not read trial {Trial} of {Sweep} to catch up with it: {Error}", number, sweepId, exception.Message);
                return (number, history: (IReadOnlyList<EpochMetrics>?)null);
            }
        }));
        foreach (var (number, history) in histories)
        {
            if (history is not null)
            {
                ledger.CatchUp(number, history);
            }
        }
    }

    /// <summary>
    /// Creates, resumes and exploits what the ledger decides, saving before anything acts on it; a PBT generation stops
    /// at its exploitations until their trials adopted the donors' checkpoints (<see cref="Adopt"/>), then resumes.
    /// </summary>
    public async Task CreateTrials(SweepLedger ledger, Func<Task> save)
    {
        while (ledger.CreateTrials())
        {
            await save();
            if (!await Adopt(ledger))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Has each exploiting trial of a PBT generation adopt its donor's checkpoint (the ledger lists them); true when all
    /// did, so the generation can resume. A refusal or a failed call is logged and asked again at the next dispatch.
    /// </summary>
    public async Task<bool> Adopt(SweepLedger ledger)
    {
        var pending = ledger.PendingAdoptions;
        if (pending.Count == 0)
        {
            return false;
        }

        var results = await Task.WhenAll(pending.Select(async p =>
        {
            try
            {
                return await Trial(p.Trial).AdoptCheckpoint(ledger.Table[p.Trial].Attempt, p.Entry.Donor, p.Entry.Epoch).WaitAsync(startTimeout);
            }
            catch (Exception exception)
            {
                return new AdoptionResult(false, exception.Message);
            }
        }));
        foreach (var ((trial, entry), result) in pending.Zip(results))
        {
            if (result.Adopted)
            {
                ledger.Adopted(trial);
            }
            else
            {
                logger.LogWarning("Trial {Trial} of {Sweep} could not adopt trial {Donor}'s checkpoint after epoch {Epoch}: {Reason}", trial, sweepId, entry.Donor, entry.Epoch, result.Reason);
            }
        }

        return results.All(r => r.Adopted);
    }

    /// <summary>Tells trials the sweep keeps no model of theirs, concurrently; returns those that could not be reached (to retry).</summary>
    public async Task<IReadOnlyList<int>> Release(IEnumerable<int> numbers)
    {
        var results = await Task.WhenAll(numbers.Select(async number =>
        {
            try
            {
                await Trial(number).ReleaseArtifacts().WaitAsync(startTimeout);
                return -1;
            }
            catch (Exception exception)
            {
                logger.LogInformation("Could not release the weights of trial {Trial} of {Sweep} yet: {Error}", number, sweepId, exception.Message);
                return number;
            }
        }));
        return [.. results.Where(n => n >= 0)];
    }

    /// <summary>Asks kept trials to make their model files and, with <paramref name="scoreTest"/>, score the test split (one-way calls).</summary>
    public void Finalize(IEnumerable<int> numbers, bool scoreTest)
    {
        foreach (var number in numbers)
        {
            _ = Trial(number).Finalize(scoreTest);
        }
    }

    public ITrialGrain Trial(int number) => grains.GetGrain<ITrialGrain>(TrialKey.Format(sweepId, number));

    /// <summary>Starts one trial on <paramref name="target"/> (a placement hint); null when the call failed.</summary>
    private async Task<StartResult?> Start(SweepLedger ledger, int number, SiloAddress target, string? traceParent, TimeSpan timeout)
    {
        var plan = ledger.Plan;
        var record = ledger.Table[number];
        var stopping = plan.Spec.Budget.EarlyStopping;
        var assignment = new TrialAssignment(
            sweepId, number, record.Attempt, plan.Task, plan.HyperParametersOf(record.Parameters), plan.TrainingSeed, plan.MaxEpochs,
            plan.Objective, stopping?.Patience, stopping?.MinDelta ?? 0, plan.BaseDirectory, traceParent, plan.Spec.Analysis.GradientNorms);
        // The request context flows with this async method's own execution context, so each concurrent start carries its own hint.
        RequestContext.Set(IPlacementDirector.PlacementHintKey, target);
        try
        {
            // Bounded well below Orleans' 30-s response timeout: the coordinator's non-reentrant turn holds every report
            // of the sweep while it waits. A start that times out is treated like a refusal; if it did start, its
            // reports carry the same attempt and a re-sent Start is answered as already started.
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = await Trial(number).Start(assignment).WaitAsync(timeout);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            if (elapsed >= Telemetry.SlowSteps.Threshold)
            {
                logger.LogWarning("Sweep {Sweep}: starting trial {Trial} attempt {Attempt} on {Silo} took {Seconds:0.0} s ({Answer})",
                    sweepId, number, record.Attempt, target, elapsed.TotalSeconds, result.Started ? "started" : result.Reason);
            }

            return result;
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
