using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using HyperSweep.Engine.Autodiff;
using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Ops;

/// <summary>
/// Softmax or log-softmax over the last axis, max-stabilised (TensorPrimitives.SoftMax is not:
/// it overflows to NaN for logits above ~88).
/// </summary>
internal sealed class SoftmaxOp : Op
{
    private readonly bool _log;
    private readonly int _width;

    private SoftmaxOp(Tensor x, bool log, int width)
        : base(x)
    {
        _log = log;
        _width = width;
    }

    public static Tensor Forward(Tensor x, bool log)
    {
        if (x.Rank == 0)
        {
            throw new EngineException($"{(log ? "log_softmax" : "softmax")}: needs at least one axis, got a scalar.");
        }

        var width = x.Dim(-1);
        var y = Tensor.ForOutput(x.ShapeArray);
        for (var start = 0; start < x.Size; start += width)
        {
            var row = x.Data.AsSpan(start, width);
            var outRow = y.Data.AsSpan(start, width);
            if (log)
            {
                LogSoftmaxRow(row, outRow);
            }
            else
            {
                SoftmaxRow(row, outRow);
            }
        }

        if (ShouldRecord(x))
        {
            y.SetCreator(new SoftmaxOp(x, log, width));
        }

        return y;
    }

    /// <summary>Stable softmax of one row into <paramref name="probabilities"/>.</summary>
    public static void SoftmaxRow(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        var max = TensorPrimitives.Max(logits);
        TensorPrimitives.Subtract(logits, max, probabilities);
        TensorPrimitives.Exp(probabilities, probabilities);
        var sum = TensorPrimitives.Sum(probabilities);
        TensorPrimitives.Divide(probabilities, sum, probabilities);
    }

    /// <summary>Stable log-softmax of one row; returns logsumexp of the row.</summary>
    public static float LogSoftmaxRow(ReadOnlySpan<float> logits, Span<float> logProbabilities)
    {
        var logSumExp = ExpShiftedRow(logits, logProbabilities, out _);
        TensorPrimitives.Subtract(logits, logSumExp, logProbabilities);
        return logSumExp;
    }

    /// <summary>
    /// Writes factor · softmax(row) into <paramref name="probabilities"/> chunk by chunk (<see cref="VectorSoftmax"/>) and returns logsumexp(row)
    /// (what cross-entropy needs: CE = logsumexp − z[y]).
    /// </summary>
    public static float SoftmaxRowWithLogSumExp(ReadOnlySpan<float> logits, Span<float> probabilities, double factor = 1.0)
    {
        return VectorSoftmax.Softmax(logits, probabilities, factor);
    }

    /// <summary>exp(row − max) into <paramref name="exponentials"/>; returns max + log Σ exp(row − max).</summary>
    private static float ExpShiftedRow(ReadOnlySpan<float> logits, Span<float> exponentials, out double sum)
    {
        var max = TensorPrimitives.Max(logits);
        if (!Vector256.IsHardwareAccelerated || logits.Length < Vector256<float>.Count)
        {
            TensorPrimitives.Subtract(logits, max, exponentials);
            TensorPrimitives.Exp(exponentials, exponentials);
            sum = TensorPrimitives.Sum(exponentials);
            return max + (float)Math.Log(sum);
        }

        // One pass for shift, exp and sum instead of three (a vocabulary row is 40 KB: each pass re-reads it from L2).
        ref var source = ref MemoryMarshal.GetReference(logits);
        ref var destination = ref MemoryMarshal.GetReference(exponentials);
        var shift = Vector256.Create(max);
        var total0 = Vector256<float>.Zero;
        var total1 = Vector256<float>.Zero;
        var width = Vector256<float>.Count;
        var i = 0;
        for (; i <= logits.Length - (2 * width); i += 2 * width)
        {
            var e0 = VectorExp.Exp(Vector256.LoadUnsafe(ref source, (nuint)i) - shift);
            var e1 = VectorExp.Exp(Vector256.LoadUnsafe(ref source, (nuint)(i + width)) - shift);
            e0.StoreUnsafe(ref destination, (nuint)i);
            e1.StoreUnsafe(ref destination, (nuint)(i + width));
            total0 += e0;
            total1 += e1;
        }

        double tail = 0;
        for (; i < logits.Length; i++)
        {
            var e = MathF.Exp(logits[i] - max);
            exponentials[i] = e;
            tail += e;
        }

        sum = Vector256.Sum(total0 + total1) + tail;
        return max + (float)Math.Log(sum);
    }

    public override void Backward(Tensor output)
    {
        var gx = Inputs[0].GradSpan();
        var g = output.Grad!;
        var y = output.Data;
        for (var start = 0; start < output.Size; start += _width)
        {
            var gRow = g.AsSpan(start, _width);
            var yRow = y.AsSpan(start, _width);
            var gxRow = gx.Slice(start, _width);
            if (_log)
            {
                // d log_softmax: gx = g − softmax · Σ g
                var total = TensorPrimitives.Sum(gRow);
                for (var j = 0; j < _width; j++)
                {
                    gxRow[j] += gRow[j] - (MathF.Exp(yRow[j]) * total);
                }
            }
            else
            {
                // d softmax: gx = y ⊙ (g − Σ g ⊙ y)
                var dot = TensorPrimitives.Dot(gRow, yRow);
                for (var j = 0; j < _width; j++)
                {
                    gxRow[j] += yRow[j] * (gRow[j] - dot);
                }
            }
        }
    }
}
