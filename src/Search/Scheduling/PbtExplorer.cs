using System.Globalization;
using HyperSweep.Search.Sampling;
using HyperSweep.Search.Spaces;
using MathNet.Numerics.Random;

namespace HyperSweep.Search.Scheduling;

/// <summary>
/// PBT's explore step (Jaderberg et al. 2017, "perturb" with a resample probability): each perturbed parameter of the
/// donor's configuration is, with probability resample_probability, drawn afresh from its domain in the spec, else
/// multiplied by one of its factors; the result is kept inside the domain (clamped, snapped to its step; a list of
/// numbers moves to the neighbouring value). Every draw comes from a generator private to (seed, generation, trial,
/// parameter), so the same sweep explores the same way on any machine and after any restart.
/// </summary>
internal sealed class PbtExplorer(SearchSpace space, IReadOnlyList<PbtPerturbation> perturbations, double resampleProbability, long seed)
{
    /// <summary>Which of <paramref name="donors"/> members <paramref name="trial"/> copies in <paramref name="generation"/>.</summary>
    public int DonorIndex(int generation, int trial, int donors) =>
        (int)(SeedMixer.Mix(SeedMixer.Mix(SeedMixer.Mix(seed, generation), "pbt-donor"), trial.ToString(CultureInfo.InvariantCulture)) % (ulong)donors);

    /// <summary>The donor's parameters, explored for <paramref name="trial"/>; <paramref name="notes"/> says what changed.</summary>
    public TrialParameters Explore(TrialParameters donor, int generation, int trial, out string notes)
    {
        var values = donor.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var changes = new List<string>();
        foreach (var perturbation in perturbations)
        {
            if (!values.TryGetValue(perturbation.Parameter, out var current))
            {
                continue; // inactive in the donor's configuration
            }

            var domain = space.Parameters.First(p => p.Name == perturbation.Parameter).Domain;
            var random = new Xoshiro256StarStar(SeedMixer.ToInt32(SeedMixer.Mix(
                SeedMixer.Mix(SeedMixer.Mix(seed, generation), trial.ToString(CultureInfo.InvariantCulture)), "pbt:" + perturbation.Parameter)), threadSafe: false);
            string how;
            object next;
            if (random.NextDouble() < resampleProbability)
            {
                next = domain.Sample(random);
                how = "resampled";
            }
            else
            {
                var factor = perturbation.Factors[random.Next(perturbation.Factors.Count)];
                next = Scale(domain, current, factor);
                how = "×" + factor.ToString("R", CultureInfo.InvariantCulture);
            }

            values[perturbation.Parameter] = next;
            changes.Add($"{perturbation.Parameter} {ParameterValues.Format(current)} → {ParameterValues.Format(next)} ({how})");
        }

        notes = changes.Count == 0 ? "no perturbed parameter is active" : string.Join(", ", changes);
        return new TrialParameters(donor.Keys.Select(k => KeyValuePair.Create(k, values[k])));
    }

    /// <summary><paramref name="value"/> × <paramref name="factor"/>, kept inside <paramref name="domain"/>.</summary>
    public static object Scale(ParameterDomain domain, object value, double factor)
    {
        var x = Convert.ToDouble(value, CultureInfo.InvariantCulture) * factor;
        switch (domain)
        {
            case FloatDomain f when f.Step is { } step:
                return f.SteppedValue((long)Math.Clamp(Math.Round((x - f.Min) / step), 0, f.Count!.Value - 1));
            case FloatDomain f:
                return Math.Clamp(x, f.Min, f.Max);
            case IntDomain i:
                var k = (long)Math.Round((Math.Clamp(x, i.Min, i.Max) - i.Min) / i.Step);
                return Math.Clamp(i.Min + k * i.Step, i.Min, i.Max);
            case CategoricalDomain c:
                return Neighbour(c, value, factor);
            default:
                return value;
        }
    }

    /// <summary>A list of numbers: the next larger value for a factor above 1, the next smaller below 1 (others stay).</summary>
    private static object Neighbour(CategoricalDomain domain, object value, double factor)
    {
        var numbers = domain.Choices.Where(v => v is long or double).OrderBy(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToList();
        var index = numbers.FindIndex(v => ParameterValues.AreEqual(v, value));
        if (index < 0 || factor == 1)
        {
            return value;
        }

        return numbers[Math.Clamp(factor > 1 ? index + 1 : index - 1, 0, numbers.Count - 1)];
    }
}
