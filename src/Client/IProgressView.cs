namespace HyperSweep.Client;

/// <summary>Shows a sweep's progress while <c>poll</c> yields snapshots, until it returns null (the sweep ended or was interrupted).</summary>
public interface IProgressView
{
    /// <summary>Whether the view shows the trial table; when false, snapshots may carry an empty one.</summary>
    bool ShowsTrials { get; }

    Task<SweepSnapshot?> ShowAsync(Func<Task<SweepSnapshot?>> poll);
}
