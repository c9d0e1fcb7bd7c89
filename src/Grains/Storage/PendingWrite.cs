namespace HyperSweep.Grains.Storage;

/// <summary>One write (or clear) waiting for <see cref="SqliteGrainStorage"/>'s next group commit.</summary>
internal sealed record PendingWrite(string StateName, string GrainId, byte[]? Data, string? ETag, long? ExpectedVersion, bool Clear)
{
    /// <summary>Completed once the transaction holding this write has committed (or failed for this write).</summary>
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The row's version after the commit (the caller's new ETag).</summary>
    public long NewVersion { get; set; }
}
