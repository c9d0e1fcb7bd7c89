using HyperSweep.Search.Spaces;
using MathNet.Numerics.Random;

namespace HyperSweep.Search.Sampling;

/// <summary>
/// Independent random draws where trial i's parameters depend only on (seed, i): each (trial, parameter)
/// pair gets its own MathNet Xoshiro256** generator seeded from a SplitMix64 mix of the sweep seed, the
/// trial index and the parameter's name. Completion order, the asking silo, other trials, and even adding or
/// removing another parameter do not change a parameter's value. Inactive conditional parameters are absent.
/// </summary>
public sealed class RandomSampler : ISampler
{
    public RandomSampler(SearchSpace space, long seed)
    {
        Space = space ?? throw new ArgumentNullException(nameof(space));
        Seed = seed;
    }

    public SearchSpace Space { get; }

    public long Seed { get; }

    public long? Size => null;

    public void OnTrialCreated(Study study, int trial)
    {
        // Stateless: a trial's parameters depend on its number only.
    }

    /// <summary>The parameters of trial <paramref name="trial"/>: <see cref="ParametersFor"/> its number.</summary>
    public TrialParameters Propose(Study study, int trial) => ParametersFor(trial);

    public TrialParameters ParametersFor(long index)
    {
        if (index < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "trial indices start at 0");
        }
        var assigned = new Dictionary<string, object>(StringComparer.Ordinal);
        var ordered = new List<KeyValuePair<string, object>>();
        foreach (var parameter in Space.Parameters)
        {
            if (parameter.When is { } condition && !condition.IsSatisfiedBy(assigned))
            {
                continue;
            }
            var value = Draw(index, parameter);
            assigned[parameter.Name] = value;
            ordered.Add(new KeyValuePair<string, object>(parameter.Name, value));
        }
        return new TrialParameters(ordered);
    }

    /// <summary>Trial <paramref name="index"/>'s value of <paramref name="parameter"/> (TPE's start-up trials draw the same).</summary>
    internal object Draw(long index, SearchParameter parameter) =>
        parameter.Domain.Sample(new Xoshiro256StarStar(StreamSeed(index, parameter.Name), threadSafe: false));

    private int StreamSeed(long index, string name) => SeedMixer.ToInt32(SeedMixer.Mix(SeedMixer.Mix(Seed, index), name));
}
