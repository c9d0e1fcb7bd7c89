namespace HyperSweep.Engine.Bench;

/// <summary>
/// One model's timed steps: median wall time per step, median CPU time per step, throughput, FLOP rate,
/// the process' peak resident memory while the model ran, and managed bytes allocated per timed step.
/// </summary>
public sealed record ModelMeasurement(
    string Model,
    int Threads,
    int Steps,
    double MedianMilliseconds,
    double MedianCpuMilliseconds,
    double ExamplesPerSecond,
    double TokensPerSecond,
    double Gflops,
    double PeakMegabytes,
    double AllocatedKilobytesPerStep,
    float FirstLoss,
    float LastLoss);
