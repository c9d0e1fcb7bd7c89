namespace HyperSweep.Contracts;

/// <summary>
/// A trial's running attempt gives itself back to its sweep without ending the trial: its silo is leaving (SIGTERM,
/// preemption) after the attempt checkpointed at a batch boundary, or the hung-trial watchdog abandoned it. The sweep
/// starts a new attempt, which resumes from that checkpoint. Ignored unless <see cref="Attempt"/> is the running one.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.TrialHandBack")]
public sealed record TrialHandBack(
    [property: Id(0)] int Trial,
    [property: Id(1)] int Attempt,
    [property: Id(2)] string Reason);
