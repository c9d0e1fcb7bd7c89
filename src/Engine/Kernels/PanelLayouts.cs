using System.Runtime.CompilerServices;

namespace HyperSweep.Engine.Kernels;

/// <summary>
/// Where a micro-kernel finds A[row, step] of its 6-row panel. Each kernel is generic over one of the structs below
/// (as over its row count), so the JIT compiles the address arithmetic of each layout into its own copy.
/// </summary>
internal unsafe interface IPanelA
{
    /// <summary>A[row, step] relative to <paramref name="a"/>, the panel's first row at the current depth step.</summary>
    static abstract float At(float* a, nint lda, int row, int step);

    /// <summary><paramref name="a"/> moved <paramref name="steps"/> depth steps on.</summary>
    static abstract float* Advance(float* a, int steps);
}

/// <summary>
/// A packed by <see cref="GemmPacking.PackA"/>: the six values of each depth step side by side (lda unused).
/// </summary>
internal readonly unsafe struct PackedA : IPanelA
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float At(float* a, nint lda, int row, int step) => a[(step * MicroKernels.Rows) + row];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float* Advance(float* a, int steps) => a + (steps * MicroKernels.Rows);
}

/// <summary>
/// A read where it is stored, row-major with rows <c>lda</c> floats apart (not packed): six rows read in step, each
/// front to back. Only the panel's valid rows are read (the kernels read rows below their row count only for PackedA).
/// </summary>
internal readonly unsafe struct RowMajorA : IPanelA
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float At(float* a, nint lda, int row, int step) => a[(row * lda) + step];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float* Advance(float* a, int steps) => a + steps;
}
