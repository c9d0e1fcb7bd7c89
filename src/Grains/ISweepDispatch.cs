namespace HyperSweep.Grains;

/// <summary>
/// A coordinator's message to itself (internal to the silo): "start what can start now and persist". Trial outcomes
/// and prune verdicts only queue it, so outcomes that arrive together are handled by one dispatch with one write
/// instead of one write and one round of start calls each, while the coordinator answers reports at once.
/// </summary>
[Alias("HyperSweep.ISweepDispatch")]
public interface ISweepDispatch : IGrainWithStringKey
{
    /// <summary>One-way: it queues behind the reports already waiting, so one dispatch covers all of them.</summary>
    [Alias("DispatchQueued"), Orleans.Concurrency.OneWay]
    Task DispatchQueued();
}
