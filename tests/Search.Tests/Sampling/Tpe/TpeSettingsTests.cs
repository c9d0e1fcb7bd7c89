using HyperSweep.Search.Sampling.Tpe;

namespace HyperSweep.Search.Tests.Sampling.Tpe;

public sealed class TpeSettingsTests
{
    [Fact]
    public void DefaultsAreOptuna31s()
    {
        var settings = TpeSettings.From(new Dictionary<string, object?>());
        Assert.Equal(new TpeSettings(), settings);
        Assert.Equal(10, settings.NStartupTrials);
        Assert.Equal(24, settings.NEiCandidates);
        Assert.Same(TpeGamma.Default, settings.Gamma);
        Assert.Same(TpeWeights.Default, settings.Weights);
        Assert.True(settings.ConsiderPrior && settings.ConsiderMagicClip);
        Assert.False(settings.ConsiderEndpoints || settings.Multivariate || settings.Group || settings.ConstantLiar);
        Assert.Equal(TpeDensity.Optuna31, settings.Density);
    }

    [Fact]
    public void EverySettingIsReadByItsOptunaName()
    {
        var settings = TpeSettings.From(new Dictionary<string, object?>
        {
            ["n_startup_trials"] = 5L, ["n_ei_candidates"] = 64L, ["gamma"] = "hyperopt", ["weights"] = "uniform", ["prior_weight"] = 0.5,
            ["consider_prior"] = false, ["consider_magic_clip"] = false, ["consider_endpoints"] = true, ["multivariate"] = true,
            ["group"] = true, ["constant_liar"] = true, ["density"] = "corrected", ["distinct_running"] = false,
        });
        Assert.Equal(new TpeSettings
        {
            NStartupTrials = 5, NEiCandidates = 64, Gamma = TpeGamma.Hyperopt, Weights = TpeWeights.Uniform, PriorWeight = 0.5, ConsiderPrior = false,
            ConsiderMagicClip = false, ConsiderEndpoints = true, Multivariate = true, Group = true, ConstantLiar = true, Density = TpeDensity.Corrected,
            DistinctRunning = false,
        }, settings);
        Assert.Equal(TpeSettings.Names, settings.Describe().Select(d => d.Key));
    }

    [Theory]
    [InlineData("n_startup", 1L, "unknown TPE setting 'n_startup'")]
    [InlineData("n_ei_candidates", 0L, "n_ei_candidates must be an integer >= 1, not 0")]
    [InlineData("gamma", "quarter", "unknown gamma 'quarter'")]
    [InlineData("weights", "ramp", "unknown weights 'ramp'")]
    [InlineData("prior_weight", 0L, "prior_weight must be a number > 0")]
    [InlineData("multivariate", "yes", "multivariate must be true or false")]
    [InlineData("group", true, "group needs multivariate: true")]
    [InlineData("density", "exact", "unknown density 'exact'")]
    public void BadSettingsAreRefusedNamingTheSetting(string name, object value, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => TpeSettings.From(new Dictionary<string, object?> { [name] = value }));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(name, error.ParamName);
    }
}
