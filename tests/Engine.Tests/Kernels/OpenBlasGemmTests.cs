using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Tests.Kernels;

/// <summary>
/// The OpenBLAS backend is optional. .ci/run installs libopenblas0-pthread, so on CI these tests compare
/// it with the naive kernel; on a machine without the library they check the message that says what to install.
/// </summary>
public sealed class OpenBlasGemmTests
{
    [Fact]
    public void Agrees_with_the_naive_kernel_or_reports_the_missing_library()
    {
        if (!OpenBlasGemm.IsAvailable)
        {
            var error = Assert.Throws<InvalidOperationException>(() => OpenBlasGemm.Create());
            Assert.Contains("libopenblas0-pthread", error.Message);
            return;
        }

        var gemm = OpenBlasGemm.Create();
        var shapes = new (int M, int N, int K)[] { (1, 1, 1), (3, 17, 15), (16, 33, 31), (33, 15, 100), (17, 257, 3), (32, 256, 128) };
        foreach (var (m, n, k) in shapes)
        {
            foreach (var (transposeA, transposeB) in GemmCheck.TransposeForms())
            {
                GemmCheck.AgreesWithNaive(gemm, m, n, k, transposeA, transposeB, accumulate: false);
                GemmCheck.AgreesWithNaive(gemm, m, n, k, transposeA, transposeB, accumulate: true);
            }
        }
    }

    [Fact]
    public void Zero_depth_and_argument_errors_behave_like_the_other_backends()
    {
        if (!OpenBlasGemm.IsAvailable)
        {
            Assert.NotEmpty(OpenBlasGemm.UnavailableReason);
            return;
        }

        var gemm = OpenBlasGemm.Create();
        float[] c = [1, 2, 3, 4];
        gemm.Multiply([], [], c, 2, 2, 0, accumulate: true);
        Assert.Equal([1f, 2f, 3f, 4f], c);
        gemm.Multiply([], [], c, 2, 2, 0);
        Assert.Equal([0f, 0f, 0f, 0f], c);
        Assert.Throws<ArgumentException>(() => gemm.Multiply(new float[3], new float[4], c, 2, 2, 2));
    }
}
