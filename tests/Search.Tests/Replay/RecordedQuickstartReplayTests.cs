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
        Assert.True(pruned.EpochsConsumed < unpruned.EpochsConsumed * 0.85, $"{pruned.EpochsConsumed} of {unpruned.EpochsConsumed} epochs");
        Assert.Equal(1, pruned.BestTrialRank);
        Assert.Equal(unpruned.TrueBestValue, pruned.BestValueFound);
        Assert.True(pruned.Makespan < unpruned.Makespan);
        Assert.All(pruned.Trials.Where(t => t.State == TrialState.Pruned), t => Assert.True(t.Decision!.ShouldPrune));
    }
}
