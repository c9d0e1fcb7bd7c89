using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// The <c>distinct_running</c> guarantee: two trials running at once never get the same configuration while the
/// space has another one. A proposal equal to a RUNNING trial's is proposed again from fresh streams (first TPE
/// itself, then uniform draws), and a finite space small enough to enumerate falls back to its first free point in
/// a seeded order. Every retry is a pure function of (seed, trial, attempt), so the result stays deterministic.
/// </summary>
internal static class DistinctProposal
{
    private const int TpeAttempts = 8;
    private const int RandomAttempts = 64;
    private const long EnumerableSpaceLimit = 10_000;

    public static TrialParameters Ensure(TpeSampler sampler, Study study, int trial, TrialParameters proposal)
    {
        var running = RunningConfigurations(sampler, trial);
        if (!running.Contains(proposal.Key))
        {
            return proposal;
        }
        for (var attempt = 1; attempt <= TpeAttempts; attempt++)
        {
            var retry = sampler.ProposeOnce(study, trial, attempt);
            if (!running.Contains(retry.Key))
            {
                return retry;
            }
        }
        for (var attempt = TpeAttempts + 1; attempt <= TpeAttempts + RandomAttempts; attempt++)
        {
            var retry = RandomProposal(sampler, trial, attempt);
            if (!running.Contains(retry.Key))
            {
                return retry;
            }
        }
        return FirstFreeGridPoint(sampler, trial, running) ?? proposal;
    }

    private static HashSet<string> RunningConfigurations(TpeSampler sampler, int trial)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var position in sampler.History.RunningPositions)
        {
            var running = sampler.History.TrialAt(position);
            if (running.HasParameters && running.Number != trial)
            {
                keys.Add(running.Parameters.Key);
            }
        }
        return keys;
    }

    private static TrialParameters RandomProposal(TpeSampler sampler, int trial, int attempt)
    {
        var assigned = new Dictionary<string, object>(StringComparer.Ordinal);
        var ordered = new List<KeyValuePair<string, object>>();
        foreach (var parameter in sampler.Space.Parameters)
        {
            if (parameter.When is { } condition && !condition.IsSatisfiedBy(assigned))
            {
                continue;
            }
            var value = sampler.RandomDraw(trial, attempt, parameter);
            assigned[parameter.Name] = value;
            ordered.Add(new KeyValuePair<string, object>(parameter.Name, value));
        }
        return new TrialParameters(ordered);
    }

    private static TrialParameters? FirstFreeGridPoint(TpeSampler sampler, int trial, HashSet<string> running)
    {
        var sizes = sampler.Space.Parameters.Select(p => p.Domain.GridCount).ToArray();
        if (sizes.Any(s => s is null) || sizes.Aggregate(1.0, (product, s) => product * s!.Value) > EnumerableSpaceLimit)
        {
            return null;
        }
        var points = new GridSampler(sampler.Space, EnumerableSpaceLimit).Points;
        var start = (int)(SeedMixer.Mix(SeedMixer.Mix(sampler.Seed, trial), "tpe/distinct") % (ulong)points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[(start + i) % points.Count];
            if (!running.Contains(point.Key))
            {
                return point;
            }
        }
        return null;
    }
}
