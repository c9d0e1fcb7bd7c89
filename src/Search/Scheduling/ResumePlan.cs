namespace HyperSweep.Search.Scheduling;

/// <summary>
/// What a scheduler wants resumed now: paused trials to queue again (each resumes from its checkpoint), and the
/// exploitations to apply first (PBT: each exploiting trial adopts its donor's checkpoint before anything resumes).
/// Exploitations are listed once: after they were applied (<see cref="SearchSession.Exploit"/>) the same plan comes
/// back without them, so a coordinator that crashed between the two finishes the adoptions and resumes.
/// </summary>
/// <param name="Trials">The paused trials to resume, in order.</param>
/// <param name="Exploits">Exploitations not yet applied (empty for ASHA promotions).</param>
/// <param name="Reason">Why, for logs and the trial's row ("promoted from rung 1: …", "generation 2 begins").</param>
/// <param name="Promotes">The resume is a promotion past a rung (ASHA), not the start of a generation (PBT).</param>
public sealed record ResumePlan(IReadOnlyList<int> Trials, IReadOnlyList<Exploitation> Exploits, string Reason, bool Promotes = false);
