using HyperSweep.Search.Sampling;
using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Tests.Sampling;

public sealed class RandomSamplerTests
{
    [Fact]
    public void TrialIIsTheSameWhateverTheRequestOrder()
    {
        var random = new Random(7);
        for (var round = 0; round < 50; round++)
        {
            var space = RandomSpaces.Create(random, allowContinuous: true);
            var seed = random.NextInt64();
            var inOrder = new RandomSampler(space, seed);
            var expected = Enumerable.Range(0, 40).Select(i => inOrder.ParametersFor(i)).ToArray();

            var shuffled = Enumerable.Range(0, 40).OrderBy(_ => random.Next()).ToArray();
            var other = new RandomSampler(space, seed);
            foreach (var i in shuffled)
            {
                Assert.Equal(expected[i], other.ParametersFor(i));
            }
            var concurrent = new TrialParameters[40];
            var shared = new RandomSampler(space, seed);
            Parallel.ForEach(shuffled, i => concurrent[i] = shared.ParametersFor(i));
            Assert.Equal(expected, concurrent);
        }
    }

    [Fact]
    public void DifferentSeedsGiveDifferentSweeps()
    {
        var space = new SearchSpace([new SearchParameter("lr", new FloatDomain(1e-4, 1e-1, null, log: true))]);
        var a = Enumerable.Range(0, 10).Select(i => new RandomSampler(space, 1).ParametersFor(i)["lr"]);
        var b = Enumerable.Range(0, 10).Select(i => new RandomSampler(space, 2).ParametersFor(i)["lr"]);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void ConditionalParametersAppearOnlyWhenTheirConditionHolds()
    {
        var space = new SearchSpace(
        [
            new SearchParameter("arch", new CategoricalDomain(["dan", "rnn"])),
            new SearchParameter("cell", new CategoricalDomain(["elman", "lstm", "gru"]),
                new ParameterCondition(new Dictionary<string, IReadOnlyList<object>> { ["arch"] = ["rnn"] })),
        ]);
        var sampler = new RandomSampler(space, 3);
        var draws = Enumerable.Range(0, 200).Select(i => sampler.ParametersFor(i)).ToList();
        Assert.All(draws, d => Assert.Equal(d["arch"].Equals("rnn"), d.ContainsKey("cell")));
        Assert.Contains(draws, d => d["arch"].Equals("dan"));
        Assert.Equal(3, draws.Where(d => d.ContainsKey("cell")).Select(d => d["cell"]).Distinct().Count());
    }

    [Fact]
    public void IntBoundsAreInclusiveAndTheStepIsRespected()
    {
        var space = new SearchSpace([new SearchParameter("n", new IntDomain(3, 11, 4))]);
        var sampler = new RandomSampler(space, 5);
        var values = Enumerable.Range(0, 300).Select(i => (long)sampler.ParametersFor(i)["n"]).ToHashSet();
        Assert.Equal(new HashSet<long> { 3, 7, 11 }, values);
    }

    [Fact]
    public void IntLogReachesBothEnds()
    {
        var space = new SearchSpace([new SearchParameter("n", new IntDomain(1, 4, 1, log: true))]);
        var sampler = new RandomSampler(space, 9);
        var values = Enumerable.Range(0, 500).Select(i => (long)sampler.ParametersFor(i)["n"]).ToHashSet();
        Assert.Equal(new HashSet<long> { 1, 2, 3, 4 }, values);
    }

    [Fact]
    public void LogFloatsNeverLeaveTheirBoundsEvenWhenExpOfLogRoundsOff()
    {
        // Pick bounds where exp(log(x)) != x, so an unclamped draw could land outside them.
        var candidates = Enumerable.Range(1, 2000).Select(k => k * 1.37e-4).ToList();
        var low = candidates.First(x => Math.Exp(Math.Log(x)) < x);
        var high = candidates.Last(x => Math.Exp(Math.Log(x)) > x);
        var domain = new FloatDomain(low, high, null, log: true);
        var space = new SearchSpace([new SearchParameter("lr", domain)]);
        var sampler = new RandomSampler(space, 11);
        var values = Enumerable.Range(0, 5000).Select(i => (double)sampler.ParametersFor(i)["lr"]).ToList();
        Assert.All(values, v => Assert.InRange(v, low, high));
        Assert.Equal(0.1234, new FloatDomain(0.1234, 0.1234, null, log: true).Sample(new MathNet.Numerics.Random.Xoshiro256StarStar(1, false)));
    }

    [Fact]
    public void LogFloatsAreUniformInLogSpace()
    {
        var space = new SearchSpace([new SearchParameter("lr", new FloatDomain(1e-4, 1e-0, null, log: true))]);
        var sampler = new RandomSampler(space, 13);
        var decades = new int[4];
        for (var i = 0; i < 4000; i++)
        {
            var v = (double)sampler.ParametersFor(i)["lr"];
            decades[Math.Clamp((int)Math.Floor(Math.Log10(v) + 4), 0, 3)]++;
        }
        Assert.All(decades, count => Assert.InRange(count, 850, 1150));
    }

    [Fact]
    public void SteppedFloatsLandOnTheStep()
    {
        var space = new SearchSpace([new SearchParameter("dropout", new FloatDomain(0.0, 0.5, 0.1))]);
        var sampler = new RandomSampler(space, 17);
        var values = Enumerable.Range(0, 300).Select(i => (double)sampler.ParametersFor(i)["dropout"]).ToHashSet();
        Assert.Equal(new HashSet<double> { 0.0, 0.1, 0.2, 0.3, 0.4, 0.5 }, values);
    }
}
