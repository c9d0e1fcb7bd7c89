using HyperSweep.Engine.Schema;
using HyperSweep.Search.Sampling.Tpe;
using HyperSweep.Search.Spaces;
using HyperSweep.Search.Spec;

namespace HyperSweep.Search.Tests.Spec;

public sealed class StrategySectionTests
{
    private const string Head = "name: s\ntask:\n  kind: classification\n  data:\n    source: agreement\n";

    [Fact]
    public void TpeSettingsAreReadUnderOptunasNamesWithOptunasDefaults()
    {
        var spec = SweepSpecParser.Parse(Head + "strategy:\n  method: tpe\n  seed: 3\n  multivariate: true\n  group: true\n  gamma: hyperopt\n  prior_weight: 2\n", "<spec>", EngineSchema.Instance);
        Assert.Equal(SearchMethod.Tpe, spec.Strategy.Method);
        Assert.Equal(SweepSpecParser.DefaultRandomTrials, spec.Strategy.Trials);
        Assert.Equal(new TpeSettings { Multivariate = true, Group = true, Gamma = TpeGamma.Hyperopt, PriorWeight = 2 }, spec.Strategy.Tpe);
        var sampler = Assert.IsType<TpeSampler>(spec.CreateSampler());
        Assert.Equal(3, sampler.Seed);
    }

    [Fact]
    public void OtherMethodsHaveNoTpeSettings()
    {
        Assert.Null(SweepSpecParser.Parse(Head + "strategy:\n  method: random\n", "<spec>", EngineSchema.Instance).Strategy.Tpe);
        Assert.Equal(new TpeSettings(), SweepSpecParser.Parse(Head + "strategy:\n  method: tpe\n", "<spec>", EngineSchema.Instance).Strategy.Tpe);
    }

    [Fact]
    public void ABadTpeValueIsReportedAtItsLine()
    {
        var error = Assert.Throws<SpecException>(() => SweepSpecParser.Parse(Head + "strategy:\n  method: tpe\n  n_ei_candidates: 0\n", "s.yaml", EngineSchema.Instance));
        Assert.Equal("strategy.n_ei_candidates", error.Field);
        Assert.Equal(8, error.Line);
        Assert.Contains("n_ei_candidates must be an integer >= 1", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ASpaceAloneAcceptsAnyParameterNames()
    {
        var space = SweepSpecParser.ParseSpace("parameters:\n  x1: {min: -5.0, max: 10.0}\n  c: {values: [a, b]}\n  y: {min: 0.001, max: 1.0, distribution: log_uniform, when: {c: a}}\n");
        Assert.Equal(["x1", "c", "y"], space.Parameters.Select(p => p.Name));
        Assert.Equal(new FloatDomain(0.001, 1.0, log: true), space.Parameters[2].Domain);
        Assert.NotNull(space.Parameters[2].When);
        var error = Assert.Throws<SpecException>(() => SweepSpecParser.ParseSpace("parameters:\n  x: {min: 2, max: 1}\n", "space.yaml"));
        Assert.Equal(2, error.Line);
        Assert.Throws<SpecException>(() => SweepSpecParser.ParseSpace("strategy: {method: tpe}\n"));
    }
}
