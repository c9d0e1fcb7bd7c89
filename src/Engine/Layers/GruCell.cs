using HyperSweep.Engine.Ops;

namespace HyperSweep.Engine.Layers;

/// <summary>
/// GRU, gate order r, z, n (PyTorch): r = σ(X_r + R_r), z = σ(X_z + R_z),
/// n = tanh(X_n + r ⊙ (h·W_h,n + b_h,n)) ("after") or tanh(X_n + (r ⊙ h)·W_h,n + b_h,n) ("before");
/// h' = (1 − z) ⊙ n + z ⊙ h.
/// </summary>
public sealed class GruCell : RecurrentCell
{
    public GruCell(string prefix, int inputSize, int hiddenSize, Random random, CellOptions options)
        : base(prefix, inputSize, hiddenSize, 3, random, options)
    {
    }

    public override CellState Step(Tensor projectedInput, CellState state)
    {
        var h = HiddenSize;
        var hidden = state.Hidden;
        var x = projectedInput.Split(h, h, h);
        Tensor reset, update, candidate;
        if (Options.Reset == GruReset.After)
        {
            var r = ProjectState(hidden).Split(h, h, h);
            reset = (x[0] + r[0]).Sigmoid();
            update = (x[1] + r[1]).Sigmoid();
            candidate = (x[2] + (reset * r[2])).Tanh();
        }
        else
        {
            var gatesWeight = RecurrentWeight.Slice(0, 2 * h);
            var candidateWeight = RecurrentWeight.Slice(2 * h, h);
            var rz = hidden.MatMul(gatesWeight);
            if (RecurrentBias is not null)
            {
                rz += RecurrentBias.Slice(0, 2 * h);
            }

            var r = rz.Split(h, h);
            reset = (x[0] + r[0]).Sigmoid();
            update = (x[1] + r[1]).Sigmoid();
            var recurrent = (reset * hidden).MatMul(candidateWeight);
            if (RecurrentBias is not null)
            {
                recurrent += RecurrentBias.Slice(2 * h, h);
            }

            candidate = (x[2] + recurrent).Tanh();
        }

        // (1 − z)⊙n + z⊙h written as n + z⊙(h − n): one op fewer.
        return new CellState(candidate + (update * (hidden - candidate)), null);
    }

    public override Tensor FusedStep(Tensor projectedInputs, int t, Tensor packedState, float[]? rowMask, int? activeRows = null)
    {
        return new GruStepOp(projectedInputs, t, packedState, RecurrentWeight, RecurrentBias, rowMask, activeRows, Options.Reset == GruReset.Before).Run();
    }
}
