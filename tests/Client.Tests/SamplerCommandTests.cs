using System.Text.Json;

namespace HyperSweep.Client.Tests;

/// <summary>validate on a TPE spec, and replay --sampler on a CSV table (no cluster needed).</summary>
public sealed class SamplerCommandTests
{
    private const string Table = """
        lr,hidden,optimizer,loss
        0.0001,64,adam,2.1
        0.001,64,adam,1.2
        0.01,64,adam,1.9
        0.0001,256,sgd,2.4
        0.001,256,sgd,1.0
        0.01,256,sgd,2.2
        0.001,128,adam,1.1
        0.0003,128,sgd,1.7
        0.003,512,adam,1.5
        0.03,512,sgd,2.8
        0.0003,512,adam,1.8
        0.003,64,sgd,1.4
        """;

    [DataFact(DataSets.Sst2)] // validate opens the data files the example names
    public async Task Validate_prints_the_effective_tpe_settings()
    {
        var spec = RepositoryPaths.Of("examples", "sst2-dan-tpe.yaml");
        var plain = await CliRun.InvokeAsync("validate", spec);
        Assert.Equal(0, plain.ExitCode);
        Assert.Contains("strategy: tpe, 30 trials", plain.Output, StringComparison.Ordinal);
        Assert.Contains("  n_startup_trials: 10", plain.Output, StringComparison.Ordinal);
        Assert.Contains("  constant_liar: true", plain.Output, StringComparison.Ordinal);
        Assert.Contains("  gamma: default (min(ceil(0.1*n), 25))", plain.Output, StringComparison.Ordinal);

        var json = await CliRun.InvokeAsync("validate", spec, "--json");
        using var document = JsonDocument.Parse(json.Output);
        var sampler = document.RootElement.GetProperty("sampler");
        Assert.Equal("tpe", sampler.GetProperty("method").GetString());
        Assert.Equal("false", sampler.GetProperty("settings").GetProperty("multivariate").GetString());
    }

    [Fact]
    public async Task Replay_runs_tpe_and_random_on_a_csv_table()
    {
        using var folder = new TempFolder();
        var table = folder.Write("grid.csv", Table);

        var run = await CliRun.InvokeAsync("replay", "--table", table, "--seeds", "4", "--budget", "12", "--json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal(12, document.RootElement.GetProperty("configurations").GetInt32());
        Assert.Equal(1.0, document.RootElement.GetProperty("table_best").GetDouble());
        var samplers = document.RootElement.GetProperty("samplers").EnumerateArray().ToList();
        Assert.Equal(["tpe", "random"], samplers.Select(s => s.GetProperty("sampler").GetString()));
        foreach (var sampler in samplers)
        {
            Assert.Equal(4, sampler.GetProperty("trials_to_table_best").GetArrayLength());
            Assert.True(sampler.GetProperty("best_after").GetProperty("12").GetProperty("median").GetDouble() >= 1.0);
        }

        var text = await CliRun.InvokeAsync("replay", "--table", table, "--sampler", "tpe", "--set", "n_startup_trials=3", "--seeds", "2", "--budget", "10");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("12 recorded configurations over 3 parameters, loss (minimize), table best 1", text.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown sampler 'tpx'", "--sampler", "tpx")]
    [InlineData("unknown TPE setting 'nope'", "--sampler", "tpe", "--set", "nope=1")]
    [InlineData("--direction must be minimize or maximize", "--direction", "up")]
    [InlineData("no column 'acc'", "--objective", "acc")]
    [InlineData("--seeds must be at least 1", "--seeds", "0")]
    public async Task Replay_refuses_bad_table_arguments_with_exit_2(string message, params string[] arguments)
    {
        using var folder = new TempFolder();
        var table = folder.Write("grid.csv", Table);

        var run = await CliRun.InvokeAsync(["replay", "--table", table, .. arguments]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_needs_a_sweep_or_a_table_and_one_of_pruner_or_sampler()
    {
        var none = await CliRun.InvokeAsync("replay");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("give a sweep (or --table FILE for a CSV)", none.Error, StringComparison.Ordinal);

        var both = await CliRun.InvokeAsync("replay", "some-sweep", "--pruner", "median", "--sampler", "tpe");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("not both", both.Error, StringComparison.Ordinal);
    }
}
