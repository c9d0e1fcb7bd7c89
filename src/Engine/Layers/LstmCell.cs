using HyperSweep.Engine.Ops;

namespace HyperSweep.Engine.Layers;

/// <summary>
/// LSTM, gate order i, f, g, o (PyTorch), no peepholes:
/// c' = σ(f)⊙c + σ(i)⊙tanh(g); h' = σ(o)⊙tanh(c').
/// </summary>
public sealed class LstmCell : RecurrentCell
{
    public LstmCell(string prefix, int inputSize, int hiddenSize, Random random, CellOptions options)
        : base(prefix, inputSize, hiddenSize, 4, random, options)
    {
    }

    public override bool HasMemory => true;

    public override CellState Step(Tensor projectedInput, CellState state)
    {
        var h = HiddenSize;
        var gates = projectedInput + ProjectState(state.Hidden);
        var blocks = gates.Split(h, h, h, h);
        var input = blocks[0].Sigmoid();
        var forget = blocks[1].Sigmoid();
        var candidate = blocks[2].Tanh();
        var output = blocks[3].Sigmoid();
        var memory = (forget * state.Memory!) + (input * candidate);
        return new CellState(output * memory.Tanh(), memory);
    }

    public override Tensor FusedStep(Tensor projectedInputs, int t, Tensor packedState, float[]? rowMask, int? activeRows = null)
    {
        return new LstmStepOp(projectedInputs, t, packedState, RecurrentWeight, RecurrentBias, rowMask, activeRows).Run();
    }
}
