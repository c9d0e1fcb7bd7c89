using System.IO.Hashing;
using System.Text;

namespace HyperSweep.Search.Pruning;

/// <summary>
/// Optuna 3.1 HyperbandPruner (TRACES.md §7): brackets of asynchronous successive halving. A trial's
/// bracket is CRC-32("&lt;study name&gt;_&lt;trial number&gt;") mod the total allocation budget; bracket b runs
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
    public int BracketOf(string studyName, int trialNumber)
    {
        if (!IsInitialized)
        {
            throw new InvalidOperationException("brackets are built at the first decision that knows max_resource");
        }
        var n = (long)(Crc32.HashToUInt32(Encoding.UTF8.GetBytes($"{studyName}_{trialNumber}")) % (ulong)TotalTrialAllocationBudget);
        for (var b = 0; b < _budgets.Count; b++)
        {
            n -= _budgets[b];
            if (n < 0)
            {
                return b;
            }
        }
        throw new InvalidOperationException("unreachable: the hash is below the total budget");
    }

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
        // Floating point on purpose, as Optuna: ln(243)/ln(3) = 4.999999999999999 gives 5 brackets, not 6.
        var bracketCount = (int)Math.Floor(Math.Log((double)MaxResource.Value / MinResource) / Math.Log(ReductionFactor)) + 1;
        for (var b = 0; b < bracketCount; b++)
        {
            var s = bracketCount - 1 - b;
            long power = 1;
            for (var i = 0; i < s; i++)
            {
                power *= ReductionFactor;
            }
            _budgets.Add((bracketCount * power + s) / (s + 1));
            _brackets.Add(new SuccessiveHalvingPruner(MinResource, ReductionFactor, b, BootstrapCount));
        }
        return true;
    }
}
