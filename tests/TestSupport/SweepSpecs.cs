namespace HyperSweep.TestSupport;

/// <summary>
/// Sweep specs (the YAML a user writes) that tests run on the synthetic workload, whose curves come from a hash of
/// the parameters and seed (src/Grains/Workloads/SyntheticTrialWorkload.cs): one place for every test project.
/// Grain-logic tests with synthetic knobs use their own compact JSON form (tests/Grains.Tests/Cluster/TestSpec.cs).
/// </summary>
public static class SweepSpecs
{
    public const int PrunedGridTrials = 8;
    public const int PrunedGridEpochs = 5;

    /// <summary>Random search over lr (log-uniform) and hidden_size, no pruner, minimising val_loss.</summary>
    public static string Random(int trials, int epochs, int concurrency, int seed = 1, string name = "random-test") => $$"""
        name: {{name}}
        task:
          kind: classification
          data: {source: agreement}
        objective: {metric: val_loss, direction: minimize}
        strategy: {method: random, trials: {{trials}}, seed: {{seed}}}
        parameters:
          lr: {min: 0.0001, max: 0.1, distribution: log_uniform}
          hidden_size: {values: [16, 32, 64, 128]}
        pruner: {name: none}
        budget: {max_epochs: {{epochs}}}
        concurrency: {{concurrency}}
        """;

    /// <summary>
    /// <see cref="PrunedGridTrials"/> grid trials one at a time (so the order of reports, and which trials the median
    /// pruner stops, does not depend on scheduling). The curves differ, so the pruner stops some trials (tests check
    /// that it did rather than assume it).
    /// </summary>
    public static string PrunedGrid(string name) => $$"""
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
        budget: {max_epochs: {{PrunedGridEpochs}}}
        concurrency: 1
        """;

    /// <summary>6 grid trials of 5 epochs under an eager median pruner, maximising val_accuracy: some complete, some are pruned.</summary>
    public const string SmallGrid = """
        name: cli-fixture
        task:
          kind: classification
          data:
            source: agreement
            size: 200
            dev_size: 50
        model:
          embedding_dim: 8
        objective:
          metric: val_accuracy
          direction: maximize
        strategy:
          method: grid
          seed: 3
        parameters:
          hidden_size:
            values: [8, 16, 32]
          lr:
            values: [0.01, 0.003]
        pruner:
          name: median
          n_startup_trials: 1
          n_warmup_steps: 0
        budget:
          max_epochs: 5
        concurrency: 2
        """;
}
