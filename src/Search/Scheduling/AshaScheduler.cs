using System.Globalization;
using HyperSweep.Search.Pruning;

namespace HyperSweep.Search.Scheduling;

/// <summary>
/// Asynchronous successive halving with promotions (Li et al., "A System for Massively Parallel Hyperparameter
/// Tuning", MLSys 2020), alone or as Hyperband's brackets. A trial that reaches a rung pauses there — its checkpoint is
/// kept and it holds no slot — unless the freed slot goes straight back to it. When a slot frees, the highest rung is
/// searched first for the best trial that is in the top ⌊n_k / η⌋ of its rung and not yet promoted; that trial resumes
/// from its checkpoint; only when none can be promoted does a new trial start. Trials reaching max_resource complete;
/// when nothing can run or be promoted any more, the trials still paused end as pruned.
/// </summary>
/// <remarks>
/// <para>
/// Hyperband: brackets are assigned exactly as Optuna's HyperbandPruner assigns them (<see cref="HyperbandBrackets"/>);
/// bracket b is ASHA with min_early_stopping_rate b, and promotions are decided within each bracket. When several
/// brackets have a promotable trial, the one at the highest step resumes first (then the lower bracket).
/// </para>
/// <para>
/// A rung's records are the values of every trial that reached it, ended ones included, as in the paper; a trial whose
/// value at a rung is NaN is stopped. Unlike Optuna's stop-only rule (which promotes the first trial of a rung), nothing
/// is promoted from a rung before η trials reached it: a paused trial can wait, a stopped one could not.
/// </para>
/// </remarks>
public sealed class AshaScheduler : IScheduler
{
    private readonly List<AshaLadder> _ladders = [];
    private readonly IReadOnlyList<long>? _budgets;
    private readonly Dictionary<int, AshaLadder> _ladderByTrial = [];

    private AshaScheduler(string name, int minResource, int reductionFactor, int maxResource, IReadOnlyList<long>? budgets, int minEarlyStoppingRate)
    {
        Name = name;
        MinResource = minResource;
        ReductionFactor = reductionFactor;
        MaxResource = maxResource;
        _budgets = budgets;
        var brackets = budgets?.Count ?? 1;
        for (var b = 0; b < brackets; b++)
        {
            _ladders.Add(new AshaLadder(b, minResource, reductionFactor, budgets is null ? minEarlyStoppingRate : b, maxResource));
        }
    }

    /// <summary>ASHA: one bracket, rungs at min_resource · η^(min_early_stopping_rate + k) below max_resource.</summary>
    public static AshaScheduler Asha(int minResource, int reductionFactor, int maxResource, int minEarlyStoppingRate = 0)
    {
        Validate(minResource, reductionFactor, maxResource);
        if (minEarlyStoppingRate < 0)
        {
            throw new ArgumentOutOfRangeException("min_early_stopping_rate", minEarlyStoppingRate, "min_early_stopping_rate must be >= 0");
        }

        return new("ASHA", minResource, reductionFactor, maxResource, null, minEarlyStoppingRate);
    }

    /// <summary>Hyperband's brackets (Optuna's assignment) of ASHA with promotions.</summary>
    public static AshaScheduler Hyperband(int minResource, int reductionFactor, int maxResource)
    {
        Validate(minResource, reductionFactor, maxResource);
        return new("Hyperband", minResource, reductionFactor, maxResource, HyperbandBrackets.Budgets(minResource, maxResource, reductionFactor), 0);
    }

    public string Name { get; }

    public int MinResource { get; }

    public int ReductionFactor { get; }

    public int MaxResource { get; }

    public int BracketCount => _ladders.Count;

    public int? TrialLimit => null;

    /// <summary>The bracket of a trial (always 0 for ASHA): Optuna's HyperbandPruner assignment.</summary>
    public int BracketOf(string studyName, int trial) => _budgets is null ? 0 : HyperbandBrackets.BracketOf(studyName, trial, _budgets);

    /// <summary>The steps of a bracket's rungs (bracket 0 for ASHA).</summary>
    public IReadOnlyList<int> RungSteps(int bracket = 0) => [.. _ladders[bracket].Rungs.Select(r => r.Step)];

    public ScheduleDecision Decide(Study study, int trialNumber)
    {
        var trial = study.Trial(trialNumber);
        if (trial.LastStep is not { } step)
        {
            return ScheduleDecision.Keep(Name, "no-report", "the trial has reported nothing");
        }

        var ladder = LadderOf(study, trialNumber);
        var where = _budgets is null ? "" : $"bracket {ladder.Bracket} of {_ladders.Count}: ";
        if (ladder.NextRung(trialNumber) is not { } rung)
        {
            return ScheduleDecision.Keep(Name, "last-rung", $"{where}past the last rung: trains to max_resource {MaxResource}", step);
        }

        if (step < rung.Step)
        {
            return ScheduleDecision.Keep(Name, "below-rung", $"{where}step {step} is below rung {rung.Index}'s step {rung.Step}", step);
        }

        var value = trial.ValueAt(step);
        if (double.IsNaN(value))
        {
            return new ScheduleDecision(ScheduleAction.Stop, Name, "nan", $"{where}value at step {step} is NaN at rung {rung.Index}", step, value, Rung: rung.Index);
        }

        ladder.Record(trialNumber, value);
        var maximize = study.Direction == StudyDirection.Maximize;
        var next = Best(maximize, ladder, trialNumber, rung.Index);
        var standing = where + ladder.Standing(rung, trialNumber, maximize);
        if (next?.Trial == trialNumber)
        {
            ladder.PromotedInPlace(trialNumber, rung);
            return new ScheduleDecision(ScheduleAction.Continue, Name, "promoted", $"promoted past rung {rung.Index}: {standing}",
                step, value, Rung: rung.Index, ReferenceCount: rung.Count, Promoted: true);
        }

        var waits = next is null
            ? "paused until it ranks high enough"
            : $"paused; the free slot goes to trial {next.Trial} (rung {next.Rung}{(_budgets is null ? "" : $" of bracket {next.Bracket}")})";
        return new ScheduleDecision(ScheduleAction.Pause, Name, "rung", $"{waits}: {standing}", step, value, Rung: rung.Index, ReferenceCount: rung.Count);
    }

    public ResumePlan? NextResume(Study study)
    {
        var best = Best(study.Direction == StudyDirection.Maximize);
        return best is null
            ? null
            : new ResumePlan([best.Trial], [], string.Create(CultureInfo.InvariantCulture,
                $"promoted from rung {best.Rung}{(_budgets is null ? "" : $" of bracket {best.Bracket}")} (step {best.Step}) with {best.Value:R}"), Promotes: true);
    }

    public IReadOnlyList<StrandedTrial> Stranded(Study study)
    {
        var maximize = study.Direction == StudyDirection.Maximize;
        return [.. _ladders.SelectMany(l => l.Stranded(maximize)).OrderBy(s => s.Trial)];
    }

    public void OnPaused(Study study, int trial, int step) => LadderOf(study, trial).Paused(trial, step);

    public void OnResumed(Study study, int trial) => LadderOf(study, trial).Resumed(trial);

    public void OnExploited(Study study, Exploitation exploitation) =>
        throw new InvalidOperationException($"trial {exploitation.Trial}: {Name} never exploits");

    public void OnFinished(Study study, int trial, TrialState state) => LadderOf(study, trial).Finished(trial);

    public SchedulerSnapshot Describe(Study study)
    {
        var settings = string.Create(CultureInfo.InvariantCulture,
            $"min_resource {MinResource}, reduction_factor {ReductionFactor}, max_resource {MaxResource}{(_budgets is null ? "" : $", {_ladders.Count} brackets")}");
        var rungs = _ladders.SelectMany(l => l.Rungs.Select(r => new RungSnapshot(l.Bracket, r.Index, r.Step, r.Count, r.Promoted.Count, r.Paused.Count)));
        return new SchedulerSnapshot(Name, settings, [.. rungs], Promotions: _ladders.Sum(l => l.PromotionCount));
    }

    /// <summary>The promotion a free slot goes to: the highest step first, then the lower bracket.</summary>
    private AshaCandidate? Best(bool maximize, AshaLadder? decidingLadder = null, int deciding = -1, int decidingRung = -1)
    {
        AshaCandidate? best = null;
        foreach (var ladder in _ladders)
        {
            var candidate = ReferenceEquals(ladder, decidingLadder) ? ladder.Best(maximize, deciding, decidingRung) : ladder.Best(maximize);
            if (candidate is not null && (best is null || candidate.Step > best.Step))
            {
                best = candidate;
            }
        }

        return best;
    }

    private static void Validate(int minResource, int reductionFactor, int maxResource)
    {
        if (minResource < 1)
        {
            throw new ArgumentOutOfRangeException("min_resource", minResource, "min_resource must be >= 1");
        }

        if (reductionFactor < 2)
        {
            throw new ArgumentOutOfRangeException("reduction_factor", reductionFactor, "reduction_factor must be >= 2");
        }

        if (maxResource < minResource)
        {
            throw new ArgumentOutOfRangeException("max_resource", maxResource, $"max_resource must be >= min_resource ({minResource})");
        }
    }

    private AshaLadder LadderOf(Study study, int trial)
    {
        if (!_ladderByTrial.TryGetValue(trial, out var ladder))
        {
            ladder = _ladders[BracketOf(study.Name, trial)];
            _ladderByTrial.Add(trial, ladder);
        }

        return ladder;
    }
}
