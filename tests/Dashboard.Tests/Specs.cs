namespace HyperSweep.Dashboard.Tests;

/// <summary>Sweep specs the dashboard tests run (synthetic workload: curves come from a hash of the parameters).</summary>
internal static class Specs
{
    /// <summary>The quickstart's 16-trial grid (DAN vs three RNN cells x 2 sizes x 2 rates, 6 epochs, median pruning).</summary>
    public static string Quickstart => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "quickstart.yaml"));

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
