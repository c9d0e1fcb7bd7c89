using HyperSweep.Search.Sampling;
using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Tests.Sampling;

public sealed class GridSamplerTests
{
    [Fact]
    public void EnumeratesExactlyTheConditionalProductForRandomSpaces()
    {
        var random = new Random(20261125);
        for (var round = 0; round < 300; round++)
        {
            var space = RandomSpaces.Create(random, allowContinuous: false);
            var grid = new GridSampler(space);

            var expected = BruteForce(space);
            var keys = grid.Points.Select(p => p.Key).ToList();
            Assert.Equal(keys.Count, keys.Distinct().Count());
            Assert.Equal(expected.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
            Assert.Equal(keys.Count, grid.Size);
        }
    }

    [Fact]
    public void OrderIsDeclarationOrderWithTheFirstParameterSlowest()
    {
        var space = new SearchSpace(
        [
            new SearchParameter("arch", new CategoricalDomain(["dan", "rnn"])),
            new SearchParameter("cell", new CategoricalDomain(["lstm", "gru"]), Condition("arch", "rnn")),
            new SearchParameter("hidden_size", new IntDomain(32, 64, 32)),
        ]);

        var keys = new GridSampler(space).Points.Select(p => p.Key).ToArray();

        Assert.Equal(
        [
            "arch=dan, hidden_size=32", "arch=dan, hidden_size=64",
            "arch=rnn, cell=lstm, hidden_size=32", "arch=rnn, cell=lstm, hidden_size=64",
            "arch=rnn, cell=gru, hidden_size=32", "arch=rnn, cell=gru, hidden_size=64",
        ], keys);
    }

    [Fact]
    public void RefusesAnUnsteppedFloatNamingIt()
    {
        var space = new SearchSpace([new SearchParameter("lr", new FloatDomain(0.001, 0.1))]);
        var error = Assert.Throws<ArgumentException>(() => new GridSampler(space));
        Assert.Equal("lr", error.ParamName);
        Assert.Contains("'lr'", error.Message);
    }

    [Fact]
    public void RefusesAGridAboveTheLimit()
    {
        var space = new SearchSpace([new SearchParameter("hidden_size", new IntDomain(1, 100))]);
        Assert.Equal(100, new GridSampler(space, maxPoints: 100).Size);
        Assert.Throws<ArgumentException>(() => new GridSampler(space, maxPoints: 99));
    }

    [Fact]
    public void SteppedFloatsAreExactDecimals()
    {
        var values = new FloatDomain(0.0, 0.3, 0.1).GridValues()!;
        Assert.Equal([0.0, 0.1, 0.2, 0.3], values);
    }

    private static ParameterCondition Condition(string name, params object[] values) =>
        new(new Dictionary<string, IReadOnlyList<object>> { [name] = values });

    /// <summary>The full product ignoring conditions, each point projected onto its active parameters.</summary>
    private static HashSet<string> BruteForce(SearchSpace space)
    {
        IEnumerable<object[]> product = [[]];
        foreach (var parameter in space.Parameters)
        {
            var values = parameter.Domain.GridValues()!;
            product = product.SelectMany(prefix => values.Select(v => prefix.Append(v).ToArray())).ToList();
        }
        var result = new HashSet<string>();
        foreach (var full in product)
        {
            var active = new List<KeyValuePair<string, object>>();
            var assigned = new Dictionary<string, object>();
            for (var i = 0; i < full.Length; i++)
            {
                var parameter = space.Parameters[i];
                if (parameter.When is null || parameter.When.IsSatisfiedBy(assigned))
                {
                    assigned[parameter.Name] = full[i];
                    active.Add(new(parameter.Name, full[i]));
                }
            }
            result.Add(new TrialParameters(active).Key);
        }
        return result;
    }
}
