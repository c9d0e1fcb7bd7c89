using HyperSweep.Engine.Autodiff;

namespace HyperSweep.Engine.Ops;

/// <summary>The transpose of a matrix [R, C] → [C, R] (copied; matmul reads transposes in place instead).</summary>
internal sealed class TransposeOp : Op
{
    private TransposeOp(Tensor x)
        : base(x)
    {
    }

    public static Tensor Forward(Tensor x)
    {
        ShapeCheck.Rank("transpose", x, 2);
        var (rows, columns) = (x.Dim(0), x.Dim(1));
        var y = Tensor.ForOutput([columns, rows]);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                y.Data[(c * rows) + r] = x.Data[(r * columns) + c];
            }
        }

        if (ShouldRecord(x))
        {
            y.SetCreator(new TransposeOp(x));
        }

        return y;
    }

    public override void Backward(Tensor output)
    {
        var x = Inputs[0];
        var (rows, columns) = (x.Dim(0), x.Dim(1));
        var gx = x.GradSpan();
        var g = output.Grad!;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                gx[(r * columns) + c] += g[(c * rows) + r];
            }
        }
    }
}
