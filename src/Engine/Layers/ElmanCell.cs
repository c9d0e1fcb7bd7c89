using HyperSweep.Engine.Ops;

namespace HyperSweep.Engine.Layers;

/// <summary>h' = act(x·W_x + b_x + h·W_h + b_h), act = tanh or relu.</summary>
public sealed class ElmanCell : RecurrentCell
{
    public ElmanCell(string prefix, int inputSize, int hiddenSize, Random random, CellOptions options)
        : base(prefix, inputSize, hiddenSize, 1, random, options)
    {
    }

    public override CellState Step(Tensor projectedInput, CellState state)
    {
        var pre = projectedInput + ProjectState(state.Hidden);
        return new CellState(Options.Activation.Apply(pre), null);
    }

    public override Tensor FusedStep(Tensor projectedInputs, int t, Tensor packedState, float[]? rowMask, int? activeRows = null)
    {
        return new ElmanStepOp(projectedInputs, t, packedState, RecurrentWeight, RecurrentBias, rowMask, activeRows, Options.Activation == Activation.Relu).Run();
    }
}
