namespace HyperSweep.Engine.Kernels;

/// <summary>
/// A compile-time row count for the micro-kernels. Each kernel is generic over one of the structs below,
/// so the JIT compiles a separate copy per row count with the unused accumulators removed: the last,
/// partial row tile of C (m % 6 ≠ 0) runs without wasted multiplies and without a scratch copy.
/// </summary>
internal interface IMicroKernelRows
{
    static abstract int Count { get; }
}

internal readonly struct OneRow : IMicroKernelRows
{
    public static int Count => 1;
}

internal readonly struct TwoRows : IMicroKernelRows
{
    public static int Count => 2;
}

internal readonly struct ThreeRows : IMicroKernelRows
{
    public static int Count => 3;
}

internal readonly struct FourRows : IMicroKernelRows
{
    public static int Count => 4;
}

internal readonly struct FiveRows : IMicroKernelRows
{
    public static int Count => 5;
}

internal readonly struct SixRows : IMicroKernelRows
{
    public static int Count => 6;
}
