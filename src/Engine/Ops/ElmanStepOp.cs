using System.Numerics.Tensors;

namespace HyperSweep.Engine.Ops;

/// <summary>Elman step: h' = act(X_t + h·W_h + b_h), act = tanh or relu.</summary>
internal sealed class ElmanStepOp : RecurrentStepOp
{
    private readonly UnaryKind _activation;
    private float[] _activated = [];

    public ElmanStepOp(Tensor projected, int t, Tensor previous, Tensor weight, Tensor? bias, float[]? rowMask, int? activeRows, bool relu)
        : base(projected, t, previous, weight, bias, rowMask, activeRows, weight.Dim(0))
    {
        _activation = relu ? UnaryKind.Relu : UnaryKind.Tanh;
    }

    protected override void ComputeCell(float[] newState)
    {
        _activated = TensorArena.AllocateUninitialized(Rows * Hidden);   // every row written by the Add below
        for (var b = 0; b < Rows; b++)
        {
            var row = _activated.AsSpan(b * Hidden, Hidden);
            TensorPrimitives.Add(InputRow(b), Recurrent.AsSpan(b * Hidden, Hidden), row);
            UnaryOp.Apply(_activation, row, row);
        }

        _activated.CopyTo(newState, 0);
    }

    protected override bool RecurrentGradientIsInputGradient => true;

    protected override bool BackwardCellWritesAllOfDX => true;

    protected override void BackwardCell(float[] gradient, float[] dX, float[] dR, float[] previousDirect)
    {
        UnaryOp.StoreGradient(_activation, _activated, gradient, dX);   // dR is dX
    }
}
