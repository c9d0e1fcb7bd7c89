using HyperSweep.Search.Spaces;

namespace HyperSweep.Scheduler.Bench;

/// <summary>One configuration trained to the end: its objective per epoch and the core-seconds each epoch took.</summary>
internal sealed record RecordedTrial(int Seed, int Trial, TrialParameters Parameters, IReadOnlyList<double> Values, IReadOnlyList<double> Seconds);
