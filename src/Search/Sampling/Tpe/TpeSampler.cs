using HyperSweep.Search.Spaces;
using MathNet.Numerics.Random;

namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// The Tree-structured Parzen Estimator with Optuna 3.1 <c>TPESampler</c>'s decisions (TPE-TRACES.md, checked
/// decision by decision in TpeParityTests): random start-up trials until n COMPLETE + PRUNED trials reach
/// n_startup_trials, then, per parameter (or per joint sub-space when multivariate), the candidate drawn from the
/// good trials' estimator l(x) that maximises l(x)/g(x) against the others'. Conditional (<c>when:</c>) parameters
/// are Optuna's dynamic search space: a trial suggests only its active parameters, in declaration order.
/// </summary>
/// <remarks>
/// Deterministic: every draw comes from a generator seeded by (seed, trial number, decision), never from state
/// carried between proposals. State kept between calls is an index over the study (<see cref="TpeHistory"/>,
/// caught up incrementally) and, with <c>group</c>, Optuna's persistent group list, folded only in
/// <see cref="OnTrialCreated"/> so that a rebuilt session holds the same list. Not thread-safe (one coordinator turn
/// at a time).
/// </remarks>
public sealed class TpeSampler : ISampler
{
    private readonly TpeHistory _history;
    private readonly RandomSampler _random;
    private GroupDecomposition _groups = new();
    private readonly Dictionary<string, int> _indexOf;
    private Study? _foldedStudy;
    private int _foldCursor;
    private bool[]? _intersection;
    private Study? _intersectionStudy;
    private int _intersectionCursor;

    public TpeSampler(SearchSpace space, long seed, TpeSettings? settings = null)
    {
        Space = space ?? throw new ArgumentNullException(nameof(space));
        Seed = seed;
        Settings = settings ?? TpeSettings.Optuna31Defaults;
        Parameters = space.Parameters.Select(TpeParameter.Of).ToArray();
        _indexOf = Parameters.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        _history = new TpeHistory(Parameters);
        _random = new RandomSampler(space, seed);
    }

    public SearchSpace Space { get; }

    public long Seed { get; }

    public TpeSettings Settings { get; }

    /// <summary>The parameters with Optuna's view of their domains, in declaration (= suggestion) order.</summary>
    public IReadOnlyList<TpeParameter> Parameters { get; }

    public long? Size => null;

    public void OnTrialCreated(Study study, int trial)
    {
        _history.CatchUp(study);
        if (Settings.Multivariate && Settings.Group)
        {
            FoldGroups(study);
        }
    }

    public TrialParameters Propose(Study study, int trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        _history.CatchUp(study);
        var proposal = ProposeOnce(study, trial, attempt: 0);
        return Settings.DistinctRunning ? DistinctProposal.Ensure(this, study, trial, proposal) : proposal;
    }

    internal TpeHistory History => _history;

    internal int IndexOf(string name) => _indexOf[name];

    /// <summary>
    /// The joint sub-spaces of a multivariate study at this moment (4.2): the group list (each group's names sorted,
    /// single-valued parameters dropped, an emptied group kept so indices match Optuna's), or the one intersection
    /// space in declaration order. Empty when univariate.
    /// </summary>
    internal IReadOnlyList<int[]> RelativeSpaces(Study study)
    {
        if (!Settings.Multivariate)
        {
            return [];
        }
        if (Settings.Group)
        {
            return _groups.Groups(Parameters).Select(g => g.Where(p => !Parameters[p].Distribution.IsSingle).ToArray()).ToList();
        }
        var inAll = Intersection(study);
        return [Enumerable.Range(0, Parameters.Count).Where(p => inAll is not null && inAll[p] && !Parameters[p].Distribution.IsSingle).ToArray()];
    }

    /// <summary>
    /// The decision over <paramref name="space"/> against the study as it stands. Joint samples and every parameter
    /// of a multivariate study use the multivariate bandwidth rule; univariate studies the neighbour rule.
    /// </summary>
    internal TpeDecision Decide(Study study, int[] space, bool relative)
    {
        _history.CatchUp(study);
        return TpeDecision.Build(_history, _history.Split(Settings.Gamma, Settings.ConstantLiar), space, Settings,
            jointBandwidth: relative || Settings.Multivariate);
    }

    /// <summary>One complete proposal; attempts after the first use fresh random streams (see <see cref="DistinctProposal"/>).</summary>
    internal TrialParameters ProposeOnce(Study study, int trial, int attempt)
    {
        var n = _history.FinishedObservationCount;
        var startup = n < Settings.NStartupTrials;
        var relative = new Dictionary<int, double>();
        TpeSplit? split = null;
        if (!startup)
        {
            var spaces = RelativeSpaces(study);
            for (var group = 0; group < spaces.Count; group++)
            {
                if (spaces[group].Length == 0)
                {
                    continue;
                }
                split ??= _history.Split(Settings.Gamma, Settings.ConstantLiar);
                var decision = TpeDecision.Build(_history, split, spaces[group], Settings, jointBandwidth: true);
                var chosen = Choose(decision, Stream(trial, attempt, $"relative/{group}"));
                for (var d = 0; d < decision.Space.Length; d++)
                {
                    relative[decision.Space[d]] = chosen[d];
                }
            }
        }
        var assigned = new Dictionary<string, object>(StringComparer.Ordinal);
        var ordered = new List<KeyValuePair<string, object>>(Parameters.Count);
        for (var p = 0; p < Parameters.Count; p++)
        {
            var parameter = Parameters[p];
            if (parameter.Parameter.When is { } condition && !condition.IsSatisfiedBy(assigned))
            {
                continue;
            }
            object value;
            if (parameter.Distribution.IsSingle)
            {
                value = parameter.ToExternal(parameter.Distribution.Low);
            }
            else if (relative.TryGetValue(p, out var joint))
            {
                value = parameter.ToExternal(joint);
            }
            else if (startup)
            {
                value = attempt == 0 ? _random.Draw(trial, parameter.Parameter) : RandomDraw(trial, attempt, parameter.Parameter);
            }
            else
            {
                split ??= _history.Split(Settings.Gamma, Settings.ConstantLiar);
                var decision = TpeDecision.Build(_history, split, [p], Settings, jointBandwidth: Settings.Multivariate);
                value = parameter.ToExternal(Choose(decision, Stream(trial, attempt, $"independent/{parameter.Name}"))[0]);
            }
            assigned[parameter.Name] = value;
            ordered.Add(new KeyValuePair<string, object>(parameter.Name, value));
        }
        return new TrialParameters(ordered);
    }

    /// <summary>A uniformly random value of <paramref name="parameter"/> from a stream private to (trial, attempt, parameter).</summary>
    internal object RandomDraw(int trial, int attempt, SearchParameter parameter) =>
        parameter.Domain.Sample(Stream(trial, attempt, $"random/{parameter.Name}"));

    private double[] Choose(TpeDecision decision, RandomSource random)
    {
        var candidates = decision.Draw(random, Settings.NEiCandidates);
        var best = decision.Score(candidates, Settings.Density).Best;
        return candidates.Select(c => c[best]).ToArray();
    }

    private Xoshiro256StarStar Stream(int trial, int attempt, string decision)
    {
        var label = attempt == 0 ? $"tpe/{decision}" : $"tpe/{decision}#{attempt}";
        return new Xoshiro256StarStar(SeedMixer.ToInt32(SeedMixer.Mix(SeedMixer.Mix(Seed, trial), label)), threadSafe: false);
    }

    /// <summary>Folds the COMPLETE/PRUNED trials finished since the last ask into the group list, in trial-number order.</summary>
    private void FoldGroups(Study study)
    {
        if (!ReferenceEquals(study, _foldedStudy))
        {
            (_foldedStudy, _foldCursor, _groups) = (study, 0, new GroupDecomposition());
        }
        var fresh = new List<int>();
        for (; _foldCursor < study.FinishedInOrder.Count; _foldCursor++)
        {
            var position = _history.PositionOf(study.FinishedInOrder[_foldCursor].Number);
            if (_history.IsFinishedObservation(position))
            {
                fresh.Add(position);
            }
        }
        fresh.Sort();
        foreach (var position in fresh)
        {
            _groups.Add(Present(position));
        }
    }

    /// <summary>Which parameters every COMPLETE/PRUNED trial has (null before any finished), kept up to date incrementally.</summary>
    private bool[]? Intersection(Study study)
    {
        if (!ReferenceEquals(study, _intersectionStudy))
        {
            (_intersectionStudy, _intersectionCursor, _intersection) = (study, 0, null);
        }
        for (; _intersectionCursor < study.FinishedInOrder.Count; _intersectionCursor++)
        {
            var position = _history.PositionOf(study.FinishedInOrder[_intersectionCursor].Number);
            if (!_history.IsFinishedObservation(position))
            {
                continue;
            }
            var present = Present(position);
            _intersection ??= Enumerable.Repeat(true, Parameters.Count).ToArray();
            for (var p = 0; p < Parameters.Count; p++)
            {
                _intersection[p] &= present.Contains(p);
            }
        }
        return _intersection;
    }

    private HashSet<int> Present(int position)
    {
        var present = new HashSet<int>();
        for (var p = 0; p < Parameters.Count; p++)
        {
            if (!double.IsNaN(_history.Values(p)[position]))
            {
                present.Add(p);
            }
        }
        return present;
    }
}
