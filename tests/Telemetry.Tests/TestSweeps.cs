namespace HyperSweep.Telemetry.Tests;

/// <summary>
/// A small sweep for the synthetic workload: eight trials in grid order, one at a time (so the order of reports,
/// and therefore which trials the median pruner stops, does not depend on scheduling). The synthetic loss floor
/// is a hash of the parameters and seed, so the curves differ and the median pruner stops some trials (the tests
/// check that it did, rather than assume it).
/// </summary>
internal static class TestSweeps
{
    public const int Trials = 8;
    public const int MaxEpochs = 5;

    public static string PrunedSweep(string name) => $$"""
        name: {{name}}
        task:
          kind: classification
          data: {source: agreement}
        objective: {metric: val_loss, direction: minimize}
        strategy: {method: grid, seed: 1}
        parameters:
          lr: {values: [0.1, 0.01, 0.001, 0.0001]}
          hidden_size: {values: [16, 32]}
        pruner: {name: median, n_startup_trials: 2, n_warmup_steps: 1}
        budget: {max_epochs: {{MaxEpochs}}}
        concurrency: 1
        """;
}
