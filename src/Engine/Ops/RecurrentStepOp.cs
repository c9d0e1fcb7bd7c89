using System.Numerics.Tensors;
using HyperSweep.Engine.Autodiff;
using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Ops;

/// <summary>
/// One fused recurrent step: from the state S_prev [B, sH] (s = 2 for an LSTM, whose rows are [h | c]),
/// the input projection of step t (rows of X [B, T, G·H], computed for all steps in one GEMM beforehand)
/// and W_h, b_h, it computes R = h·W_h + b_h with one GEMM and the cell's pointwise math in one pass,
/// writing the new state S [B, sH]. A padded row keeps its previous state, which is PyTorch's packed-sequence
/// behaviour, in one of two forms: with a row mask (S = m·S_new + (1 − m)·S_prev, any order of rows), or, when the
/// batch is sorted by length (see <see cref="Layers.Rnn"/>), with a count of active rows: only the first
/// <see cref="Rows"/> rows take the step (GEMMs of that many rows, as PyTorch's packed batches shrink), the others
/// are copied — the padded positions cost nothing.
/// Backward mirrors it: the cell gives dX and dR; then dW_h += hᵀ·dR, db_h += Σ dR, dh += dR·W_hᵀ.
/// The three cells (Elman, LSTM, GRU) supply only their pointwise forward and backward.
/// </summary>
internal abstract class RecurrentStepOp : Op
{
    protected RecurrentStepOp(
        Tensor projected, int t, Tensor previous, Tensor weight, Tensor? bias, float[]? rowMask, int? activeRows, int stateWidth)
        : base(bias is null ? [projected, previous, weight] : [projected, previous, weight, bias])
    {
        T = t;
        RowMask = rowMask;
        Hidden = weight.Dim(0);
        GateWidth = weight.Dim(1);
        StateWidth = stateWidth;
        Batch = previous.Dim(0);
        Rows = activeRows ?? Batch;
        Steps = projected.Dim(1);
        HPrev = [];
        Recurrent = [];
    }

    protected int T { get; }

    protected float[]? RowMask { get; }

    protected int Hidden { get; }

    protected int GateWidth { get; }

    protected int StateWidth { get; }

    protected int Batch { get; }

    /// <summary>The rows that take this step: the first <c>Rows</c> of the batch (all of them unless a count of active
    /// rows was given). The cells compute these rows only.</summary>
    protected int Rows { get; }

    protected int Steps { get; }

    protected Tensor Projected => Inputs[0];

    protected Tensor Previous => Inputs[1];

    protected Tensor Weight => Inputs[2];

    protected Tensor? Bias => Inputs.Length > 3 ? Inputs[3] : null;

    /// <summary>h of the previous state as a contiguous [B, H] matrix.</summary>
    protected float[] HPrev { get; private set; }

    /// <summary>R = h·W_h + b_h, [B, G·H].</summary>
    protected float[] Recurrent { get; private set; }

    /// <summary>Runs the step; records it when any input needs a gradient.</summary>
    public Tensor Run()
    {
        var name = GetType().Name;
        if (Projected.Rank != 3 || Projected.Dim(0) != Batch || Projected.Dim(2) != GateWidth || T < 0 || T >= Steps)
        {
            throw ShapeCheck.Mismatch(name, Projected, Weight, $"projected inputs must be [{Batch}, T, {GateWidth}] with step {T} inside T");
        }

        if (Previous.Rank != 2 || Previous.Dim(1) != StateWidth)
        {
            throw ShapeCheck.Mismatch(name, Previous, Weight, $"the state must be [B, {StateWidth}]");
        }

        if (RowMask is not null)
        {
            ShapeCheck.Length(name, "row mask", RowMask.Length, Batch);
        }

        if (Rows < 0 || Rows > Batch || (RowMask is not null && Rows != Batch))
        {
            throw new EngineException($"{name}: {Rows} active rows of a batch of {Batch} (a row mask needs all rows active).");
        }

        HPrev = StateWidth == Hidden ? Previous.Data : CopyColumns(Previous.Data, StateWidth, 0, Hidden);
        // With a bias every row is overwritten by it below, so the buffer need not be cleared first.
        Recurrent = Bias is null ? TensorArena.Allocate(Rows * GateWidth) : TensorArena.AllocateUninitialized(Rows * GateWidth);
        if (Bias is not null)
        {
            for (var b = 0; b < Rows; b++)
            {
                Bias.Data.CopyTo(Recurrent, b * GateWidth);
            }
        }

        // The cell writes all of the active rows of the new state; the inactive ones keep the previous state.
        var output = Tensor.ForOutputUninitialized([Batch, StateWidth]);
        if (Rows > 0)
        {
            Gemm.Current.Multiply(HPrev, Weight.Data, Recurrent, Rows, GateWidth, Hidden, accumulate: true);
            ComputeCell(output.Data);
        }

        Previous.Data.AsSpan(Rows * StateWidth, (Batch - Rows) * StateWidth).CopyTo(output.Data.AsSpan(Rows * StateWidth));
        if (RowMask is not null)
        {
            for (var b = 0; b < Batch; b++)
            {
                var m = RowMask[b];
                if (m != 1f)
                {
                    var row = output.Data.AsSpan(b * StateWidth, StateWidth);
                    var previousRow = Previous.Data.AsSpan(b * StateWidth, StateWidth);
                    TensorPrimitives.Multiply(row, m, row);
                    TensorPrimitives.MultiplyAdd(previousRow, 1f - m, row, row);
                }
            }
        }

        if (ShouldRecord(Inputs))
        {
            output.SetCreator(this);
        }

        return output;
    }

    public override void Backward(Tensor output)
    {
        var g = output.Grad!;
        var effective = TensorArena.AllocateUninitialized(Rows * StateWidth);   // overwritten by the copy of g
        g.AsSpan(0, Rows * StateWidth).CopyTo(effective);

        // The previous state's direct (non-GEMM) gradient is added straight into its gradient buffer ([B, sH], the same
        // layout), or into a scratch buffer when the previous state needs no gradient.
        var previousDirect = Previous.RequiresGrad ? PreviousGradient() : TensorArena.Allocate(Batch * StateWidth);
        if (Rows < Batch && Previous.RequiresGrad)
        {
            // An inactive row's new state is its previous state: the gradient passes through unchanged.
            var passed = previousDirect.AsSpan(Rows * StateWidth, (Batch - Rows) * StateWidth);
            TensorPrimitives.Add(passed, g.AsSpan(Rows * StateWidth, (Batch - Rows) * StateWidth), passed);
        }

        if (RowMask is not null)
        {
            for (var b = 0; b < Batch; b++)
            {
                var m = RowMask[b];
                if (m != 1f)
                {
                    var row = effective.AsSpan(b * StateWidth, StateWidth);
                    var direct = previousDirect.AsSpan(b * StateWidth, StateWidth);
                    TensorPrimitives.MultiplyAdd(row, 1f - m, direct, direct);
                    TensorPrimitives.Multiply(row, m, row);
                }
            }
        }

        if (Rows == 0)
        {
            return;   // no row took the step: nothing reached the input, the weights or the bias
        }

        var dX = BackwardCellWritesAllOfDX ? TensorArena.AllocateUninitialized(Rows * GateWidth) : TensorArena.Allocate(Rows * GateWidth);
        var dR = RecurrentGradientIsInputGradient ? dX : TensorArena.Allocate(Rows * GateWidth);
        BackwardCell(effective, dX, dR, previousDirect);

        if (Projected.RequiresGrad)
        {
            var gp = Projected.GradSpan();
            for (var b = 0; b < Rows; b++)
            {
                var destination = gp.Slice(((b * Steps) + T) * GateWidth, GateWidth);
                TensorPrimitives.Add(destination, dX.AsSpan(b * GateWidth, GateWidth), destination);
            }
        }

        if (Previous.RequiresGrad)
        {
            // previousDirect is the previous state's gradient itself: the GEMM's dh goes into its h columns.
            if (StateWidth == Hidden)
            {
                Gemm.Current.Multiply(dR, Weight.Data, previousDirect, Rows, Hidden, GateWidth, transposeB: true, accumulate: true);
            }
            else
            {
                var dh = TensorArena.AllocateUninitialized(Rows * Hidden);   // written whole by the GEMM
                Gemm.Current.Multiply(dR, Weight.Data, dh, Rows, Hidden, GateWidth, transposeB: true);
                for (var b = 0; b < Rows; b++)
                {
                    var hPart = previousDirect.AsSpan(b * StateWidth, Hidden);
                    TensorPrimitives.Add(hPart, dh.AsSpan(b * Hidden, Hidden), hPart);
                }
            }
        }

        if (Weight.RequiresGrad)
        {
            // dW_h += hᵀ·dR of every step of the sequence as one product at the end of the backward pass.
            DeferredWeightGradients.Current.Add(Weight, HPrev, dR, Rows, Hidden, GateWidth, Batch * Steps);
        }

        if (Bias is { RequiresGrad: true } bias)
        {
            var gb = bias.GradSpan();
            for (var b = 0; b < Rows; b++)
            {
                TensorPrimitives.Add(gb, dR.AsSpan(b * GateWidth, GateWidth), gb);
            }
        }
    }

    /// <summary>The previous state's gradient buffer ([B, sH]), allocated (zeroed) on first use.</summary>
    private float[] PreviousGradient()
    {
        Previous.GradSpan();
        return Previous.Grad!;
    }

    /// <summary>Row b of step t's input projection.</summary>
    protected ReadOnlySpan<float> InputRow(int b)
    {
        return Projected.Data.AsSpan(((b * Steps) + T) * GateWidth, GateWidth);
    }

    /// <summary>
    /// True when dR equals dX (Elman, LSTM: R and the input projection enter the pre-activations the same way): the
    /// backward then passes one buffer as both, and the cell writes it once.
    /// </summary>
    protected virtual bool RecurrentGradientIsInputGradient => false;

    /// <summary>True when <see cref="BackwardCell"/> writes every element of dX (it then starts uncleared).</summary>
    protected virtual bool BackwardCellWritesAllOfDX => false;

    /// <summary>Writes every element of the first <see cref="Rows"/> rows of the (unmasked) new state [B, sH] and saves
    /// what the backward needs.</summary>
    protected abstract void ComputeCell(float[] newState);

    /// <summary>
    /// From the gradient of the new state's active rows (masking already applied), fills dX and dR ([Rows, G·H]: the
    /// gradients of the input projection and of R) and adds the direct (non-GEMM) gradient of the previous state to
    /// <paramref name="previousDirect"/> (which may hold other contributions already: add, never store). dR is the same
    /// array as dX when <see cref="RecurrentGradientIsInputGradient"/>; dX starts cleared unless
    /// <see cref="BackwardCellWritesAllOfDX"/>.
    /// </summary>
    protected abstract void BackwardCell(float[] gradient, float[] dX, float[] dR, float[] previousDirect);

    private float[] CopyColumns(float[] source, int width, int start, int count)
    {
        var result = TensorArena.Allocate(Rows * count);
        for (var b = 0; b < Rows; b++)
        {
            source.AsSpan((b * width) + start, count).CopyTo(result.AsSpan(b * count, count));
        }

        return result;
    }
}
