namespace HyperSweep.Client.Tests;

/// <summary>Small sweep specs for the query tests (run with the synthetic workload: the curves come from a hash of the parameters).</summary>
internal static class SweepSpecs
{
    /// <summary>6 grid trials of 5 epochs under an eager median pruner: some complete, some are pruned.</summary>
    public const string Finished = """
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

    /// <summary>A long random sweep (many trials, one at a time) that is still running while a test pauses, resumes and cancels it.</summary>
    public const string Long = """
        name: cli-long
        task:
          kind: classification
          data:
            source: agreement
        objective:
          metric: val_loss
          direction: minimize
        strategy:
          method: random
          trials: 100000
          seed: 5
        parameters:
          lr:
            min: 0.0001
            max: 0.1
            distribution: log_uniform
        budget:
          max_epochs: 50
        concurrency: 1
        """;
}
