using HyperSweep.Engine.Schema;
using System.Globalization;
using HyperSweep.Search.Pruning;
using HyperSweep.Search.Replay;
using HyperSweep.Search.Sampling;
using HyperSweep.Search.Spec;

namespace HyperSweep.Search.Tests.Replay;

/// <summary>
/// Replays learning curves the Engine recorded for examples/quickstart.yaml and checks what the example's
/// comment promises: the spec's pruner saves epochs and still finds a model as good as the best one.
/// </summary>
public sealed class RecordedQuickstartReplayTests
{
    private static readonly SweepSpec Spec = SweepSpecParser.ParseFile(Path.Combine(RepositoryPaths.Root, "examples", "quickstart.yaml"), EngineSchema.Instance);

    private static List<RecordedCurve> Curves()
    {
        var grid = Assert.IsType<GridSampler>(Spec.CreateSampler());
        var curves = new List<RecordedCurve>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Replay", "quickstart-curves.tsv")))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }
            var cells = line.Split('\t');
            var parameters = grid.ParametersFor(long.Parse(cells[0], CultureInfo.InvariantCulture));
            Assert.Equal(cells[1], parameters.Key);   // the fixture still matches the example's grid order
            curves.Add(new RecordedCurve(parameters, cells.Skip(2).Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray()));
        }
        return curves;
    }

    [Fact]
    public void TheSpecsPrunerSavesEpochsWithoutLosingTheBestModel()
    {
        var curves = Curves();
        Assert.Equal(Spec.TrialCount(Spec.CreateSampler()), curves.Count);

        var unpruned = ReplaySimulator.Run(curves, new NopPruner(), Spec.Concurrency, Spec.Objective.Direction);
        var pruned = ReplaySimulator.Run(curves, Spec.CreatePruner(), Spec.Concurrency, Spec.Objective.Direction);

        Assert.Equal(unpruned.EpochsWithoutPruning, unpruned.EpochsConsumed);
        Assert.True(pruned.EpochsConsumed < unpruned.EpochsConsumed, $"{pruned.EpochsConsumed} of {unpruned.EpochsConsumed} epochs");
        Assert.Equal(1, pruned.BestTrialRank);
        Assert.Equal(unpruned.TrueBestValue, pruned.BestValueFound);
        Assert.True(pruned.Makespan < unpruned.Makespan);
        Assert.All(pruned.Trials.Where(t => t.State == TrialState.Pruned), t => Assert.True(t.Decision!.ShouldPrune));
    }

    /// <summary>
    /// The lesson the example teaches (its header comment): the grid's last parameter varies fastest, so the first four
    /// trials — the median pruner's start-up set — are one of each architecture, and the pruner stops the DANs and Elman
    /// RNNs that cannot learn agreement after the warm-up, while no configuration is stopped before the RNNs had their
    /// chance to find the subject (epoch 3).
    /// </summary>
    [Fact]
    public void TheStartupSetHoldsEveryArchitectureAndThePrunerStopsTheOnesThatCannotLearn()
    {
        var curves = Curves();
        Assert.Equal(["dan", "elman", "lstm", "gru"], curves.Take(4).Select(c => c.Parameters.Keys.Contains("cell") ? (string)c.Parameters["cell"] : (string)c.Parameters["arch"]));

        var pruned = ReplaySimulator.Run(curves, Spec.CreatePruner(), Spec.Concurrency, Spec.Objective.Direction);

        var cannotLearn = pruned.Trials.Skip(4).Where(t => t.FullBest < 0.95).ToList();
        Assert.NotEmpty(cannotLearn);
        Assert.All(cannotLearn, t => Assert.True(t.State == TrialState.Pruned, $"trial {t.Trial} (best {t.FullBest}) was not pruned"));
        Assert.All(pruned.Trials.Where(t => t.State == TrialState.Pruned), t => Assert.True(t.EpochsRun >= 3, $"trial {t.Trial} pruned at epoch {t.EpochsRun}"));
    }
}
