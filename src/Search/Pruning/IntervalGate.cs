namespace HyperSweep.Search.Pruning;

/// <summary>
/// Optuna's "first report at or after each pruning point" gate (TRACES.md §4): a check happens at the
/// first reported step at or beyond warmup + k·interval — not at steps where (step-warmup) % interval == 0.
/// </summary>
internal static class IntervalGate
{
    public static bool IsFirstInInterval(StudyTrial trial, int step, int warmupSteps, int intervalSteps)
    {
        var nearestLowerPruningStep = (step - warmupSteps) / intervalSteps * intervalSteps + warmupSteps;
        // `step` is the trial's largest step, so the second-largest key is "the largest other than step".
        return trial.SecondLastStep < nearestLowerPruningStep;
    }
}
