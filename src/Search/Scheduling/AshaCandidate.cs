namespace HyperSweep.Search.Scheduling;

/// <summary>A trial that may be promoted past rung <paramref name="Rung"/> (at <paramref name="Step"/>) of a bracket, with its value there.</summary>
internal sealed record AshaCandidate(int Bracket, int Rung, int Step, int Trial, double Value);
