using HyperSweep.Search.Importance;
using HyperSweep.Search.Spaces;
using MathNet.Numerics.Random;

namespace HyperSweep.Search.Tests.Importance;

/// <summary>PED-ANOVA on synthetic sweeps whose importances are known by construction.</summary>
public sealed class PedAnovaTests
{
    private static readonly SearchSpace ThreeReals = new(
    [
        new SearchParameter("strong", new FloatDomain(-1, 1)),
        new SearchParameter("weak", new FloatDomain(-1, 1)),
        new SearchParameter("irrelevant", new FloatDomain(-1, 1)),
    ]);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_parameter_the_objective_ignores_ranks_last_and_the_stronger_one_first(int seed)
    {
        // f = 4 x² + y² + 0·z, minimised: the best trials need x near 0 much more than y, and z not at all.
        var samples = Sample(ThreeReals, 300, seed, p => (4 * Square(p["strong"])) + Square(p["weak"]));

        var ranking = PedAnova.Evaluate(ThreeReals, samples, StudyDirection.Minimize);

        Assert.Equal(["strong", "weak", "irrelevant"], ranking.Select(r => r.Name));
        Assert.True(ranking[2].Importance < 0.1, $"the irrelevant parameter got {ranking[2].Importance:F3}");
        Assert.Equal(1.0, ranking.Sum(r => r.Importance), 9);
    }

    [Fact]
    public void Maximising_looks_at_the_largest_values()
    {
        var space = new SearchSpace([new SearchParameter("x", new FloatDomain(0, 1)), new SearchParameter("noise", new FloatDomain(0, 1))]);
        var samples = Sample(space, 200, 7, p => p["x"]);

        var ranking = PedAnova.Evaluate(space, samples, StudyDirection.Maximize);

        Assert.Equal("x", ranking[0].Name);
        Assert.Equal(20, ranking[0].TopTrials);
    }

    [Fact]
    public void A_conditional_parameter_is_measured_within_its_condition()
    {
        // cell exists only for arch rnn and decides the value there (the top trials are all rnn with lstm or gru); lr is noise.
        var space = new SearchSpace(
        [
            new SearchParameter("arch", new CategoricalDomain(["dan", "rnn"])),
            new SearchParameter("cell", new CategoricalDomain(["elman", "lstm", "gru"]), new ParameterCondition(
                new Dictionary<string, IReadOnlyList<object>> { ["arch"] = ["rnn"] })),
            new SearchParameter("lr", new FloatDomain(1e-4, 1e-1, log: true)),
        ]);
        var random = new MersenneTwister(5);
        var samples = new List<ImportanceSample>();
        for (var i = 0; i < 400; i++)
        {
            var arch = (string)space.Parameters[0].Domain.Sample(random);
            var lr = (double)space.Parameters[2].Domain.Sample(random);
            var parameters = new Dictionary<string, object> { ["arch"] = arch, ["lr"] = lr };
            double value = 0.8;
            if (arch == "rnn")
            {
                var cell = (string)space.Parameters[1].Domain.Sample(random);
                parameters["cell"] = cell;
                value = cell == "elman" ? 0.5 : 0.95;
            }

            samples.Add(new ImportanceSample(parameters, value + (0.01 * random.NextDouble())));
        }

        var ranking = PedAnova.Evaluate(space, samples, StudyDirection.Maximize);

        Assert.Equal(["arch", "cell", "lr"], ranking.Select(r => r.Name));
        var conditional = ranking[1];
        Assert.Equal("arch in [rnn]", conditional.Condition);
        Assert.Equal(samples.Count(s => s.Parameters.ContainsKey("cell")), conditional.Trials);
        Assert.True(ranking[2].Importance < 0.1, $"lr got {ranking[2].Importance:F3}");
    }

    [Fact]
    public void Too_few_trials_give_no_importance_rather_than_noise()
    {
        var samples = Sample(ThreeReals, 2, 1, p => p["strong"]);

        var ranking = PedAnova.Evaluate(ThreeReals, samples, StudyDirection.Minimize);

        Assert.All(ranking, r => Assert.Equal(0, r.Importance));
    }

    private static double Square(double x) => x * x;

    private static List<ImportanceSample> Sample(SearchSpace space, int count, int seed, Func<IReadOnlyDictionary<string, double>, double> objective)
    {
        var random = new MersenneTwister(seed);
        var samples = new List<ImportanceSample>();
        for (var i = 0; i < count; i++)
        {
            var values = space.Parameters.ToDictionary(p => p.Name, p => (double)p.Domain.Sample(random));
            samples.Add(new ImportanceSample(values.ToDictionary(v => v.Key, v => (object)v.Value), objective(values)));
        }

        return samples;
    }
}
