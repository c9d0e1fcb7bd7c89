using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HyperSweep.Engine.Kernels;

/// <summary>
/// Softmax of one row with its logsumexp, in chunks that stay in L1: each chunk's maximum is taken just before its
/// exponentials (so the row is read from memory once instead of once for a whole-row maximum and again for the
/// exponentials), shifted by the running maximum; the normalising pass then applies each chunk's correction
/// e^(shift − max) with the 1/Σ it applies anyway. A language model's output row is 10,000 floats (40 KB, more than
/// L1) and a step has 1,120 of them. exp is <see cref="VectorExp"/> on 16 floats with AVX-512, 8 with AVX2.
/// </summary>
internal static class VectorSoftmax
{
    /// <summary>Floats per chunk: 8 KB, a quarter of L1.</summary>
    public const int Chunk = 2048;

    /// <summary>
    /// Writes <paramref name="factor"/> · softmax(row) into <paramref name="probabilities"/> and returns logsumexp(row).
    /// A NaN or +∞ in the row gives NaN, as the one-maximum computation does. The two spans may be the same memory
    /// (each element is read before it is written).
    /// </summary>
    /// <param name="width">16 (AVX-512), 8 (AVX2) or 1 (scalar): the widest vectors to use; tests force narrower ones.</param>
    public static float Softmax(ReadOnlySpan<float> row, Span<float> probabilities, double factor, int width = 16)
    {
        if (probabilities.Length != row.Length)
        {
            throw new ArgumentException($"softmax: {row.Length} logits but {probabilities.Length} outputs.", nameof(probabilities));
        }

        var chunks = (row.Length + Chunk - 1) / Chunk;
        Span<float> shifts = chunks <= 64 ? stackalloc float[chunks] : new float[chunks];
        var max = float.NegativeInfinity;
        double sum = 0;
        for (var c = 0; c < chunks; c++)
        {
            var start = c * Chunk;
            var length = Math.Min(Chunk, row.Length - start);
            var chunkMax = TensorPrimitives.Max(row.Slice(start, length));
            if (chunkMax > max)
            {
                sum *= Math.Exp(max - chunkMax);   // 0 for the first chunk (e^−∞)
                max = chunkMax;
            }

            shifts[c] = float.IsNaN(chunkMax) ? chunkMax : max;
            sum += ExpShifted(row.Slice(start, length), probabilities.Slice(start, length), shifts[c], width);
        }

        for (var c = 0; c < chunks; c++)
        {
            var start = c * Chunk;
            var length = Math.Min(Chunk, row.Length - start);
            var scale = (float)(factor * Math.Exp(shifts[c] - max) / sum);
            var chunk = probabilities.Slice(start, length);
            TensorPrimitives.Multiply(chunk, scale, chunk);
        }

        return max + (float)Math.Log(sum);
    }

    /// <summary>exp(x − shift) into <paramref name="exponentials"/>; returns their sum.</summary>
    private static double ExpShifted(ReadOnlySpan<float> values, Span<float> exponentials, float shift, int width)
    {
        ref var source = ref MemoryMarshal.GetReference(values);
        ref var destination = ref MemoryMarshal.GetReference(exponentials);
        // A finite shift is at least every value of the chunk, so x − shift ≤ 0 (or −∞): the cheaper exp applies. A NaN
        // or +∞ shift (a NaN or +∞ logit) takes the full exp, whose NaN makes the result NaN.
        return float.IsFinite(shift)
            ? ExpShifted<NonPositiveExp>(ref source, ref destination, values.Length, shift, width)
            : ExpShifted<FullExp>(ref source, ref destination, values.Length, shift, width);
    }

    /// <summary>The loop of <see cref="ExpShifted(ReadOnlySpan{float}, Span{float}, float, int)"/> with one form of exp (a struct: the JIT compiles one loop per form).</summary>
    private static double ExpShifted<TExp>(ref float source, ref float destination, int length, float shift, int width)
        where TExp : struct, IVectorExp
    {
        var i = 0;
        var sum = 0f;
        if (width >= 16 && Avx512F.IsSupported)
        {
            var offset = Vector512.Create(shift);
            var total = Vector512<float>.Zero;
            for (; i <= length - 16; i += 16)
            {
                PrefetchNextChunk(ref source, i);
                var e = TExp.Exp(Vector512.LoadUnsafe(ref source, (nuint)i) - offset);
                e.StoreUnsafe(ref destination, (nuint)i);
                total += e;
            }

            sum = Vector512.Sum(total);
        }

        if (width >= 8 && Fma.IsSupported && Vector256.IsHardwareAccelerated)
        {
            var offset = Vector256.Create(shift);
            var total = Vector256<float>.Zero;
            for (; i <= length - 8; i += 8)
            {
                if ((i & 15) == 0)
                {
                    PrefetchNextChunk(ref source, i);
                }

                var e = TExp.Exp(Vector256.LoadUnsafe(ref source, (nuint)i) - offset);
                e.StoreUnsafe(ref destination, (nuint)i);
                total += e;
            }

            sum += Vector256.Sum(total);
        }

        double tail = sum;
        for (; i < length; i++)
        {
            var e = MathF.Exp(Unsafe.Add(ref source, i) - shift);
            Unsafe.Add(ref destination, i) = e;
            tail += e;
        }

        return tail;
    }

    /// <summary>
    /// Asks for the cache line one chunk ahead of element <paramref name="i"/> (16 floats, one line, per call): the logits
    /// come from memory (45 MB for a language model), and the next chunk's maximum would otherwise wait for each line
    /// in turn. Past the end of a row it fetches the start of the next one, usually the next row of the same buffer; a
    /// prefetch never faults, whatever the address.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchNextChunk(ref float source, int i)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref source, i + Chunk)));
        }
    }

    /// <summary>One form of <see cref="VectorExp"/> at both widths.</summary>
    private interface IVectorExp
    {
        static abstract Vector512<float> Exp(Vector512<float> x);

        static abstract Vector256<float> Exp(Vector256<float> x);
    }

    /// <summary><see cref="VectorExp.Exp(Vector512{float})"/>: any input, NaN and overflow included.</summary>
    private readonly struct FullExp : IVectorExp
    {
        public static Vector512<float> Exp(Vector512<float> x) => VectorExp.Exp(x);

        public static Vector256<float> Exp(Vector256<float> x) => VectorExp.Exp(x);
    }

    /// <summary><see cref="VectorExp.ExpNonPositive(Vector512{float})"/>: x ≤ 0 or −∞ only.</summary>
    private readonly struct NonPositiveExp : IVectorExp
    {
        public static Vector512<float> Exp(Vector512<float> x) => VectorExp.ExpNonPositive(x);

        public static Vector256<float> Exp(Vector256<float> x) => VectorExp.ExpNonPositive(x);
    }
}
