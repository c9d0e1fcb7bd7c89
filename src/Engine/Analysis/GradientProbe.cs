using HyperSweep.Engine.Layers;
using HyperSweep.Engine.Models;

namespace HyperSweep.Engine.Analysis;

/// <summary>
/// Measures ‖∂L/∂h_t‖ of a recurrent model on one batch (the trainer uses its first validation batch, once per epoch,
/// when asked to): a forward pass with a <see cref="GradientTap"/> on the RNN, the loss taken at ONE position per
/// example — the classifier's prediction from the last real token, or only the language model's last position (its
/// usual loss sums every position, which would mix the gradient of near and far targets) — and one backward pass.
/// It leaves no trace in training: no dropout, no random draws, the parameters' gradients are cleared afterwards and
/// the model's carried state is reset, so a run with the probe gives bit-identical metrics to one without.
/// </summary>
public static class GradientProbe
{
    /// <summary>The profile, or null for a model without recurrence (DAN, NPLM).</summary>
    public static GradientProfile? Measure(IModel model, ModelBatch batch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        Rnn rnn;
        ModelBatch probe;
        int[] lengths;
        switch (model)
        {
            case RnnClassifier classifier:
                (rnn, probe, lengths) = (classifier.Rnn, batch, RealLengths(batch));
                break;
            case RnnLanguageModel languageModel:
                (rnn, probe, lengths) = (languageModel.Rnn, LastPositionOnly(batch), [.. Enumerable.Repeat(batch.Length, batch.BatchSize)]);
                break;
            default:
                return null;
        }

        var tap = new GradientTap(rnn.Layers, probe.Length, probe.BatchSize);
        model.ResetState();
        rnn.Tap = tap;
        try
        {
            var loss = model.Loss(probe, dropoutRandom: null);
            loss.Backward();
        }
        finally
        {
            rnn.Tap = null;
            model.ResetState();
            foreach (var parameter in model.Parameters)
            {
                parameter.ZeroGrad();
            }
        }

        return new GradientProfile(rnn.Kind.ToString().ToLowerInvariant(), Average(tap, lengths));
    }

    /// <summary>Mean over examples of the norm k steps before each example's loss position.</summary>
    private static IReadOnlyList<IReadOnlyList<double>> Average(GradientTap tap, int[] lengths)
    {
        var longest = lengths.Max();
        var layers = new List<IReadOnlyList<double>>();
        for (var l = 0; l < tap.Layers; l++)
        {
            var sums = new double[longest];
            var counts = new int[longest];
            for (var b = 0; b < tap.Batch; b++)
            {
                for (var t = 0; t < lengths[b]; t++)
                {
                    var k = lengths[b] - 1 - t;
                    sums[k] += tap.Norm(l, t, b);
                    counts[k]++;
                }
            }

            layers.Add([.. sums.Select((s, k) => s / counts[k])]);
        }

        return layers;
    }

    /// <summary>The classifier reads each example's real tokens only; its loss is at the last of them.</summary>
    private static int[] RealLengths(ModelBatch batch)
    {
        var lengths = new int[batch.BatchSize];
        for (var b = 0; b < batch.BatchSize; b++)
        {
            var length = 0;
            for (var t = 0; t < batch.Length; t++)
            {
                length += batch.Mask[(b * batch.Length) + t] > 0 ? 1 : 0;
            }

            lengths[b] = Math.Max(1, length);
        }

        return lengths;
    }

    /// <summary>The batch with the loss weight on the last position only.</summary>
    private static ModelBatch LastPositionOnly(ModelBatch batch)
    {
        var mask = new float[batch.Mask.Length];
        for (var b = 0; b < batch.BatchSize; b++)
        {
            mask[(b * batch.Length) + batch.Length - 1] = 1f;
        }

        return batch with { Mask = mask };
    }
}
