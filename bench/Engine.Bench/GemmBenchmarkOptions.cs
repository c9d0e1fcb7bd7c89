namespace HyperSweep.Engine.Bench;

/// <param name="Samples">Timed samples per backend and shape; the median is reported.</param>
/// <param name="NaiveMaxGflop">The naive kernel runs only on shapes of at most this many GFLOP per call.</param>
public sealed record GemmBenchmarkOptions(int Samples, double NaiveMaxGflop);
