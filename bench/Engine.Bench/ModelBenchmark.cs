using System.Diagnostics;
using HyperSweep.Engine.Models;

namespace HyperSweep.Engine.Bench;

/// <summary>
/// Trains one <see cref="ModelWorkload"/> for warm-up plus timed steps through a <see cref="StepRunner"/> (one
/// step = zero gradients, forward, backward, clipping, optimizer update, as bench.py's PyTorch step) and reports
/// the medians. Peak memory is the process' resident high-water mark (VmHWM), reset before the model is built
/// (Linux /proc/self/clear_refs), so it covers this model only when it is the first or only one of the process.
/// </summary>
public static class ModelBenchmark
{
    public static ModelMeasurement Run(ModelShape shape, int warmupSteps, int timedSteps, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timedSteps, 1);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        ResetPeakResidentMemory();

        var workload = ModelWorkload.Create(shape);
        var runner = new StepRunner(workload.Model, workload.Optimizer);
        var losses = new List<float>();
        var step = 0;
        for (; step < warmupSteps; step++)
        {
            losses.Add(runner.Train(workload.Batches[step % workload.Batches.Count], null));
        }

        var wall = new double[timedSteps];
        var cpu = new double[timedSteps];
        var process = Process.GetCurrentProcess();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < timedSteps; i++, step++)
        {
            var batch = workload.Batches[step % workload.Batches.Count];
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            losses.Add(runner.Train(batch, null));
            wall[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            process.Refresh();
            cpu[i] = (process.TotalProcessorTime - cpuStart).TotalMilliseconds;
        }

        // The Process object's Refresh allocates a little per call; it is counted here, and it is small next to a model's tensors.
        var allocatedPerStep = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)timedSteps;
        var medianMs = Median(wall);
        var seconds = medianMs / 1e3;
        return new ModelMeasurement(
            shape.Name, threads, timedSteps, medianMs, Median(cpu), shape.Batch / seconds, workload.TokensPerStep / seconds,
            workload.FlopsPerStep / seconds / 1e9, PeakResidentMegabytes(), allocatedPerStep / 1024.0, losses[0], losses[^1]);
    }

    /// <summary>bench.py's (warm-up, timed) steps for each model family.</summary>
    public static (int Warmup, int Timed) DefaultSteps(ModelKind kind) => kind switch
    {
        ModelKind.Dan => (10, 40),
        ModelKind.Nplm => (10, 60),
        ModelKind.RnnClassifier => (5, 40),
        _ => (2, 10),
    };

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void ResetPeakResidentMemory()
    {
        try
        {
            // "5" resets the peak RSS (VmHWM) to the current RSS (Linux ≥ 4.0); elsewhere the peak covers the whole process.
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static double PeakResidentMegabytes()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                    return kilobytes / 1024.0;
                }
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
