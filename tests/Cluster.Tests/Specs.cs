namespace HyperSweep.Cluster.Tests;

/// <summary>Sweep specs for the synthetic workload (its per-epoch time is set on the silos).</summary>
internal static class Specs
{
    public static string Random(int trials, int epochs, int concurrency, int seed = 1) => $$"""
        name: cluster-test
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
}
