using HyperSweep.Engine.Layers;
using HyperSweep.Engine.Models;
using HyperSweep.Engine.Optimizers;

namespace HyperSweep.Engine.Bench;

/// <summary>
/// A model of one shapes row, its optimizer and a cycle of synthetic random batches (fixed seeds), built as
/// ../shared/bench/bench.py builds PyTorch's: uniform random token ids, real lengths uniform in the row's range,
/// random labels; language models read one long random stream per batch row, cut into BPTT windows.
/// </summary>
public sealed class ModelWorkload
{
    private const int BatchCount = 16;

    private ModelWorkload(ModelShape shape, IModel model, Optimizer optimizer, IReadOnlyList<ModelBatch> batches)
    {
        Shape = shape;
        Model = model;
        Optimizer = optimizer;
        Batches = batches;
        TokensPerStep = batches.Average(RealTokens);
        FlopsPerStep = batches.Average(Flops);
    }

    public ModelShape Shape { get; }

    public IModel Model { get; }

    public Optimizer Optimizer { get; }

    public IReadOnlyList<ModelBatch> Batches { get; }

    /// <summary>Mean real (unpadded) tokens per batch; the batch size for the NPLM (one predicted word per example).</summary>
    public double TokensPerStep { get; }

    /// <summary>Mean training FLOPs per step as SHAPES.md counts them (matrix multiplies only, 3 × forward).</summary>
    public double FlopsPerStep { get; }

    public static ModelWorkload Create(ModelShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var init = new Random(0);
        var data = new Random(1234);
        var cell = shape.Kind switch
        {
            ModelKind.LstmLanguageModel => CellKind.Lstm,
            ModelKind.GruLanguageModel => CellKind.Gru,
            _ => CellKind.Elman,
        };
        IModel model = shape.Kind switch
        {
            ModelKind.Dan => new Dan(
                shape.Vocabulary, shape.Embedding, shape.Hidden, shape.Classes, init,
                shape.HiddenActivation == "relu" ? Activation.Relu : Activation.Tanh),
            ModelKind.Nplm => new Nplm(shape.Vocabulary, shape.Embedding, shape.Length, shape.Hidden[0], init),
            ModelKind.RnnClassifier => new RnnClassifier(
                shape.Vocabulary, shape.Embedding, shape.Hidden[0], shape.Layers, shape.Classes, cell, init, shape.Bidirectional),
            _ => new RnnLanguageModel(shape.Vocabulary, shape.Embedding, shape.Hidden[0], shape.Layers, cell, init),
        };
        Optimizer optimizer = shape.Optimizer == "adam"
            ? new Adam(model.Parameters, shape.LearningRate, clipNorm: shape.Clip)
            : new Sgd(model.Parameters, shape.LearningRate, clipNorm: shape.Clip);
        var batches = shape.Kind switch
        {
            ModelKind.Nplm => Enumerable.Range(0, BatchCount).Select(_ => NgramBatch(shape, data)).ToList(),
            ModelKind.Dan or ModelKind.RnnClassifier => Enumerable.Range(0, BatchCount).Select(_ => ClassificationBatch(shape, data)).ToList(),
            _ => LanguageModelBatches(shape, data),
        };
        return new ModelWorkload(shape, model, optimizer, batches);
    }

    private double RealTokens(ModelBatch batch) =>
        Shape.Kind == ModelKind.Nplm ? batch.BatchSize : batch.Mask.Sum(weight => weight > 0 ? 1.0 : 0.0);

    private double Flops(ModelBatch batch)
    {
        var s = Shape;
        double forward;
        switch (s.Kind)
        {
            case ModelKind.Dan:
                var widths = new List<int> { s.Embedding };
                widths.AddRange(s.Hidden);
                widths.Add(s.Classes);
                forward = 2.0 * s.Batch * widths.Zip(widths.Skip(1), (a, b) => (double)a * b).Sum();
                break;
            case ModelKind.Nplm:
                forward = 2.0 * s.Batch * (((double)s.Length * s.Embedding * s.Hidden[0]) + ((double)s.Hidden[0] * s.Vocabulary));
                break;
            case ModelKind.RnnClassifier:
                var h = s.Hidden[0];
                var directions = s.Bidirectional ? 2 : 1;
                double perToken = 0;
                for (var layer = 0; layer < s.Layers; layer++)
                {
                    var input = layer == 0 ? s.Embedding : directions * h;
                    perToken += directions * (((double)input * h) + ((double)h * h));
                }

                forward = (2.0 * RealTokens(batch) * perToken) + (2.0 * s.Batch * directions * h * s.Classes);
                break;
            default:
                // Every layer's recurrence (input E, then H), as bench.py counts it.
                var gates = s.Kind switch { ModelKind.LstmLanguageModel => 4, ModelKind.GruLanguageModel => 3, _ => 1 };
                var hidden = s.Hidden[0];
                double recurrence = 0;
                for (var layer = 0; layer < s.Layers; layer++)
                {
                    var input = layer == 0 ? s.Embedding : hidden;
                    recurrence += gates * (((double)input * hidden) + ((double)hidden * hidden));
                }

                forward = 2.0 * s.Batch * s.Length * (recurrence + ((double)hidden * s.Vocabulary));
                break;
        }

        return 3 * forward;
    }

    private static ModelBatch ClassificationBatch(ModelShape s, Random random)
    {
        var lengths = Enumerable.Range(0, s.Batch).Select(_ => random.Next(s.MinLength, s.MaxLength + 1)).ToArray();
        var t = s.Length > 0 ? s.Length : lengths.Max();
        var tokens = new int[s.Batch * t];
        var mask = new float[s.Batch * t];
        for (var b = 0; b < s.Batch; b++)
        {
            for (var i = 0; i < t; i++)
            {
                var real = i < lengths[b];
                tokens[(b * t) + i] = real ? random.Next(s.Vocabulary) : 0;
                mask[(b * t) + i] = real ? 1f : 0f;
            }
        }

        var labels = Enumerable.Range(0, s.Batch).Select(_ => random.Next(s.Classes)).ToArray();
        return new ModelBatch(s.Batch, t, tokens, mask, labels);
    }

    private static ModelBatch NgramBatch(ModelShape s, Random random)
    {
        var tokens = Enumerable.Range(0, s.Batch * s.Length).Select(_ => random.Next(s.Vocabulary)).ToArray();
        var labels = Enumerable.Range(0, s.Batch).Select(_ => random.Next(s.Vocabulary)).ToArray();
        return ModelBatch.Dense(s.Batch, s.Length, tokens, labels);
    }

    private static List<ModelBatch> LanguageModelBatches(ModelShape s, Random random)
    {
        var (b, t) = (s.Batch, s.Length);
        var streamLength = (BatchCount * t) + 1;
        var streams = new int[b][];
        for (var row = 0; row < b; row++)
        {
            streams[row] = Enumerable.Range(0, streamLength).Select(_ => random.Next(s.Vocabulary)).ToArray();
        }

        var batches = new List<ModelBatch>();
        for (var k = 0; k < BatchCount; k++)
        {
            var tokens = new int[b * t];
            var targets = new int[b * t];
            for (var row = 0; row < b; row++)
            {
                Array.Copy(streams[row], k * t, tokens, row * t, t);
                Array.Copy(streams[row], (k * t) + 1, targets, row * t, t);
            }

            batches.Add(ModelBatch.Dense(b, t, tokens, targets: targets));
        }

        return batches;
    }
}
