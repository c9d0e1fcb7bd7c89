namespace HyperSweep.Engine.Layers;

/// <summary>
/// One recurrent cell with G gate blocks side by side: W_x [in, G·H], W_h [H, G·H], b_x and b_h [G·H]
/// (ORACLE.md's layout). The input projection x·W_x + b_x does not depend on the state, so the
/// <see cref="Rnn"/> computes it for all time steps in one GEMM and hands each step its rows.
/// </summary>
public abstract class RecurrentCell : Module
{
    protected RecurrentCell(string prefix, int inputSize, int hiddenSize, int gates, Random random, CellOptions options)
    {
        if (inputSize <= 0 || hiddenSize <= 0)
        {
            throw new EngineException($"cell {prefix}: sizes must be positive, got input {inputSize}, hidden {hiddenSize}.");
        }

        InputSize = inputSize;
        HiddenSize = hiddenSize;
        Gates = gates;
        Options = options;
        var width = gates * hiddenSize;
        InputWeight = AddParameter(new Parameter(prefix + "W_x", Initializer.UniformFanIn(random, hiddenSize, inputSize * width), inputSize, width));
        RecurrentWeight = AddParameter(new Parameter(prefix + "W_h", Initializer.UniformFanIn(random, hiddenSize, hiddenSize * width), hiddenSize, width));
        InputBias = options.InputBias
            ? AddParameter(new Parameter(prefix + options.InputBiasName, Initializer.UniformFanIn(random, hiddenSize, width), width))
            : null;
        RecurrentBias = options.RecurrentBias
            ? AddParameter(new Parameter(prefix + "b_h", Initializer.UniformFanIn(random, hiddenSize, width), width))
            : null;
    }

    public int InputSize { get; }

    public int HiddenSize { get; }

    public int Gates { get; }

    public CellOptions Options { get; }

    public Parameter InputWeight { get; }

    public Parameter RecurrentWeight { get; }

    public Parameter? InputBias { get; }

    public Parameter? RecurrentBias { get; }

    /// <summary>Whether the state has a memory cell (LSTM).</summary>
    public virtual bool HasMemory => false;

    public static RecurrentCell Create(CellKind kind, string prefix, int inputSize, int hiddenSize, Random random, CellOptions options)
    {
        return kind switch
        {
            CellKind.Elman => new ElmanCell(prefix, inputSize, hiddenSize, random, options),
            CellKind.Lstm => new LstmCell(prefix, inputSize, hiddenSize, random, options),
            CellKind.Gru => new GruCell(prefix, inputSize, hiddenSize, random, options),
            _ => throw new EngineException($"cell: unknown kind {kind}."),
        };
    }

    /// <summary>x·W_x + b_x for rows x of shape [N, in] → [N, G·H].</summary>
    public Tensor ProjectInputs(Tensor x)
    {
        return InputBias is null ? x.MatMul(InputWeight) : Tensor.Linear(x, InputWeight, InputBias);
    }

    /// <summary>
    /// One step from the projected input [B, G·H] and the previous state, composed of elementary ops:
    /// the readable reference form. <see cref="Rnn"/> runs the fused equivalent (<see cref="FusedStep"/>).
    /// </summary>
    public abstract CellState Step(Tensor projectedInput, CellState state);

    /// <summary>Width of the packed state the fused step works on: H, or 2H for [h | c].</summary>
    public int StateWidth => HasMemory ? 2 * HiddenSize : HiddenSize;

    /// <summary>
    /// One fused step (one op in the graph) at time <paramref name="t"/> of the projected inputs [B, T, G·H], on the
    /// packed state [B, StateWidth]; a row whose mask is 0 keeps its previous state. With
    /// <paramref name="activeRows"/> instead (a batch sorted by length, no mask), only the first that many rows take
    /// the step and the others keep their state, at no cost.
    /// </summary>
    public abstract Tensor FusedStep(Tensor projectedInputs, int t, Tensor packedState, float[]? rowMask, int? activeRows = null);

    /// <summary>The packed form [h | c] (or h) of a state.</summary>
    public Tensor Pack(CellState state)
    {
        return HasMemory ? Tensor.Concat(state.Hidden, state.Memory!) : state.Hidden;
    }

    /// <summary>A packed state split back into h (and c).</summary>
    public CellState Unpack(Tensor packed)
    {
        return HasMemory ? new CellState(packed.Slice(0, HiddenSize), packed.Slice(HiddenSize, HiddenSize)) : new CellState(packed, null);
    }

    public CellState ZeroState(int batchSize)
    {
        return new CellState(Tensor.Zeros(batchSize, HiddenSize), HasMemory ? Tensor.Zeros(batchSize, HiddenSize) : null);
    }

    /// <summary>h·W_h + b_h → [B, G·H].</summary>
    protected Tensor ProjectState(Tensor hidden)
    {
        var projected = hidden.MatMul(RecurrentWeight);
        return RecurrentBias is null ? projected : projected + RecurrentBias;
    }
}
