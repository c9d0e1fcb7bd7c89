namespace HyperSweep.Contracts;

/// <summary>What a <see cref="SweepState"/> means.</summary>
public static class SweepStates
{
    /// <summary>Completed, Cancelled and Failed: nothing more happens to the sweep.</summary>
    public static bool IsFinal(this SweepState state) => state is SweepState.Completed or SweepState.Cancelled or SweepState.Failed;
}
