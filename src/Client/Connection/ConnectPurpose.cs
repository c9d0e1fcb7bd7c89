namespace HyperSweep.Client.Connection;

/// <summary>Why a command connects: reads may use a short-lived silo; work that must outlive the command needs a long-lived one.</summary>
public enum ConnectPurpose
{
    /// <summary>Queries and control messages (ls, status, cancel, ...): any silo of the target will do, even one started just for this command.</summary>
    Read = 0,

    /// <summary>Work that must keep running after the command exits (submit): a long-lived silo is required.</summary>
    LongLived = 1,

    /// <summary>
    /// A command that drives a sweep to its end from this process (run): in dev mode the silo already holding the state
    /// directory, or else one hosted in this process for as long as the command runs (<see cref="EmbeddedSiloOptions"/>).
    /// </summary>
    Run = 2,
}
