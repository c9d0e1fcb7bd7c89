using System.Numerics.Tensors;
using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Ops;

/// <summary>
/// LSTM step on the state [h | c], gates i, f, g, o: c' = f⊙c + i⊙g, h' = o⊙tanh(c').
/// Saves the activated gates and tanh(c') for the backward.
/// </summary>
internal sealed class LstmStepOp : RecurrentStepOp
{
    private float[] _gates = [];
    private float[] _tanhMemory = [];

    public LstmStepOp(Tensor projected, int t, Tensor previous, Tensor weight, Tensor? bias, float[]? rowMask, int? activeRows)
        : base(projected, t, previous, weight, bias, rowMask, activeRows, 2 * weight.Dim(0))
    {
    }

    protected override void ComputeCell(float[] newState)
    {
        var h = Hidden;
        _gates = TensorArena.AllocateUninitialized(Rows * 4 * h);      // written whole below, row by row
        _tanhMemory = TensorArena.AllocateUninitialized(Rows * h);
        for (var b = 0; b < Rows; b++)
        {
            var gates = _gates.AsSpan(b * 4 * h, 4 * h);
            TensorPrimitives.Add(InputRow(b), Recurrent.AsSpan(b * 4 * h, 4 * h), gates);
            VectorActivations.Sigmoid(gates[..(2 * h)], gates[..(2 * h)]);
            VectorActivations.Tanh(gates.Slice(2 * h, h), gates.Slice(2 * h, h));
            VectorActivations.Sigmoid(gates.Slice(3 * h, h), gates.Slice(3 * h, h));
            var i = gates[..h];
            var f = gates.Slice(h, h);
            var g = gates.Slice(2 * h, h);
            var o = gates.Slice(3 * h, h);
            var state = newState.AsSpan(b * 2 * h, 2 * h);
            var memory = state.Slice(h, h);
            var previousMemory = Previous.Data.AsSpan((b * 2 * h) + h, h);
            TensorPrimitives.Multiply(f, previousMemory, memory);
            TensorPrimitives.MultiplyAdd(i, g, memory, memory);
            var tanhMemory = _tanhMemory.AsSpan(b * h, h);
            VectorActivations.Tanh(memory, tanhMemory);
            TensorPrimitives.Multiply(o, tanhMemory, state[..h]);
        }
    }

    protected override bool RecurrentGradientIsInputGradient => true;

    protected override bool BackwardCellWritesAllOfDX => true;

    /// <summary>Writes all four gate gradients of every row into dX (which is also dR).</summary>
    protected override void BackwardCell(float[] gradient, float[] dX, float[] dR, float[] previousDirect)
    {
        var h = Hidden;
        for (var b = 0; b < Rows; b++)
        {
            var gates = _gates.AsSpan(b * 4 * h, 4 * h);
            var tanhMemory = _tanhMemory.AsSpan(b * h, h);
            var dh = gradient.AsSpan(b * 2 * h, h);
            var dMemoryIn = gradient.AsSpan((b * 2 * h) + h, h);
            var previousMemory = Previous.Data.AsSpan((b * 2 * h) + h, h);
            var dPreviousMemory = previousDirect.AsSpan((b * 2 * h) + h, h);
            var d = dX.AsSpan(b * 4 * h, 4 * h);
            for (var j = 0; j < h; j++)
            {
                var (i, f, g, o, tc) = (gates[j], gates[h + j], gates[(2 * h) + j], gates[(3 * h) + j], tanhMemory[j]);
                var dc = dMemoryIn[j] + (dh[j] * o * (1f - (tc * tc)));
                d[j] = dc * g * i * (1f - i);
                d[h + j] = dc * previousMemory[j] * f * (1f - f);
                d[(2 * h) + j] = dc * i * (1f - (g * g));
                d[(3 * h) + j] = dh[j] * tc * o * (1f - o);
                dPreviousMemory[j] += dc * f;
            }
        }
    }
}
