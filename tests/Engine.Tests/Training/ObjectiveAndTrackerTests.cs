using HyperSweep.Engine.Schema;
using HyperSweep.Search;
using HyperSweep.Engine.Data;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;

namespace HyperSweep.Engine.Tests.Training;

public sealed class ObjectiveAndTrackerTests
{
    [Fact]
    public void Improvement_respects_direction_and_min_delta()
    {
        var minimize = new Objective(MetricNames.ValLoss, StudyDirection.Minimize);
        var maximize = new Objective(MetricNames.ValAccuracy, StudyDirection.Maximize);

        Assert.True(minimize.IsImprovement(1.0, null));
        Assert.True(minimize.IsImprovement(0.8, 1.0, minDelta: 0.1));
        Assert.False(minimize.IsImprovement(0.95, 1.0, minDelta: 0.1));
        Assert.True(maximize.IsImprovement(0.7, 0.6));
        Assert.False(maximize.IsImprovement(0.5, 0.6));
        Assert.False(maximize.IsImprovement(double.NaN, null));
    }

    [Fact]
    public void Tracker_counts_epochs_without_improvement_and_remembers_the_best_epoch()
    {
        var tracker = new ImprovementTracker(new Objective(MetricNames.ValAccuracy, StudyDirection.Maximize), minDelta: 0.01);

        Assert.True(tracker.Observe(1, 0.50));
        Assert.True(tracker.Observe(2, 0.60));
        Assert.False(tracker.Observe(3, 0.605));
        Assert.False(tracker.Observe(4, 0.55));

        Assert.Equal((0.60, 2, 2), (tracker.Best!.Value, tracker.BestEpoch!.Value, tracker.EpochsWithoutImprovement));
        tracker.ResetPatience();
        Assert.Equal(0, tracker.EpochsWithoutImprovement);
    }

    [Fact]
    public void Objective_validation_rejects_unknown_metrics_and_metrics_the_task_lacks()
    {
        Assert.Contains("unknown metric 'f1'", Assert.Throws<SchemaException>(() => MetricSchema.Check(new Objective("f1", StudyDirection.Maximize), TaskKind.Classification)).Message);
        Assert.Contains("language_model task has no metric 'val_accuracy'", Assert.Throws<SchemaException>(() => MetricSchema.Check(new Objective(MetricNames.ValAccuracy, StudyDirection.Maximize), TaskKind.LanguageModel)).Message);
        MetricSchema.Check(new Objective(MetricNames.ValLoss, StudyDirection.Minimize), TaskKind.LanguageModel);
        Assert.Equal(MetricSchema.DefaultObjective(TaskKind.LanguageModel), new Objective(MetricNames.ValPerplexity, StudyDirection.Minimize));
    }

    [Fact]
    public void Epoch_metrics_expose_only_the_metrics_the_task_has_by_contract_name()
    {
        var metrics = new EpochMetrics(3, 0.7, 0.6, 0.81, null, 1e-3);

        Assert.True(new[] { MetricNames.TrainLoss, MetricNames.ValLoss, MetricNames.ValAccuracy }.ToHashSet().SetEquals(metrics.ToDictionary().Keys));
        Assert.Equal(0.81, metrics.Get(MetricNames.ValAccuracy));
        Assert.Null(metrics.Get(MetricNames.ValPerplexity));
    }
}
