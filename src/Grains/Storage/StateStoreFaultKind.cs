namespace HyperSweep.Grains.Storage;

/// <summary>Why a silo's state store stopped accepting work.</summary>
public enum StateStoreFaultKind
{
    /// <summary>The disk holding the state ran out of space (SQLite: database or disk is full); nothing is lost, the last write is not stored.</summary>
    Full,

    /// <summary>The state file is damaged (not a database, malformed pages, or a row whose checksum does not match).</summary>
    Corrupt,

    /// <summary>The cluster's store lost its data while silos ran (Redis restarted without its append-only file).</summary>
    Lost,
}
