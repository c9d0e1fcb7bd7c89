namespace HyperSweep.Engine.Kernels;

/// <summary>
/// The instruction set a <see cref="SimdGemm"/> micro-kernel uses. Chosen from the hardware by default;
/// tests select each path explicitly so every one is checked on any machine (a Vector512 path on a CPU
/// without AVX-512 runs through .NET's software fallback: correct, just slow).
/// </summary>
internal enum SimdGemmPath
{
    Scalar,
    Vector256,
    Vector512,

    /// <summary>AVX-512 with a 6×64 tile: 24 of the 32 zmm registers hold C.</summary>
    Vector512Wide,
}
