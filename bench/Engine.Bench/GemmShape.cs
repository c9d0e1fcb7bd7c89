namespace HyperSweep.Engine.Bench;

/// <summary>One GEMM the trainer runs: C[m×n] (+)= op(A)·op(B), with where it comes from in SHAPES.md.</summary>
public sealed record GemmShape(string Name, int M, int N, int K, bool TransposeA, bool TransposeB, bool Accumulate, string Origin)
{
    public double Flops => 2.0 * M * N * K;

    /// <summary>"NN", "TN", "NT" or "TT": which operands are stored transposed.</summary>
    public string Form => $"{(TransposeA ? 'T' : 'N')}{(TransposeB ? 'T' : 'N')}";
}
