using HyperSweep.Engine;
using HyperSweep.Engine.Optimizers;

namespace HyperSweep.Engine.Tests.Optimizers;

/// <summary>
/// A row-sparse table (an embedding) must train exactly as the same table with a dense gradient: the optimizers
/// only skip or cheapen work on rows whose gradient is zero.
/// </summary>
public sealed class RowSparseGradientTests
{
    private const int Rows = 12;
    private const int Width = 11;   // not a multiple of the vector width: the scalar tails run too

    public static TheoryData<string> Rules => new() { "sgd", "sgd-clip", "sgd-momentum", "adam", "adam-clip", "adam-decay", "adagrad" };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Sparse_and_dense_tables_train_identically(string rule)
    {
        var start = Enumerable.Range(0, Rows * Width).Select(i => MathF.Sin(i * 0.37f)).ToArray();
        var sparse = new Parameter("embedding", (float[])start.Clone(), Rows, Width) { RowSparseGradient = true };
        var dense = new Parameter("embedding", (float[])start.Clone(), Rows, Width);
        var sparseOptimizer = Create(rule, sparse);
        var denseOptimizer = Create(rule, dense);
        var random = new Random(7);
        for (var step = 0; step < 6; step++)
        {
            // A few rows per step, some repeated, one padding id; other rows get no gradient.
            var ids = new[] { random.Next(Rows), random.Next(Rows), random.Next(Rows), -1, random.Next(Rows) };
            var weights = Enumerable.Range(0, ids.Length * Width).Select(i => MathF.Cos(i + step)).ToArray();
            foreach (var (table, optimizer) in new[] { (sparse, sparseOptimizer), (dense, denseOptimizer) })
            {
                optimizer.ZeroGrad();
                var looked = table.Gather(ids, ids.Length);
                var loss = (looked * new Tensor(weights, ids.Length, Width)).Sum() * 3f;
                loss.Backward();
                optimizer.Step();
            }

            // The norm is summed row by row instead of in chunks: equal up to float rounding, and so are the weights
            // when the norm feeds the clip coefficient.
            var norm = denseOptimizer.LastGradientNorm;
            Assert.InRange(Math.Abs(sparseOptimizer.LastGradientNorm - norm), 0, 1e-6 * Math.Max(1, norm));
            AssertClose(dense.Data, sparse.Data);
            for (var s = 0; s < denseOptimizer.State.Count; s++)
            {
                AssertClose(denseOptimizer.State[s], sparseOptimizer.State[s]);
            }
        }
    }

    [Fact]
    public void Zero_grad_clears_every_row_a_scatter_wrote()
    {
        var table = new Parameter("embedding", new float[Rows * Width], Rows, Width) { RowSparseGradient = true };
        table.ZeroGrad();
        table.Gather([3, 5, 3], 3).Sum().Backward();
        Assert.Equal(2f, table.Grad![(3 * Width) + 1]);
        Assert.Equal(1f, table.Grad[5 * Width]);
        table.ZeroGrad();
        Assert.All(table.Grad, value => Assert.Equal(0f, value));
    }

    [Fact]
    public void A_dense_write_makes_zero_grad_clear_the_whole_table()
    {
        var table = new Parameter("table", new float[Rows * Width], Rows, Width) { RowSparseGradient = true };
        table.ZeroGrad();
        table.Gather([2], 1).Sum().Backward();
        (table * 2f).Sum().Backward();   // an elementwise op writes every row
        table.ZeroGrad();
        Assert.All(table.Grad!, value => Assert.Equal(0f, value));
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.InRange(Math.Abs(actual[i] - expected[i]), 0f, 1e-6f * Math.Max(1f, Math.Abs(expected[i])));
        }
    }

    private static Optimizer Create(string rule, Parameter p) => rule switch
    {
        "sgd" => new Sgd([p], 0.5f),
        "sgd-clip" => new Sgd([p], 0.5f, clipNorm: 1f),
        "sgd-momentum" => new Sgd([p], 0.5f, momentum: 0.9f),
        "adam" => new Adam([p], 0.01f),
        "adam-clip" => new Adam([p], 0.01f, clipNorm: 0.5f),
        "adam-decay" => new Adam([p], 0.01f, weightDecay: 0.1f),
        "adagrad" => new Adagrad([p], 0.1f),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };
}
