using System.Numerics.Tensors;
using HyperSweep.Engine.Autodiff;

namespace HyperSweep.Engine.Ops;

/// <summary>
/// Cross-entropy from logits, fused with the softmax: CE(z, y) = logsumexp(z) − z[y] per row of the last
/// axis, weighted by an optional mask (0 = not a target) and averaged over the total weight (or summed).
/// Targets below 0 are padding and count as weight 0. Backward is (softmax − onehot) · weight / total.
/// </summary>
internal sealed class CrossEntropyOp : Op
{
    private readonly int[] _targets;
    private readonly float[] _weights;
    // w·scale·softmax per row (zero rows for non-targets): the logits' gradient for g = 1, without the one-hot.
    private readonly float[] _probabilities;
    private readonly int _classes;
    private readonly float _scale;

    private CrossEntropyOp(Tensor logits, int[] targets, float[] weights, float[] probabilities, int classes, float scale)
        : base(logits)
    {
        _targets = targets;
        _weights = weights;
        _probabilities = probabilities;
        _classes = classes;
        _scale = scale;
    }

    /// <param name="consumeLogits">
    /// Write the softmax over the logits' own buffer instead of a new one (a language model's logits are B·T × V floats,
    /// 45 MB for SHAPES.md's LMs: writing a second buffer that size costs a read of it from memory first). Only for a
    /// caller that made the logits and reads them no more: their values are gone after this call.
    /// </param>
    public static Tensor Forward(Tensor logits, int[] targets, float[]? mask, bool mean, bool consumeLogits = false)
    {
        const string name = "cross_entropy";
        if (logits.Rank < 1)
        {
            throw new EngineException($"{name}: logits must have a class axis, got shape {Tensor.Describe(logits.Shape)}.");
        }

        var classes = logits.Dim(-1);
        var rows = classes == 0 ? 0 : logits.Size / classes;
        ShapeCheck.Length(name, $"targets for logits {Tensor.Describe(logits.Shape)}", targets.Length, rows);
        if (mask is not null)
        {
            ShapeCheck.Length(name, $"mask for logits {Tensor.Describe(logits.Shape)}", mask.Length, rows);
        }

        var weights = TensorArena.Allocate(rows);
        double total = 0;
        for (var i = 0; i < rows; i++)
        {
            var w = mask is null ? 1f : mask[i];
            if (w == 0f || targets[i] < 0)
            {
                continue;
            }

            if (targets[i] >= classes)
            {
                throw new EngineException($"{name}: target {targets[i]} at row {i} is outside 0..{classes - 1}.");
            }

            weights[i] = w;
            total += w;
        }

        if (mean && total <= 0)
        {
            throw new EngineException($"{name}: no real targets in the batch (every row masked or padding).");
        }

        // The total weight is known before the softmax pass, so each row's normalisation also applies the row's
        // weight and the mean's scale: the saved rows are the logits' gradient for an upstream gradient of 1 (less
        // the one-hot), and the backward pass of the usual case only touches the target entries.
        var scale = mean ? 1.0 / total : 1.0;
        var scaled = consumeLogits ? logits.Data : TensorArena.AllocateUninitialized(logits.Size);
        double loss = 0;
        for (var i = 0; i < rows; i++)
        {
            var w = weights[i];
            var p = scaled.AsSpan(i * classes, classes);
            if (w == 0f)
            {
                p.Clear();
                continue;
            }

            var row = logits.Data.AsSpan(i * classes, classes);
            var target = row[targets[i]];   // read before the row may be overwritten
            var logSumExp = SoftmaxOp.SoftmaxRowWithLogSumExp(row, p, w * scale);
            loss += w * (logSumExp - target);
        }

        var y = Tensor.ForOutput([]);
        y.Data[0] = (float)(loss * scale);
        if (ShouldRecord(logits))
        {
            y.SetCreator(new CrossEntropyOp(logits, (int[])targets.Clone(), weights, scaled, classes, (float)scale));
        }

        return y;
    }

    /// <summary>Without a graph: Σ weight·CE, Σ weight, and how many weighted rows have their target as the arg-max.</summary>
    public static (double LossSum, double Count, long Correct) Evaluate(Tensor logits, int[] targets, float[]? mask)
    {
        var classes = logits.Dim(-1);
        var rows = logits.Size / classes;
        ShapeCheck.Length("cross_entropy", $"targets for logits {Tensor.Describe(logits.Shape)}", targets.Length, rows);
        double loss = 0;
        double count = 0;
        long correct = 0;
        var scratch = new float[classes];
        for (var i = 0; i < rows; i++)
        {
            var w = mask is null ? 1f : mask[i];
            if (w == 0f || targets[i] < 0)
            {
                continue;
            }

            if (targets[i] >= classes)
            {
                throw new EngineException($"cross_entropy: target {targets[i]} at row {i} is outside 0..{classes - 1}.");
            }

            var row = logits.Data.AsSpan(i * classes, classes);
            loss += w * (SoftmaxOp.LogSoftmaxRow(row, scratch) - row[targets[i]]);
            count += w;
            if (TensorPrimitives.IndexOfMax(row) == targets[i])
            {
                correct++;
            }
        }

        return (loss, count, correct);
    }

    public override void Backward(Tensor output)
    {
        var logits = Inputs[0];
        var g = output.Grad![0];

        // Usually nothing else feeds the logits' gradient: then the saved rows become it, in place, which saves a
        // buffer of the size of the logits (B·T × V for a language model); with g = 1 only the targets change.
        var inPlace = logits.Grad is null;
        var gx = inPlace ? _probabilities : logits.Grad!;
        for (var i = 0; i < _weights.Length; i++)
        {
            var w = _weights[i];
            if (w == 0f)
            {
                continue;   // the saved row is zero
            }

            var gRow = gx.AsSpan(i * _classes, _classes);
            if (!inPlace)
            {
                TensorPrimitives.MultiplyAdd(_probabilities.AsSpan(i * _classes, _classes), g, gRow, gRow);
            }
            else if (g != 1f)
            {
                TensorPrimitives.Multiply(gRow, g, gRow);
            }

            gRow[_targets[i]] -= g * w * _scale;
        }

        if (inPlace)
        {
            logits.Grad = _probabilities;
        }
    }
}
