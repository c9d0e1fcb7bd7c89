using HyperSweep.Engine.Ops;

namespace HyperSweep.Engine.Layers;

/// <summary>
/// A stack of recurrent layers, optionally bidirectional, with dropout on the input of every layer above
/// the first. Parameters are named layer{l}.W_x … (unidirectional) or layer{l}.fwd.W_x / layer{l}.bwd.W_x.
/// With a mask, a padded position leaves the state unchanged, so the forward state carries the last real one and
/// the backward direction starts at the last real token — exactly PyTorch's packed sequences. A right-padded batch
/// is run longest row first (<see cref="LengthOrder"/>), so each step computes only the rows still running, as
/// PyTorch's packed batches do; any other mask is blended row by row (h_t = m·cell(x_t, h) + (1 − m)·h). Without a
/// mask every position is processed (language models).
/// </summary>
public sealed class Rnn : Module
{
    private readonly RecurrentCell[] _cells;
    private readonly Dropout _dropout;

    public Rnn(CellKind kind, int inputSize, int hiddenSize, int layers, bool bidirectional, float dropout, Random random, CellOptions? options = null)
    {
        if (layers < 1)
        {
            throw new EngineException($"rnn: layers must be >= 1, got {layers}.");
        }

        Kind = kind;
        HiddenSize = hiddenSize;
        Layers = layers;
        Directions = bidirectional ? 2 : 1;
        _dropout = new Dropout(dropout);
        options ??= CellOptions.Default;
        _cells = new RecurrentCell[layers * Directions];
        for (var l = 0; l < layers; l++)
        {
            var input = l == 0 ? inputSize : hiddenSize * Directions;
            for (var d = 0; d < Directions; d++)
            {
                var prefix = bidirectional ? $"layer{l}.{(d == 0 ? "fwd" : "bwd")}." : $"layer{l}.";
                _cells[(l * Directions) + d] = AddModule(RecurrentCell.Create(kind, prefix, input, hiddenSize, random, options));
            }
        }
    }

    public CellKind Kind { get; }

    public int HiddenSize { get; }

    public int Layers { get; }

    public int Directions { get; }

    /// <summary>Width of the outputs: D·H.</summary>
    public int OutputSize => HiddenSize * Directions;

    public IReadOnlyList<RecurrentCell> Cells => _cells;

    /// <summary>
    /// While set (by a <see cref="Analysis.GradientProbe"/> only), every forward-direction state passes through a tap
    /// that records the norm of the gradient reaching it in the backward pass. Null in training and evaluation.
    /// </summary>
    public Analysis.GradientTap? Tap { get; set; }

    /// <summary>
    /// Runs the stack over x [B, T, in]. <paramref name="mask"/> [B·T] (1 = real) or null for all real;
    /// <paramref name="initial"/> one state per layer·D + direction, or null for zeros (constants either way).
    /// Dropout between layers is active iff <paramref name="dropoutRandom"/> is given.
    /// </summary>
    public RnnOutput Forward(Tensor x, float[]? mask, IReadOnlyList<CellState>? initial, Random? dropoutRandom)
    {
        if (x.Rank != 3 || x.Dim(2) != _cells[0].InputSize)
        {
            throw new EngineException(
                $"rnn: input must be [B, T, {_cells[0].InputSize}], got {Tensor.Describe(x.Shape)}.");
        }

        var (batch, steps) = (x.Dim(0), x.Dim(1));
        if (initial is not null && initial.Count != _cells.Length)
        {
            throw new EngineException($"rnn: {initial.Count} initial states given, expected {_cells.Length} (layers × directions).");
        }

        if (mask is not null && mask.Length != batch * steps)
        {
            throw new EngineException($"rnn: mask has {mask.Length} entries, expected {batch} × {steps}.");
        }

        // A gradient tap records per row, in the batch's order: with one set, the rows are not reordered.
        var order = mask is null || Tap is not null ? null : LengthOrder.FromMask(mask, batch, steps);
        var stepMasks = mask is null || order is not null ? null : StepMasks(mask, batch, steps);
        var reorder = order is { IsIdentity: false } ? order : null;
        var final = new CellState[_cells.Length];
        var input = reorder?.Sort(x) ?? x;
        for (var l = 0; l < Layers; l++)
        {
            if (l > 0)
            {
                input = _dropout.Forward(input, dropoutRandom);
            }

            var flat = input.Reshape(batch * steps, input.Dim(2));
            // The input projection of a padded position is never read: with a length order, project the real ones only.
            var packed = order is { HasPadding: true } ? order : null;
            var real = packed?.RealPositions(flat) ?? flat;
            var outputs = new Tensor[Directions];
            for (var d = 0; d < Directions; d++)
            {
                var index = (l * Directions) + d;
                var cell = _cells[index];
                var projectedReal = cell.ProjectInputs(real);
                var projected = (packed?.SpreadOverSteps(projectedReal) ?? projectedReal).Reshape(batch, steps, cell.Gates * HiddenSize);
                var start = initial?[index] ?? cell.ZeroState(batch);
                CheckState(start, batch, index);
                if (reorder is not null && initial is not null)
                {
                    start = new CellState(reorder.Sort(start.Hidden), start.Memory is null ? null : reorder.Sort(start.Memory));
                }

                var state = cell.Pack(start);
                var perStep = new Tensor[steps];
                for (var i = 0; i < steps; i++)
                {
                    var t = d == 0 ? i : steps - 1 - i;
                    state = cell.FusedStep(projected, t, state, stepMasks?[t], order?.ActiveRows(t));
                    if (Tap is { } tap && d == 0)
                    {
                        state = GradientTapOp.Forward(state, tap, l, t, HiddenSize);
                    }

                    perStep[t] = state;
                }

                final[index] = cell.Unpack(state);
                outputs[d] = StackTimeOp.Forward(perStep, 0, HiddenSize);
            }

            input = Directions == 1 ? outputs[0] : Tensor.Concat(outputs);
        }

        if (reorder is not null)
        {
            input = reorder.Restore(input);
            for (var i = 0; i < final.Length; i++)
            {
                var state = final[i];
                final[i] = new CellState(reorder.Restore(state.Hidden), state.Memory is null ? null : reorder.Restore(state.Memory));
            }
        }

        return new RnnOutput(input, final);
    }

    private void CheckState(CellState state, int batch, int index)
    {
        if (state.Hidden.Rank != 2 || state.Hidden.Dim(0) != batch || state.Hidden.Dim(1) != HiddenSize)
        {
            throw new EngineException(
                $"rnn: initial state {index} has shape {Tensor.Describe(state.Hidden.Shape)}, expected [{batch}, {HiddenSize}].");
        }

        if (_cells[index].HasMemory && state.Memory is null)
        {
            throw new EngineException($"rnn: initial state {index} of an LSTM needs a memory cell c.");
        }
    }

    /// <summary>Per time step, the mask column [B] — or null where every example is real (no blend needed).</summary>
    private static float[]?[] StepMasks(float[] mask, int batch, int steps)
    {
        var result = new float[]?[steps];
        for (var t = 0; t < steps; t++)
        {
            var column = new float[batch];
            var allReal = true;
            for (var b = 0; b < batch; b++)
            {
                column[b] = mask[(b * steps) + t];
                allReal &= column[b] == 1f;
            }

            result[t] = allReal ? null : column;
        }

        return result;
    }
}
