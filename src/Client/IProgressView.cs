namespace HyperSweep.Client;

/// <summary>Shows a sweep's progress while <c>poll</c> yields snapshots, until it returns null (the sweep ended or was interrupted).</summary>
public interface IProgressView
{
    Task<SweepSnapshot?> ShowAsync(Func<Task<SweepSnapshot?>> poll);
}
