using HyperSweep.Search.Pruning;

namespace HyperSweep.Search.Tests;

public sealed class StudyTests
{
    [Fact]
    public void ARepeatedStepKeepsTheFirstValueAndLastStepIsTheLargest()
    {
        var study = new Study("s", StudyDirection.Minimize);
        Assert.True(study.Report(0, 4, 0.5));
        Assert.True(study.Report(0, 2, 0.9));
        Assert.False(study.Report(0, 4, 0.1));

        var trial = study.Trial(0);
        Assert.Equal(0.5, trial.ValueAt(4));
        Assert.Equal(4, trial.LastStep);
        Assert.Equal(2, trial.SecondLastStep);
        Assert.Equal(0.5, trial.BestMinimum);
        Assert.Equal(0.9, trial.BestMaximum);
    }

    [Fact]
    public void NaNNeverBecomesTheBestValue()
    {
        var study = new Study("s", StudyDirection.Maximize);
        study.Report(0, 0, double.NaN);
        Assert.True(double.IsNaN(study.Trial(0).Best(StudyDirection.Maximize)));
        study.Report(0, 1, 0.3);
        study.Report(0, 2, double.NaN);
        Assert.Equal(0.3, study.Trial(0).Best(StudyDirection.Maximize));
    }

    [Fact]
    public void OnlyCompleteTrialsCountAndSetTheLongestLastStep()
    {
        var study = new Study("s", StudyDirection.Minimize);
        study.Report(0, 7, 1.0);
        study.Finish(0, TrialState.Pruned);
        study.Create(1);
        study.Finish(1, TrialState.Completed);   // completed without reports
        study.Report(2, 3, 1.0);
        study.Finish(2, TrialState.Completed);

        Assert.Equal(2, study.CompletedCount);
        Assert.Equal(3, study.MaxCompletedLastStep);
    }

    [Fact]
    public void AFinishedTrialCannotReportOrFinishAgain()
    {
        var study = new Study("s", StudyDirection.Minimize);
        study.Report(0, 0, 1.0);
        study.Finish(0, TrialState.Failed);
        Assert.Throws<InvalidOperationException>(() => study.Report(0, 1, 1.0));
        Assert.Throws<InvalidOperationException>(() => study.Finish(0, TrialState.Completed));
        Assert.Throws<ArgumentOutOfRangeException>(() => study.Report(1, -1, 1.0));
    }
}
