namespace HyperSweep.Engine.Bench;

/// <summary>
/// The timing of one backend on one shape: medians over the timed samples of wall-clock time and of the
/// process' CPU time per call (on a shared machine the CPU time leaves out the time other jobs ran).
/// </summary>
public sealed record GemmMeasurement(GemmShape Shape, string Backend, double MedianSeconds, double MedianCpuSeconds, int CallsPerSample)
{
    public double Gflops => Shape.Flops / MedianSeconds / 1e9;

    public double CpuGflops => Shape.Flops / MedianCpuSeconds / 1e9;
}
