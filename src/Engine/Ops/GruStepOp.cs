using System.Numerics.Tensors;
using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Ops;

/// <summary>
/// GRU step, gates r, z, n: r = σ(X_r + R_r), z = σ(X_z + R_z), h' = n + z⊙(h − n) with
/// n = tanh(X_n + r⊙R_n) ("after", PyTorch) or n = tanh(X_n + (r⊙h)·W_h,n + b_h,n) ("before", Cho et al.).
/// The "before" form runs a second GEMM on r⊙h over the whole W_h and uses its n block.
/// </summary>
internal sealed class GruStepOp : RecurrentStepOp
{
    private readonly bool _resetBefore;
    private float[] _reset = [];
    private float[] _update = [];
    private float[] _candidate = [];
    private float[] _resetHidden = [];

    public GruStepOp(Tensor projected, int t, Tensor previous, Tensor weight, Tensor? bias, float[]? rowMask, int? activeRows, bool resetBefore)
        : base(projected, t, previous, weight, bias, rowMask, activeRows, weight.Dim(0))
    {
        _resetBefore = resetBefore;
    }

    protected override void ComputeCell(float[] newState)
    {
        var h = Hidden;
        // Written whole below, row by row.
        _reset = TensorArena.AllocateUninitialized(Rows * h);
        _update = TensorArena.AllocateUninitialized(Rows * h);
        _candidate = TensorArena.AllocateUninitialized(Rows * h);
        for (var b = 0; b < Rows; b++)
        {
            var x = InputRow(b);
            var r = Recurrent.AsSpan(b * 3 * h, 3 * h);
            var reset = _reset.AsSpan(b * h, h);
            var update = _update.AsSpan(b * h, h);
            TensorPrimitives.Add(x[..h], r[..h], reset);
            VectorActivations.Sigmoid(reset, reset);
            TensorPrimitives.Add(x.Slice(h, h), r.Slice(h, h), update);
            VectorActivations.Sigmoid(update, update);
        }

        float[]? resetProjection = null;
        if (_resetBefore)
        {
            _resetHidden = TensorArena.Allocate(Rows * h);
            TensorPrimitives.Multiply(_reset, HPrev.AsSpan(0, Rows * h), _resetHidden);
            resetProjection = TensorArena.Allocate(Rows * 3 * h);
            Gemm.Current.Multiply(_resetHidden, Weight.Data, resetProjection, Rows, 3 * h, h);
        }

        for (var b = 0; b < Rows; b++)
        {
            var xn = InputRow(b).Slice(2 * h, h);
            var candidate = _candidate.AsSpan(b * h, h);
            if (_resetBefore)
            {
                TensorPrimitives.Add(xn, resetProjection.AsSpan((b * 3 * h) + (2 * h), h), candidate);
                if (Bias is not null)
                {
                    TensorPrimitives.Add(candidate, Bias.Data.AsSpan(2 * h, h), candidate);
                }
            }
            else
            {
                TensorPrimitives.MultiplyAdd(_reset.AsSpan(b * h, h), Recurrent.AsSpan((b * 3 * h) + (2 * h), h), xn, candidate);
            }

            VectorActivations.Tanh(candidate, candidate);

            // h' = n + z⊙(h − n)
            var state = newState.AsSpan(b * h, h);
            TensorPrimitives.Subtract(HPrev.AsSpan(b * h, h), candidate, state);
            TensorPrimitives.MultiplyAdd(_update.AsSpan(b * h, h), state, candidate, state);
        }
    }

    protected override void BackwardCell(float[] gradient, float[] dX, float[] dR, float[] previousDirect)
    {
        var h = Hidden;
        var dCandidatePre = TensorArena.Allocate(Rows * h);
        for (var b = 0; b < Rows; b++)
        {
            var dx = dX.AsSpan(b * 3 * h, 3 * h);
            var dr = dR.AsSpan(b * 3 * h, 3 * h);
            for (var j = 0; j < h; j++)
            {
                var k = (b * h) + j;
                var (z, n, hp, dh) = (_update[k], _candidate[k], HPrev[k], gradient[k]);
                var dn = dh * (1f - z);
                previousDirect[k] += dh * z;
                var dz = dh * (hp - n) * z * (1f - z);
                var dnPre = dn * (1f - (n * n));
                dCandidatePre[k] = dnPre;
                dx[h + j] = dz;
                dr[h + j] = dz;
                dx[(2 * h) + j] = dnPre;
                if (!_resetBefore)
                {
                    var r = _reset[k];
                    dr[(2 * h) + j] = dnPre * r;
                    var dReset = dnPre * Recurrent[(b * 3 * h) + (2 * h) + j];
                    var dResetPre = dReset * r * (1f - r);
                    dx[j] = dResetPre;
                    dr[j] = dResetPre;
                }
            }
        }

        if (_resetBefore)
        {
            BackwardResetBefore(dCandidatePre, dX, dR, previousDirect);
        }
    }

    /// <summary>The "before" form: n's pre-activation is (r⊙h)·W_h,n + b_h,n, a second GEMM to differentiate.</summary>
    private void BackwardResetBefore(float[] dCandidatePre, float[] dX, float[] dR, float[] previousDirect)
    {
        var h = Hidden;
        var dProjection = TensorArena.Allocate(Rows * 3 * h);   // [0 | 0 | dn_pre]
        for (var b = 0; b < Rows; b++)
        {
            dCandidatePre.AsSpan(b * h, h).CopyTo(dProjection.AsSpan((b * 3 * h) + (2 * h), h));
        }

        if (Weight.RequiresGrad)
        {
            var gw = Weight.GradSpanForOverwrite(out var overwrite);
            Gemm.Current.Multiply(_resetHidden, dProjection, gw, h, 3 * h, Rows, transposeA: true, accumulate: !overwrite);
        }

        if (Bias is { RequiresGrad: true } bias)
        {
            var gb = bias.GradSpan().Slice(2 * h, h);
            for (var b = 0; b < Rows; b++)
            {
                TensorPrimitives.Add(gb, dCandidatePre.AsSpan(b * h, h), gb);
            }
        }

        var dResetHidden = TensorArena.Allocate(Rows * h);
        Gemm.Current.Multiply(dProjection, Weight.Data, dResetHidden, Rows, h, 3 * h, transposeB: true);
        for (var b = 0; b < Rows; b++)
        {
            var dx = dX.AsSpan(b * 3 * h, 3 * h);
            var dr = dR.AsSpan(b * 3 * h, 3 * h);
            for (var j = 0; j < h; j++)
            {
                var k = (b * h) + j;
                var r = _reset[k];
                previousDirect[k] += dResetHidden[k] * r;
                var dResetPre = dResetHidden[k] * HPrev[k] * r * (1f - r);
                dx[j] = dResetPre;
                dr[j] = dResetPre;
            }
        }
    }
}
