using HyperSweep.Engine.Analysis;
using HyperSweep.Engine.Autodiff;

namespace HyperSweep.Engine.Ops;

/// <summary>
/// The identity on a recurrent state [B, W] that, on the way back, tells a <see cref="GradientTap"/> the norm of the
/// gradient reaching the state's first <c>hidden</c> columns (h; an LSTM's packed state also carries c) per row. It is
/// inserted only while a <see cref="GradientProbe"/> measures, so training graphs never contain it. Every consumer of
/// the state (the next step, the stacked outputs, the final state) reads the tap's output, so when backward reaches
/// it, its gradient is the whole ∂L/∂h_t.
/// </summary>
internal sealed class GradientTapOp : Op
{
    private readonly GradientTap _tap;
    private readonly int _layer;
    private readonly int _step;
    private readonly int _hidden;

    private GradientTapOp(Tensor state, GradientTap tap, int layer, int step, int hidden)
        : base(state)
    {
        (_tap, _layer, _step, _hidden) = (tap, layer, step, hidden);
    }

    public static Tensor Forward(Tensor state, GradientTap tap, int layer, int step, int hidden)
    {
        ShapeCheck.Rank("gradient_tap", state, 2);
        if (!ShouldRecord(state))
        {
            return state;
        }

        var output = Tensor.ForOutputUninitialized(state.ShapeArray.ToArray());
        state.Data.AsSpan().CopyTo(output.Data);
        output.SetCreator(new GradientTapOp(state, tap, layer, step, hidden));
        return output;
    }

    public override void Backward(Tensor output)
    {
        var (rows, width) = (output.Dim(0), output.Dim(1));
        var g = output.Grad!;
        for (var b = 0; b < rows; b++)
        {
            double sum = 0;
            foreach (var v in g.AsSpan(b * width, _hidden))
            {
                sum += (double)v * v;
            }

            _tap.Record(_layer, _step, b, Math.Sqrt(sum));
        }

        var input = Inputs[0];
        if (input.RequiresGrad)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(input.GradSpan(), g, input.GradSpan());
        }
    }
}
