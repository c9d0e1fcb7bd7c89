using System.Runtime.CompilerServices;

namespace HyperSweep.Engine.Kernels;

/// <summary>
/// Packing buffers of one thread, kept for the thread's lifetime so a GEMM call allocates nothing once
/// the buffers have grown to the largest shape seen. Pinned (so raw pointers stay valid) and aligned to
/// a cache line (so packed panels never straddle lines needlessly).
/// </summary>
internal sealed class GemmWorkspace
{
    private const int AlignmentFloats = 16; // 64 bytes

    [ThreadStatic]
    private static GemmWorkspace? _current;

    private float[] _packedA = [];
    private float[] _packedB = [];
    private float[] _product = [];

    public static GemmWorkspace Current => _current ??= new GemmWorkspace();

    public unsafe float* PackedA(int floats) => Ensure(ref _packedA, floats);

    public unsafe float* PackedB(int floats) => Ensure(ref _packedB, floats);

    /// <summary>A product computed transposed (Cᵀ) before it is written into C.</summary>
    public unsafe float* Product(int floats) => Ensure(ref _product, floats);

    private static unsafe float* Ensure(ref float[] buffer, int floats)
    {
        if (buffer.Length < floats + AlignmentFloats + GemmPacking.Slack)
        {
            buffer = GC.AllocateUninitializedArray<float>(floats + AlignmentFloats + GemmPacking.Slack, pinned: true);
        }

        var address = (nuint)Unsafe.AsPointer(ref buffer[0]);
        var aligned = (address + 63) & ~(nuint)63;
        return (float*)aligned;
    }
}
