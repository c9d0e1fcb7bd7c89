using System.Diagnostics;
using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Bench;

/// <summary>
/// Times GEMM backends on the trainer's shapes. For each shape the backends take turns sample by sample,
/// so they share the machine's noise and their ratio is meaningful even when absolute times drift.
/// </summary>
public sealed class GemmBenchmark(GemmBenchmarkOptions options)
{
    private const double SampleSeconds = 0.05;
    private const double WarmUpSeconds = 0.05;

    public IEnumerable<GemmMeasurement> Run(IReadOnlyList<GemmShape> shapes, IReadOnlyList<IGemm> backends)
    {
        foreach (var shape in shapes)
        {
            foreach (var measurement in RunShape(shape, backends))
            {
                yield return measurement;
            }
        }
    }

    private IEnumerable<GemmMeasurement> RunShape(GemmShape shape, IReadOnlyList<IGemm> backends)
    {
        var random = new Random(1);
        var a = RandomValues(shape.M * shape.K, random);
        var b = RandomValues(shape.K * shape.N, random);
        var c = RandomValues(shape.M * shape.N, random);
        var timed = backends.Where(backend => backend is not NaiveGemm || shape.Flops <= options.NaiveMaxGflop * 1e9).ToList();

        // Warm up every backend (JIT tiers, packing buffers, OpenBLAS' own buffers), then size each
        // sample from a warm timing so it lasts about SampleSeconds.
        var callsPerSample = new int[timed.Count];
        for (var i = 0; i < timed.Count; i++)
        {
            var calls = 0;
            var warmUp = Stopwatch.StartNew();
            while (calls < 3 || warmUp.Elapsed.TotalSeconds < WarmUpSeconds)
            {
                Time(timed[i], shape, a, b, c, 1);
                calls++;
            }

            var warm = Time(timed[i], shape, a, b, c, 1);
            callsPerSample[i] = Math.Max(1, (int)(SampleSeconds / Math.Max(warm, 1e-7)));
        }

        var samples = timed.Select(_ => new List<double>()).ToArray();
        var cpuSamples = timed.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < options.Samples; round++)
        {
            for (var i = 0; i < timed.Count; i++)
            {
                // The naive kernel gets few samples: it only shows the order of magnitude.
                if (timed[i] is NaiveGemm && round >= 3)
                {
                    continue;
                }

                var cpuStart = Environment.CpuUsage.TotalTime;
                samples[i].Add(Time(timed[i], shape, a, b, c, callsPerSample[i]) / callsPerSample[i]);
                cpuSamples[i].Add((Environment.CpuUsage.TotalTime - cpuStart).TotalSeconds / callsPerSample[i]);
            }
        }

        for (var i = 0; i < timed.Count; i++)
        {
            yield return new GemmMeasurement(shape, timed[i].Name, Median(samples[i]), Median(cpuSamples[i]), callsPerSample[i]);
        }
    }

    private static double Time(IGemm gemm, GemmShape shape, float[] a, float[] b, float[] c, int calls)
    {
        var start = Stopwatch.GetTimestamp();
        for (var call = 0; call < calls; call++)
        {
            gemm.Multiply(a, b, c, shape.M, shape.N, shape.K, shape.TransposeA, shape.TransposeB, shape.Accumulate);
        }

        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static float[] RandomValues(int length, Random random)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1) * 0.1f;
        }

        return values;
    }
}
