using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Tests.Sampling;

/// <summary>Generates random small search spaces with conditions, for property tests.</summary>
internal static class RandomSpaces
{
    public static SearchSpace Create(Random random, bool allowContinuous)
    {
        var parameters = new List<SearchParameter>();
        var count = random.Next(1, 6);
        for (var i = 0; i < count; i++)
        {
            ParameterDomain domain = random.Next(allowContinuous ? 5 : 4) switch
            {
                0 => new CategoricalDomain(Enumerable.Range(0, random.Next(1, 4)).Select(k => (object)$"c{k}").ToList()),
                1 => new IntDomain(random.Next(-3, 3), random.Next(3, 8), random.Next(1, 3)),
                2 => new FloatDomain(0.0, 0.1 * random.Next(1, 5), 0.1),
                3 => new CategoricalDomain([true, false]),
                _ => new FloatDomain(0.001, 1.0, null, log: true),
            };
            ParameterCondition? when = null;
            if (i > 0 && random.Next(2) == 0)
            {
                var earlier = parameters[random.Next(parameters.Count)];
                if (earlier.Domain.GridValues() is { } values)
                {
                    var allowed = values.Where(_ => random.Next(2) == 0).DefaultIfEmpty(values[0]).ToList();
                    when = new ParameterCondition(new Dictionary<string, IReadOnlyList<object>> { [earlier.Name] = allowed });
                }
            }
            parameters.Add(new SearchParameter($"p{i}", domain, when));
        }
        return new SearchSpace(parameters);
    }
}
