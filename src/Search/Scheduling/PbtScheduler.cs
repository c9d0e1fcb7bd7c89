using System.Globalization;
using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Scheduling;

/// <summary>
/// Population-based training (Jaderberg et al. 2017) in synchronous generations. The population is the sweep's first
/// <see cref="Population"/> trials (the sampler proposes them; no trial is created after). Every
/// <see cref="Interval"/> steps each member pauses at the generation boundary; when every member still alive has
/// reached it, the members are ranked by their value there and each of the bottom quantile exploits one of the top
/// quantile — it continues from that donor's checkpoint — and explores: it takes the donor's parameters with the
/// perturbed ones changed (<see cref="PbtExplorer"/>). Then all members resume.
/// </summary>
/// <remarks>
/// Synchronous on purpose: every decision depends on values at a boundary all members reached, never on which member
/// reported first, so a sweep is reproducible whatever the machine's speed or the cluster's size. It also makes the
/// checkpoint a donor hands over exactly the one at the boundary, since donors wait there too. The donor of each
/// exploiting member is drawn from (seed, generation, trial). Members that end (fail, stop early) leave the population;
/// a population of one never exploits. The quantile count is ⌈n·quantile⌉, at most ⌊n/2⌋, so no member is both.
/// </remarks>
public sealed class PbtScheduler : IScheduler
{
    private readonly PbtExplorer _explorer;
    private readonly Dictionary<int, int> _pausedAt = [];
    private readonly Dictionary<int, TrialParameters> _current = [];
    private readonly HashSet<int> _exploitedBoundaries = [];
    private readonly IReadOnlyList<PbtPerturbation> _perturbations;

    public PbtScheduler(SearchSpace space, int population, int interval, int maxSteps, IReadOnlyList<PbtPerturbation> perturbations,
        double quantile = 0.25, double resampleProbability = 0.25, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(perturbations);
        if (population < 2)
        {
            throw new ArgumentOutOfRangeException("population", population, "population must be >= 2 (a population of one has no one to copy)");
        }

        if (interval < 1 || interval >= maxSteps)
        {
            throw new ArgumentOutOfRangeException("interval", interval, $"interval must be in 1..{maxSteps - 1} (epochs between generation boundaries, below budget.max_epochs {maxSteps})");
        }

        if (!(quantile > 0 && quantile <= 0.5))
        {
            throw new ArgumentOutOfRangeException("quantile", quantile, "quantile must be in (0, 0.5]: the fraction of members that copy (and that are copied)");
        }

        if (!(resampleProbability >= 0 && resampleProbability <= 1))
        {
            throw new ArgumentOutOfRangeException("resample_probability", resampleProbability, "resample_probability must be in [0, 1]");
        }

        if (perturbations.Count == 0)
        {
            throw new ArgumentException("perturb needs at least one parameter (name: [factors])", "perturb");
        }

        foreach (var perturbation in perturbations)
        {
            var key = $"perturb.{perturbation.Parameter}";
            if (space.Parameters.All(p => p.Name != perturbation.Parameter))
            {
                throw new ArgumentException($"'{perturbation.Parameter}' is not searched: PBT perturbs a parameter within its domain under 'parameters'", key);
            }

            if (perturbation.Factors.Count == 0 || perturbation.Factors.Any(f => !(f > 0) || !double.IsFinite(f)))
            {
                throw new ArgumentException("the factors must be a non-empty list of positive numbers, e.g. [0.8, 1.2]", key);
            }
        }

        Population = population;
        Interval = interval;
        MaxSteps = maxSteps;
        Quantile = quantile;
        ResampleProbability = resampleProbability;
        _perturbations = perturbations;
        _explorer = new PbtExplorer(space, perturbations, resampleProbability, seed);
    }

    public string Name => "PBT";

    public int Population { get; }

    public int Interval { get; }

    public int MaxSteps { get; }

    public double Quantile { get; }

    public double ResampleProbability { get; }

    public int Exploitations { get; private set; }

    public int? TrialLimit => Population;

    /// <summary>The parameters a member trains with now (its proposal, or what its last exploitation gave it).</summary>
    public TrialParameters CurrentParameters(Study study, int trial) =>
        _current.TryGetValue(trial, out var parameters) ? parameters : study.Trial(trial).Parameters;

    public ScheduleDecision Decide(Study study, int trial)
    {
        if (study.Trial(trial).LastStep is not { } step)
        {
            return ScheduleDecision.Keep(Name, "no-report", "the trial has reported nothing");
        }

        if (step % Interval != 0 || step >= MaxSteps)
        {
            return ScheduleDecision.Keep(Name, "in-generation", $"step {step} is inside generation {step / Interval + 1}", step);
        }

        return new ScheduleDecision(ScheduleAction.Pause, Name, "generation",
            $"end of generation {step / Interval} (step {step}): waits for the other members", step, study.Trial(trial).ValueAt(step));
    }

    public ResumePlan? NextResume(Study study)
    {
        if (_pausedAt.Count == 0 || study.Trials.Count < Population)
        {
            return null;
        }

        var live = study.Trials.Where(t => !t.IsFinished).Select(t => t.Number).ToList();
        if (live.Any(t => !_pausedAt.ContainsKey(t)))
        {
            return null; // a member is still training towards the boundary
        }

        var boundary = _pausedAt.Values.Min();
        var members = live.Where(t => _pausedAt[t] == boundary).ToList();
        var generation = boundary / Interval;
        if (members.Count < live.Count || _exploitedBoundaries.Contains(boundary))
        {
            // Stragglers catch up first (never the case when all start together); an applied generation only resumes.
            return new ResumePlan(members, [], $"generation {generation + 1} begins after step {boundary}");
        }

        return new ResumePlan(members, Exploit(study, members, boundary, generation), $"generation {generation + 1} begins after step {boundary}");
    }

    public IReadOnlyList<StrandedTrial> Stranded(Study study) =>
        [.. _pausedAt.Keys.Order().Select(t => new StrandedTrial(t, $"the population never completed generation {_pausedAt[t] / Interval}"))];

    public void OnPaused(Study study, int trial, int step) => _pausedAt[trial] = step;

    public void OnResumed(Study study, int trial)
    {
        if (!_pausedAt.Remove(trial))
        {
            throw new InvalidOperationException($"trial {trial} is not paused, so it cannot be resumed");
        }
    }

    public void OnExploited(Study study, Exploitation exploitation)
    {
        _current[exploitation.Trial] = exploitation.After;
        _exploitedBoundaries.Add(exploitation.Step);
        Exploitations++;
    }

    public void OnFinished(Study study, int trial, TrialState state) => _pausedAt.Remove(trial);

    public SchedulerSnapshot Describe(Study study)
    {
        var generation = study.Trials.Count == 0 ? 0 : study.Trials.Max(t => t.LastStep ?? 0) / Interval;
        var perturbed = string.Join(", ", _perturbations.Select(p => $"{p.Parameter} ×[{string.Join(", ", p.Factors.Select(f => f.ToString("R", CultureInfo.InvariantCulture)))}]"));
        var settings = string.Create(CultureInfo.InvariantCulture,
            $"population {Population}, interval {Interval}, quantile {Quantile:R}, resample_probability {ResampleProbability:R}, perturb {perturbed}");
        return new SchedulerSnapshot(Name, settings, [], generation, Exploitations);
    }

    /// <summary>The bottom quantile at <paramref name="boundary"/> each copies one of the top quantile, drawn from the seed.</summary>
    private List<Exploitation> Exploit(Study study, List<int> members, int boundary, int generation)
    {
        var maximize = study.Direction == StudyDirection.Maximize;
        var ranked = members
            .Select(t => (Trial: t, Value: study.Trial(t).TryGetValue(boundary, out var v) ? v : double.NaN))
            .OrderBy(m => double.IsNaN(m.Value) ? 1 : 0)
            .ThenBy(m => maximize ? -m.Value : m.Value)
            .ThenBy(m => m.Trial)
            .ToList();
        var count = Math.Min((int)Math.Ceiling(ranked.Count * Quantile), ranked.Count / 2);
        var exploits = new List<Exploitation>();
        foreach (var (trial, value) in ranked.Skip(ranked.Count - count).OrderBy(m => m.Trial))
        {
            var donor = ranked[_explorer.DonorIndex(generation, trial, count)];
            var after = _explorer.Explore(CurrentParameters(study, donor.Trial), generation, trial, out var notes);
            exploits.Add(new Exploitation(trial, donor.Trial, boundary, CurrentParameters(study, trial), after, string.Create(CultureInfo.InvariantCulture,
                $"generation {generation}: {value:R} at step {boundary} is in the bottom {count} of {ranked.Count}; continues from trial {donor.Trial} ({donor.Value:R}) with {notes}")));
        }

        return exploits;
    }
}
