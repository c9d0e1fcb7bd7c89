using System.Globalization;

namespace HyperSweep.Search.Scheduling;

/// <summary>
/// The rungs of one asynchronous successive-halving bracket with promotions (Li et al., MLSys 2020): rung k sits at
/// step min_resource · η^(s + k) for every such step below max_resource. A trial reaching a rung is recorded there with
/// its value; it may be promoted past it when its value is in the top ⌊n_k / η⌋ of the n_k values recorded at that rung
/// (ended trials' records included, as in the paper); otherwise it waits there, paused.
/// </summary>
internal sealed class AshaLadder
{
    private readonly List<AshaRung> _rungs = [];
    private readonly Dictionary<int, int> _recordedRungs = [];
    private readonly Dictionary<int, int> _pausedAt = [];

    public AshaLadder(int bracket, int minResource, int reductionFactor, int minEarlyStoppingRate, int maxResource)
    {
        Bracket = bracket;
        ReductionFactor = reductionFactor;
        long step = minResource;
        for (var i = 0; i < minEarlyStoppingRate && step < maxResource; i++)
        {
            step *= reductionFactor;
        }

        while (step < maxResource)
        {
            _rungs.Add(new AshaRung(_rungs.Count, (int)step));
            step *= reductionFactor;
        }
    }

    public int Bracket { get; }

    public int ReductionFactor { get; }

    public IReadOnlyList<AshaRung> Rungs => _rungs;

    public int PromotionCount { get; private set; }

    /// <summary>The rung a paused trial waits at, or null.</summary>
    public AshaRung? PausedRung(int trial) => _pausedAt.TryGetValue(trial, out var rung) ? _rungs[rung] : null;

    /// <summary>The next rung <paramref name="trial"/> has not been recorded at, or null past the last.</summary>
    public AshaRung? NextRung(int trial)
    {
        var recorded = _recordedRungs.GetValueOrDefault(trial);
        return recorded < _rungs.Count ? _rungs[recorded] : null;
    }

    /// <summary>Records <paramref name="trial"/>'s <paramref name="value"/> at its next rung (its step reached it).</summary>
    public AshaRung Record(int trial, double value)
    {
        var rung = NextRung(trial) ?? throw new InvalidOperationException($"trial {trial} is past the last rung");
        rung.Record(trial, value);
        _recordedRungs[trial] = rung.Index + 1;
        return rung;
    }

    /// <summary>
    /// The best promotable trial of this bracket, the highest rung first: a trial paused at a rung, or
    /// <paramref name="deciding"/>, just recorded at <paramref name="decidingRung"/> and not yet paused.
    /// </summary>
    public AshaCandidate? Best(bool maximize, int? deciding = null, int decidingRung = -1)
    {
        for (var k = _rungs.Count - 1; k >= 0; k--)
        {
            var rung = _rungs[k];
            AshaCandidate? best = null;
            foreach (var trial in k == decidingRung && deciding is { } d ? rung.Paused.Append(d) : rung.Paused)
            {
                var value = rung.ValueOf(trial);
                if (rung.IsPromotable(value, ReductionFactor, maximize) && (best is null || Better(value, trial, best, maximize)))
                {
                    best = new AshaCandidate(Bracket, k, rung.Step, trial, value);
                }
            }

            if (best is not null)
            {
                return best;
            }
        }

        return null;
    }

    /// <summary>The trial was promoted past <paramref name="rung"/> without pausing.</summary>
    public void PromotedInPlace(int trial, AshaRung rung)
    {
        rung.Promoted.Add(trial);
        PromotionCount++;
    }

    public void Paused(int trial, int step)
    {
        if (!_recordedRungs.TryGetValue(trial, out var recorded) || recorded == 0)
        {
            throw new InvalidOperationException($"trial {trial} paused at step {step} without reaching a rung");
        }

        var rung = _rungs[recorded - 1];
        _pausedAt[trial] = rung.Index;
        rung.Paused.Add(trial);
    }

    public void Resumed(int trial)
    {
        if (!_pausedAt.Remove(trial, out var index))
        {
            throw new InvalidOperationException($"trial {trial} is not paused, so it cannot be resumed");
        }

        _rungs[index].Paused.Remove(trial);
        _rungs[index].Promoted.Add(trial);
        PromotionCount++;
    }

    /// <summary>A trial that ended leaves its rung's waiting list (its records stay: they still rank the others).</summary>
    public void Finished(int trial)
    {
        if (_pausedAt.Remove(trial, out var index))
        {
            _rungs[index].Paused.Remove(trial);
        }
    }

    public IEnumerable<StrandedTrial> Stranded(bool maximize) =>
        _pausedAt.OrderBy(p => p.Key).Select(p => new StrandedTrial(p.Key, NotPromoted(_rungs[p.Value], p.Key, maximize)));

    /// <summary>"rank r of n; the top m are promoted" for a trial recorded at <paramref name="rung"/>.</summary>
    public string Standing(AshaRung rung, int trial, bool maximize) => string.Create(CultureInfo.InvariantCulture,
        $"value {rung.ValueOf(trial):R} ranks {rung.RankOf(rung.ValueOf(trial), maximize)} of {rung.Count} at rung {rung.Index} (step {rung.Step}); the top {rung.PromotableCount(ReductionFactor)} are promoted");

    private string NotPromoted(AshaRung rung, int trial, bool maximize) =>
        $"not promoted from rung {rung.Index}{(Bracket > 0 ? $" of bracket {Bracket}" : "")}: {Standing(rung, trial, maximize)}";

    private static bool Better(double value, int trial, AshaCandidate incumbent, bool maximize) =>
        (maximize ? value > incumbent.Value : value < incumbent.Value) || (value == incumbent.Value && trial < incumbent.Trial);
}
