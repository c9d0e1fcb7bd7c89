namespace HyperSweep.Silo;

/// <summary>How a silo finds its cluster and keeps its state.</summary>
public enum SiloMode
{
    /// <summary>One machine: localhost clustering on 127.0.0.1, state in SQLite under the state directory.</summary>
    Dev,
    /// <summary>Several nodes on Redis (membership, grain state, reminders); see issue 7.</summary>
    Cluster,
}
