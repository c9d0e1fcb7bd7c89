using System.Text.Json;
using HyperSweep.Contracts;
using HyperSweep.Silo;

namespace HyperSweep.Client.Tests;

/// <summary>
/// A PBT sweep (synthetic workload, on a dev silo in this process) through the CLI: <c>trials</c>, <c>trial</c>, export and plot show
/// each exploitation — whose checkpoint, after which epoch, which parameters changed — and the per-epoch export gives
/// every epoch the parameters it trained with.
/// </summary>
public sealed class PbtCommandTests : IDisposable
{
    private const string Spec = """
        name: pbt-cli
        task:
          kind: classification
          data: {source: agreement}
        objective: {metric: val_loss, direction: minimize}
        strategy: {method: random, seed: 3}
        budget: {max_epochs: 4}
        concurrency: 4
        parameters:
          synthetic_floor: {min: 0.1, max: 1.5}
        scheduler: {name: pbt, population: 4, interval: 2, quantile: 0.25, resample_probability: 0.0, perturb: {synthetic_floor: [0.5, 2.0]}}
        """;

    private readonly TempFolder _directory = new("hs-pbt-cli-");

    [Fact]
    public async Task Trials_trial_export_and_plot_show_the_lineage_of_each_exploitation()
    {
        var state = _directory.Combine("state");
        await using var silo = await DevSilo.StartAsync(new HyperSweepSiloOptions
        {
            Mode = SiloMode.Dev, StateDir = state, SiloPort = 0, GatewayPort = 0, Slots = 4, Workload = WorkloadKind.Synthetic,
        }, CancellationToken.None);
        // Submitted to the coordinator directly: the CLI checks specs against the Engine's schema, which has no synthetic_* knobs.
        var id = SweepIds.New();
        Assert.True((await silo.Grains.GetGrain<ISweepGrain>(id).Submit(new SweepSubmission(Spec, "pbt.yaml"))).Accepted);
        await Poll.UntilValue(() => silo.Grains.GetGrain<ISweepGrain>(id).GetStatus(), s => s!.IsFinal, TimeSpan.FromMinutes(2), "the PBT sweep's end");
        var status = await CliRun.InvokeAsync("watch", id, "--json", "--state-dir", state);
        using var report = JsonDocument.Parse(status.Output);
        Assert.Equal("PBT", report.RootElement.GetProperty("scheduler").GetProperty("name").GetString());
        var exploited = report.RootElement.GetProperty("trials").EnumerateArray().Single(t => t.GetProperty("lineage").GetArrayLength() == 1);
        var number = exploited.GetProperty("number").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var lineage = exploited.GetProperty("lineage")[0];
        Assert.Equal(2, lineage.GetProperty("epoch").GetInt32());
        Assert.True(lineage.GetProperty("adopted").GetBoolean());
        var after = lineage.GetProperty("after").GetProperty("synthetic_floor").GetDouble();
        Assert.Equal(after, exploited.GetProperty("params").GetProperty("synthetic_floor").GetDouble());

        var trial = await CliRun.InvokeAsync("trial", id, number, "--state-dir", state);
        Assert.Contains($"lineage: after epoch 2 continued from trial {lineage.GetProperty("donor").GetInt32()}'s checkpoint: synthetic_floor", trial.Output, StringComparison.Ordinal);
        var trials = await CliRun.InvokeAsync("trials", id, "--state-dir", state);
        Assert.Contains($"from trial {lineage.GetProperty("donor").GetInt32()} after epoch 2", trials.Output, StringComparison.Ordinal);

        var perEpoch = await CliRun.InvokeAsync("export", id, "--per-epoch", "--format", "json", "--state-dir", state);
        using var rows = JsonDocument.Parse(perEpoch.Output);
        var floors = rows.RootElement.EnumerateArray().Where(r => r.GetProperty("trial").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) == number)
            .OrderBy(r => r.GetProperty("epoch").GetInt32()).Select(r => r.GetProperty("synthetic_floor").GetDouble()).ToList();
        Assert.Equal(4, floors.Count);
        Assert.Equal(lineage.GetProperty("before").GetProperty("synthetic_floor").GetDouble(), floors[1]); // epochs 1-2: its own
        Assert.Equal(after, floors[2]);                                                                      // epochs 3-4: the explored value

        var png = _directory.Combine("curves.png");
        var plot = await CliRun.InvokeAsync("plot", id, "-o", png, "-k", "4", "--state-dir", state);
        Assert.Equal(0, plot.ExitCode);
        Assert.True(new FileInfo(png).Length > 1000);
    }

    public void Dispose() => _directory.Dispose();
}
