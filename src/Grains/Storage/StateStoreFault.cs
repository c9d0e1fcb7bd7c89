namespace HyperSweep.Grains.Storage;

/// <summary>
/// What went wrong with the state store, said once in words an operator can act on: <see cref="Message"/> names the
/// file or server and what to do (free space, restore a backup, move the file aside). <see cref="Path"/> is the state
/// file (dev mode) or the store's address (cluster mode).
/// </summary>
public sealed record StateStoreFault(StateStoreFaultKind Kind, string Path, string Message);
