namespace HyperSweep.Search.Pruning;

/// <summary>
/// Optuna 3.1 HyperbandPruner (TRACES.md §7): brackets of asynchronous successive halving. A trial's
/// bracket is CRC-32("&lt;study name&gt;_&lt;trial number&gt;") mod the total allocation budget (<see cref="HyperbandBrackets"/>); bracket b runs
/// SHA with min_early_stopping_rate b and sees only its own trials. Defaults: min_resource 1,
/// max_resource "auto" (largest completed last step + 1), reduction_factor 3, bootstrap_count 0.
/// </summary>
/// <remarks>
/// State (brackets, budgets, per-bracket rung records) is built during <see cref="Decide"/> only, from the
/// study's contents, so replaying the recorded reports rebuilds it.
/// </remarks>
public sealed class HyperbandPruner : IPruner
{
    private readonly List<SuccessiveHalvingPruner> _brackets = new();
    private readonly List<long> _budgets = new();
    private readonly Dictionary<int, int> _bracketByTrial = new();

    /// <param name="maxResource">null means "auto".</param>
    public HyperbandPruner(int minResource = 1, int? maxResource = null, int reductionFactor = 3, int bootstrapCount = 0)
    {
        if (minResource < 1)
        {
            throw new ArgumentOutOfRangeException("min_resource", minResource, "min_resource must be >= 1");
        }
        if (maxResource is { } max && max < minResource)
        {
            throw new ArgumentOutOfRangeException("max_resource", maxResource, "max_resource must be >= min_resource or \"auto\"");
        }
        if (reductionFactor < 2)
        {
            throw new ArgumentOutOfRangeException("reduction_factor", reductionFactor, "reduction_factor must be >= 2");
        }
        if (bootstrapCount < 0)
        {
            throw new ArgumentOutOfRangeException("bootstrap_count", bootstrapCount, "bootstrap_count must be >= 0");
        }
        MinResource = minResource;
        MaxResource = maxResource;
        ReductionFactor = reductionFactor;
        BootstrapCount = bootstrapCount;
    }

    public string Name => "HyperbandPruner";

    public int MinResource { get; }

    /// <summary>The max resource; null while "auto" is unresolved.</summary>
    public int? MaxResource { get; private set; }

    public int ReductionFactor { get; }

    public int BootstrapCount { get; }

    public bool IsInitialized => _brackets.Count > 0;

    public int BracketCount => _brackets.Count;

    public IReadOnlyList<long> TrialAllocationBudgets => _budgets;

    public long TotalTrialAllocationBudget => _budgets.Sum();

    /// <summary>The successive-halving pruner of one bracket (its rung records).</summary>
    public SuccessiveHalvingPruner Bracket(int index) => _brackets[index];

    /// <summary>The bracket of a trial; depends only on the study name and the trial number.</summary>
    public int BracketOf(string studyName, int trialNumber) => IsInitialized
        ? HyperbandBrackets.BracketOf(studyName, trialNumber, _budgets)
        : throw new InvalidOperationException("brackets are built at the first decision that knows max_resource");

    public PruningDecision Decide(Study study, int trialNumber)
    {
        if (!IsInitialized && !TryInitialize(study))
        {
            return PruningDecision.Keep(Name, "auto-unresolved",
                "max_resource \"auto\" waits for a COMPLETE trial with reports", study.Trial(trialNumber).LastStep);
        }
        if (!_bracketByTrial.TryGetValue(trialNumber, out var bracket))
        {
            bracket = BracketOf(study.Name, trialNumber);
            _bracketByTrial.Add(trialNumber, bracket);
        }
        var inner = _brackets[bracket].Decide(study, trialNumber);
        return inner with
        {
            Pruner = Name,
            Explanation = $"bracket {bracket} of {_brackets.Count}: {inner.Explanation}",
            ReferenceSet = inner.ReferenceSet is null ? null : $"bracket {bracket} {inner.ReferenceSet}",
        };
    }

    private bool TryInitialize(Study study)
    {
        if (MaxResource is null)
        {
            if (study.MaxCompletedLastStep is not { } longest)
            {
                return false;
            }
            MaxResource = longest + 1;
        }
        foreach (var budget in HyperbandBrackets.Budgets(MinResource, MaxResource.Value, ReductionFactor))
        {
            _brackets.Add(new SuccessiveHalvingPruner(MinResource, ReductionFactor, _brackets.Count, BootstrapCount));
            _budgets.Add(budget);
        }

        return true;
    }
}
