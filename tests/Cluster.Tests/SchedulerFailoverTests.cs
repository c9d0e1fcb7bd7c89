using HyperSweep.Contracts;
using HyperSweep.Search;

namespace HyperSweep.Cluster.Tests;

/// <summary>
/// ASHA with promotions on a real cluster: kill -9 of a silo while trials are paused at a rung and others are being
/// promoted loses nothing, and a whole-cluster restart keeps the paused trials paused and resumes them later.
/// </summary>
public sealed class SchedulerFailoverTests
{
    private const int Trials = 6;
    private const int Epochs = 4;

    // Rungs at epochs 1 and 2 (η 2); curves from synthetic_floor (lower is better). Every trial may start at once.
    private static readonly string Spec = $$"""
        name: asha-cluster
        task:
          kind: classification
          data: {source: agreement}
        objective: {metric: val_loss, direction: minimize}
        strategy: {method: grid, seed: 1}
        parameters:
          synthetic_floor: {values: [0.2, 0.9, 0.5, 0.8, 0.3, 0.7]}
        scheduler: {name: asha, min_resource: 1, reduction_factor: 2}
        budget: {max_epochs: {{Epochs}}}
        concurrency: {{Trials}}
        """;

    [Fact]
    public async Task Killing_a_silo_while_trials_are_paused_or_being_promoted_loses_nothing()
    {
        // Every attempt may run epoch 1 and then waits at the gate: each trial reaches rung 0 and is either paused there
        // or promoted (in place, or resumed as a new attempt) and held before epoch 2 — a state the test makes, not a race.
        using var gate = new EpochGate();
        gate.AllowThrough(1);
        await using var cluster = await LocalCluster.StartAsync(silos: 3, slots: 2, epochMs: 100, gate: gate);
        var id = await cluster.SubmitAsync(Spec);
        var rows = await AllAtRungZero(cluster, id);

        // The victim: the silo where a promoted trial waits, or else where a paused trial last ran (its grain lives there).
        var promoted = rows.Where(t => t.State == TrialState.Running).ToList();
        var paused = rows.Where(t => t.State == TrialState.Paused).ToList();
        var victim = cluster.Silos.FirstOrDefault(s => promoted.Any(t => s.Is(t.Silo)) && paused.Any(t => s.Is(t.Silo)))
            ?? cluster.Silos.First(s => promoted.Any(t => s.Is(t.Silo)));
        var promotedOnVictim = promoted.Where(t => victim.Is(t.Silo)).Select(t => t.Number).ToList();
        Assert.NotEmpty(promotedOnVictim);
        await victim.Process.KillAsync();
        gate.Open();

        await cluster.WaitFinishedAsync(id, TimeSpan.FromSeconds(180));
        var details = await EveryEpochOnce(cluster, id);
        foreach (var number in promotedOnVictim)
        {
            var last = details[number].Attempts[^1];
            Assert.False(victim.Is(last.Silo), $"trial {number} finished on the killed silo");
            Assert.True(last.ResumedFromEpoch >= 1, $"trial {number} started over after the kill: {string.Join(", ", details[number].Attempts)}");
        }

        // Paused trials kept their rows; a paused trial promoted later resumed from its rung, never from scratch.
        foreach (var before in paused)
        {
            Assert.All(details[before.Number].Attempts.Skip(1), a => Assert.True(a.ResumedFromEpoch >= 1));
        }
    }

    [Fact]
    public async Task After_every_silo_stopped_the_paused_trials_are_still_paused_and_resume_later()
    {
        using var gate = new EpochGate();
        gate.AllowThrough(1);
        await using var cluster = await LocalCluster.StartAsync(silos: 2, slots: 3, epochMs: 100, gate: gate);
        var id = await cluster.SubmitAsync(Spec);
        var rows = await AllAtRungZero(cluster, id);
        var paused = rows.Where(t => t.State == TrialState.Paused).Select(t => (t.Number, t.EpochsRun, t.BestValue, t.Reason)).ToList();

        await cluster.StopAllSilosAsync();
        await cluster.StartSilosAsync(2);

        // The gate still holds epoch 2: the restarted cluster resumes the promoted trials up to it, and the paused ones stay
        // paused with their rows as they were (one may have been promoted since the snapshot: the snapshot cannot tell a
        // promotion that was about to happen). Trial 1 (floor 0.9, the worst) can never be promoted from rung 0.
        IReadOnlyList<TrialSummary> after = [];
        await cluster.Until(
            async () => (after = await cluster.Sweep(id).GetTrials()).All(t => t.State is TrialState.Paused || (t.State == TrialState.Running && t.Attempts > 1 && t.EpochsRun == 1)),
            TimeSpan.FromSeconds(90),
            () => "the restarted sweep did not settle at rung 0: " + string.Join("; ", after));
        var pausedAfter = after.Where(t => t.State == TrialState.Paused).Select(t => (t.Number, t.EpochsRun, t.BestValue, t.Reason)).ToList();
        Assert.Subset(paused.ToHashSet(), pausedAfter.ToHashSet());
        Assert.Contains(pausedAfter, t => t.Number == 1);
        Assert.Equal(pausedAfter.Count, (await cluster.Sweep(id).GetStatus())!.Paused);

        gate.Open();
        await cluster.WaitFinishedAsync(id, TimeSpan.FromSeconds(180));
        var details = await EveryEpochOnce(cluster, id);
        Assert.Contains(details, d => d.Summary.State == TrialState.Completed && d.Summary.EpochsRun == Epochs);
    }

    /// <summary>Waits until every trial reported epoch 1 and is paused at rung 0 or promoted and held before epoch 2.</summary>
    private static async Task<IReadOnlyList<TrialSummary>> AllAtRungZero(LocalCluster cluster, string id)
    {
        IReadOnlyList<TrialSummary> rows = [];
        await cluster.Until(
            async () => (rows = await cluster.Sweep(id).GetTrials()).Count == Trials
                && rows.All(t => t.EpochsRun == 1 && t.State is TrialState.Paused or TrialState.Running)
                && rows.Any(t => t.State == TrialState.Paused) && rows.Any(t => t.State == TrialState.Running)
                && (await cluster.Sweep(id).GetStatus())!.Pending == 0,
            TimeSpan.FromSeconds(90),
            () => "the trials did not all settle at rung 0: " + string.Join("; ", rows));
        return rows;
    }

    /// <summary>The sweep completed; every trial is final with each epoch counted once, in order, by the coordinator and the trial.</summary>
    private static async Task<IReadOnlyList<TrialDetail>> EveryEpochOnce(LocalCluster cluster, string id)
    {
        var status = (await cluster.Sweep(id).GetStatus())!;
        Assert.Equal(SweepState.Completed, status.State);
        Assert.Equal((Trials, 0, 0), (status.Completed + status.Pruned, status.Paused, status.Running + status.Pending + status.Failed + status.Cancelled));
        var details = new List<TrialDetail>();
        foreach (var number in Enumerable.Range(0, Trials))
        {
            var detail = (await cluster.Sweep(id).GetTrial(number))!;
            var runs = detail.Summary.EpochsRun;
            Assert.Equal(Enumerable.Range(1, runs), detail.Epochs.Select(e => e.Epoch));
            var history = await cluster.Client.GetGrain<ITrialGrain>(TrialKey.Format(id, number)).GetHistory();
            Assert.Equal(Enumerable.Range(1, runs), history.Select(e => e.Epoch));
            // The synthetic curve is a function of the parameters: a value counted twice or from another attempt would differ.
            var floor = (double)detail.Summary.Parameters["synthetic_floor"];
            Assert.All(detail.Epochs, e => Assert.Equal(floor + ((2.0 - floor) * Math.Exp(-0.5 * e.Epoch)), e.Values["val_loss"], 12));
            details.Add(detail);
        }

        return details;
    }
}
