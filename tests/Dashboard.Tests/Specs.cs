namespace HyperSweep.Dashboard.Tests;

/// <summary>Sweep specs the dashboard tests run (synthetic workload: curves come from a hash of the parameters).</summary>
internal static class Specs
{
    /// <summary>The quickstart's 16-trial grid (DAN vs three RNN cells x 2 sizes x 2 rates, 6 epochs, median pruning).</summary>
    public static string Quickstart => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "quickstart.yaml"));

    /// <summary>
    /// ASHA with promotions over eight synthetic configurations, one at a time (so the order is fixed): trial 1 (the best)
    /// pauses alone at rung 1 and is promoted from there when trial 3 reaches it.
    /// </summary>
    public const string Asha = """
        name: dash-asha
        task:
          kind: classification
          data:
            source: agreement
        objective:
          metric: val_loss
          direction: minimize
        strategy:
          method: grid
          seed: 5
        parameters:
          synthetic_floor:
            values: [0.9, 0.2, 0.7, 0.4, 0.8, 0.3, 0.6, 0.5]
        scheduler:
          name: asha
          min_resource: 1
          reduction_factor: 2
        budget:
          max_epochs: 4
        concurrency: 1
        """;

    /// <summary>A sweep that keeps running (one trial at a time, many of them) while a test watches, pauses or probes it.</summary>
    public const string Live = """
        name: dash-live
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
