using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Tests.Kernels;

public sealed class SimdGemmTests
{
    // Sizes around the micro-tile (6 rows, 16, 32 or 64 columns) and around vector widths, plus odd sizes.
    public static TheoryData<int, int, int> EdgeShapes => new()
    {
        { 1, 1, 1 },
        { 1, 3, 15 },
        { 3, 1, 17 },
        { 6, 16, 1 },
        { 7, 17, 3 },
        { 15, 16, 31 },
        { 16, 15, 33 },
        { 17, 31, 16 },
        { 31, 33, 100 },
        { 33, 100, 17 },
        { 5, 257, 7 },
        { 100, 33, 3 },
        { 12, 64, 257 },   // k just past the default depth block (256)
        { 19, 47, 513 },   // k spanning three depth blocks
        { 7, 63, 5 },      // one column short of the 6×64 tile
        { 13, 65, 9 },     // one column past it
        { 6, 129, 260 },   // two full 64-wide panels, a one-column edge, two depth blocks
        { 8, 48, 300 },    // a 16-column edge (the 6×32 path writes it in place), two depth blocks
        { 9, 40, 20 },     // an 8-column edge
    };

    public static TheoryData<string> Paths => new() { nameof(SimdGemmPath.Scalar), nameof(SimdGemmPath.Vector256), nameof(SimdGemmPath.Vector512), nameof(SimdGemmPath.Vector512Wide) };

    [Theory]
    [MemberData(nameof(EdgeShapes))]
    public void Every_path_and_transpose_form_agrees_with_the_naive_kernel(int m, int n, int k)
    {
        // A row-major A read in place (the default) and packed like the other forms (the kernels' other A layout).
        foreach (var path in Enum.GetValues<SimdGemmPath>())
        {
            foreach (var readRowMajorA in new[] { true, false })
            {
                var gemm = new SimdGemm(path, GemmBlocking.Default, readRowMajorA: readRowMajorA);
                foreach (var (transposeA, transposeB) in GemmCheck.TransposeForms())
                {
                    GemmCheck.AgreesWithNaive(gemm, m, n, k, transposeA, transposeB, accumulate: false);
                    GemmCheck.AgreesWithNaive(gemm, m, n, k, transposeA, transposeB, accumulate: true);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Small_blocks_cross_every_block_boundary_in_m_n_and_k(string pathName)
    {
        // Blocks much smaller than the matrices: several row, column and depth blocks, each with a ragged edge.
        var path = Enum.Parse<SimdGemmPath>(pathName);
        foreach (var readRowMajorA in new[] { true, false })
        {
            // A read in place has its own depth block (11 here), so both kinds of depth boundary are crossed.
            var gemm = new SimdGemm(path, new GemmBlocking(Mc: 12, Kc: 7, Nc: 64, KcInPlaceA: 11), readRowMajorA: readRowMajorA);
            foreach (var (transposeA, transposeB) in GemmCheck.TransposeForms())
            {
                GemmCheck.AgreesWithNaive(gemm, 29, 150, 30, transposeA, transposeB, accumulate: false);
                GemmCheck.AgreesWithNaive(gemm, 29, 150, 30, transposeA, transposeB, accumulate: true);
            }
        }
    }

    [Fact]
    public void Default_blocking_handles_n_beyond_one_column_block()
    {
        var gemm = new SimdGemm();
        foreach (var (transposeA, transposeB) in GemmCheck.TransposeForms())
        {
            GemmCheck.AgreesWithNaive(gemm, 7, GemmBlocking.Default.Nc + 37, 300, transposeA, transposeB, accumulate: true);
        }
    }

    [Fact]
    public void Trainer_shape_with_the_hardware_path_agrees_with_the_naive_kernel()
    {
        // An RNN step of SHAPES.md ([32×128]·[128×256]) in its forward and both backward forms.
        var gemm = new SimdGemm();
        GemmCheck.AgreesWithNaive(gemm, 32, 256, 128, false, false, accumulate: false);
        GemmCheck.AgreesWithNaive(gemm, 32, 128, 256, false, true, accumulate: true);
        GemmCheck.AgreesWithNaive(gemm, 128, 256, 32, true, false, accumulate: true);
    }

    [Theory]
    [InlineData(2, 37, 301, 400)]   // wide C: split by columns
    [InlineData(2, 301, 37, 400)]   // tall C: split by rows
    [InlineData(3, 64, 500, 260)]   // blocks that do not divide evenly
    [InlineData(2, 3, 20000, 160)]  // too few rows to split, columns only
    public void Several_threads_agree_with_the_naive_kernel(int threads, int m, int n, int k)
    {
        var gemm = new SimdGemm(threads);
        Assert.Equal(threads, gemm.Threads);
        foreach (var (transposeA, transposeB) in GemmCheck.TransposeForms())
        {
            GemmCheck.AgreesWithNaive(gemm, m, n, k, transposeA, transposeB, accumulate: true);
        }
    }

    [Fact]
    public async Task One_instance_serves_several_threads_at_once()
    {
        // Trainers of different trials share Gemm.Current; each thread packs into its own buffers.
        var gemm = new SimdGemm();
        var shapes = new (int M, int N, int K)[] { (61, 97, 300), (7, 300, 61), (120, 33, 260), (33, 257, 99) };
        var tasks = shapes.Select(shape => Task.Run(() =>
        {
            for (var repeat = 0; repeat < 5; repeat++)
            {
                GemmCheck.AgreesWithNaive(gemm, shape.M, shape.N, shape.K, repeat % 2 == 0, repeat % 3 == 0, accumulate: repeat > 2);
            }
        })).ToArray();
        await Task.WhenAll(tasks);
    }

    [Fact]
    public void A_thread_count_below_one_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimdGemm(threads: 0));
    }

    [Fact]
    public void Zero_depth_clears_the_output_or_leaves_it_when_accumulating()
    {
        var gemm = new SimdGemm();
        float[] c = [1, 2, 3, 4, 5, 6];
        gemm.Multiply([], [], c, 2, 3, 0, accumulate: true);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], c);
        gemm.Multiply([], [], c, 2, 3, 0);
        Assert.All(c, value => Assert.Equal(0f, value));
    }

    [Fact]
    public void Elements_past_m_times_n_are_left_untouched()
    {
        var gemm = new SimdGemm();
        var c = new float[(5 * 7) + 3];
        c.AsSpan(35).Fill(42f);
        gemm.Multiply(GemmCheck.Random(5 * 9, 1), GemmCheck.Random(9 * 7, 2), c, 5, 7, 9);
        Assert.Equal([42f, 42f, 42f], c[35..]);
    }

    [Fact]
    public void Calls_allocate_nothing_after_warm_up()
    {
        var gemm = new SimdGemm();
        var a = GemmCheck.Random(300 * 300, 1);
        var b = GemmCheck.Random(300 * 300, 2);
        var c = new float[300 * 300];
        var shapes = new (int M, int N, int K)[] { (300, 300, 300), (32, 256, 128), (17, 33, 299) };
        var forms = GemmCheck.TransposeForms().ToArray();
        void MultiplyEveryShapeInEveryForm()
        {
            foreach (var (m, n, k) in shapes)
            {
                foreach (var (transposeA, transposeB) in forms)
                {
                    gemm.Multiply(a, b, c, m, n, k, transposeA, transposeB, accumulate: true);
                }
            }
        }

        // The warm-up is the counted calls themselves: a path's first call may allocate once (its statics, the packing
        // buffers' growth), and whether another test ran it first in this process depends on the test order.
        MultiplyEveryShapeInEveryForm();
        var before = GC.GetAllocatedBytesForCurrentThread();
        MultiplyEveryShapeInEveryForm();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Negative_dimensions_are_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SimdGemm().Multiply(new float[4], new float[4], new float[4], 2, -1, 2));
        Assert.Contains("n=-1", error.Message);
    }

    [Fact]
    public void Buffers_too_small_for_the_shape_are_rejected_with_their_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() => new SimdGemm().Multiply(new float[6], new float[5], new float[4], 2, 2, 3));
        Assert.Contains("B has 5 (needs 6)", error.Message);
    }

    [Fact]
    public void Dimensions_whose_products_overflow_an_int_are_rejected()
    {
        // 70000·70000 wraps around in 32 bits; the check must still see that the buffers are far too small.
        var error = Assert.Throws<ArgumentException>(() => new SimdGemm().Multiply(new float[4], new float[4], new float[4], 70000, 1, 70000));
        Assert.Contains("needs 4900000000", error.Message);
    }

    [Fact]
    public void Blocking_that_does_not_fit_the_micro_tile_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new SimdGemm(SimdGemmPath.Vector256, new GemmBlocking(Mc: 10, Kc: 8, Nc: 64)));
        Assert.Throws<ArgumentException>(() => new SimdGemm(SimdGemmPath.Vector512, new GemmBlocking(Mc: 12, Kc: 8, Nc: 48)));
        Assert.Throws<ArgumentException>(() => new SimdGemm(SimdGemmPath.Vector256, new GemmBlocking(Mc: 12, Kc: 8, Nc: 64, KcInPlaceA: 0)));
    }

    [Fact]
    public void The_default_kernel_uses_the_widest_instruction_set_of_this_cpu()
    {
        var expected = System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? "avx512"
            : System.Runtime.Intrinsics.X86.Fma.IsSupported ? "avx2"
            : "scalar";
        Assert.Equal(expected, new SimdGemm().InstructionSet);
    }
}
