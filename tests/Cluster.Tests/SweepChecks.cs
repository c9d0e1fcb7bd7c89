using HyperSweep.Search;
using HyperSweep.Contracts;

namespace HyperSweep.Cluster.Tests;

/// <summary>Assertions shared by the cluster tests: every trial accounted for once, every epoch counted once.</summary>
internal static class SweepChecks
{
    public static Task<IReadOnlyList<TrialDetail>> EveryTrialCompletedOnce(LocalCluster cluster, string id, int trials, int epochs) =>
        EveryTrialCompletedOnce(cluster.Client, id, trials, epochs);

    public static async Task<IReadOnlyList<TrialDetail>> EveryTrialCompletedOnce(IClusterClient client, string id, int trials, int epochs)
    {
        var sweep = client.GetGrain<ISweepGrain>(id);
        var status = (await Answered(sweep.GetStatus))!;
        Assert.Equal(SweepState.Completed, status.State);
        Assert.Equal(trials, status.Completed);
        Assert.Equal(0, status.Failed + status.Cancelled + status.Running + status.Pending);
        var rows = await Answered(sweep.GetTrials);
        Assert.Equal(Enumerable.Range(0, trials), rows.Select(r => r.Number).Order());
        var details = new List<TrialDetail>();
        foreach (var number in Enumerable.Range(0, trials))
        {
            var detail = (await Answered(() => sweep.GetTrial(number)))!;
            Assert.Equal(TrialState.Completed, detail.Summary.State);
            Assert.Equal(epochs, detail.Summary.EpochsRun);
            // Each epoch's report counted exactly once, in order, in the coordinator and in the trial's own history.
            Assert.Equal(Enumerable.Range(1, epochs), detail.Epochs.Select(e => e.Epoch));
            var history = await Answered(client.GetGrain<ITrialGrain>(TrialKey.Format(id, number)).GetHistory);
            Assert.Equal(Enumerable.Range(1, epochs), history.Select(e => e.Epoch));
            details.Add(detail);
        }

        return details;
    }

    /// <summary>
    /// A read sent again while it fails because the cluster is still changing after the fault a test made (a grain whose
    /// activation was on a silo being declared dead, a call outliving the client's 5-s bound on a loaded machine), for up
    /// to <see cref="LocalCluster.StartDeadline"/>; what it answers is then asserted.
    /// </summary>
    private static async Task<T> Answered<T>(Func<Task<T>> read)
    {
        var value = default(T)!;
        await Poll.Until(async () =>
        {
            value = await read();
            return true;
        }, LocalCluster.StartDeadline, () => "the cluster did not answer", e => e is TimeoutException or OrleansException);
        return value;
    }

    /// <summary>Runs <paramref name="spec"/> again, undisturbed, and requires the same leaderboard as sweep <paramref name="id"/> (same spec and seed).</summary>
    public static async Task SameLeaderboardAsUndisturbedRun(LocalCluster cluster, string id, string spec, int trials, TimeSpan deadline)
    {
        var undisturbed = await cluster.SubmitAsync(spec);
        await cluster.WaitFinishedAsync(undisturbed, deadline);
        Assert.Equal(await Leaderboard(cluster, undisturbed, trials), await Leaderboard(cluster, id, trials));
    }

    /// <summary>(trial, best value) pairs of the leaderboard, for comparing two runs with the same seed.</summary>
    public static async Task<IReadOnlyList<(int Trial, double? Best)>> Leaderboard(LocalCluster cluster, string id, int top) =>
        (await cluster.Sweep(id).GetLeaderboard(top)).Select(t => (t.Number, t.BestValue)).ToList();
}
