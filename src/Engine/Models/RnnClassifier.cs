using HyperSweep.Engine.Layers;
using HyperSweep.Engine.Ops;

namespace HyperSweep.Engine.Models;

/// <summary>
/// Embeddings → (bi)directional multi-layer RNN over each example's real tokens only → the top layer's
/// forward state at the last real token (and backward state at the first) → logits feature·W_out + b_out.
/// Dropout (when given) on the embeddings, between layers and on the feature.
/// </summary>
public sealed class RnnClassifier : Module, IModel
{
    private readonly Embedding _embedding;
    private readonly Rnn _rnn;
    private readonly Linear _output;
    private readonly Dropout _dropout;
    private readonly ModelMemory _memory = new();

    public RnnClassifier(
        int vocabularySize, int embeddingSize, int hiddenSize, int layers, int classes, CellKind cell, Random random,
        bool bidirectional = false, float dropout = 0f, CellOptions? options = null)
    {
        if (classes < 2)
        {
            throw new EngineException($"rnn classifier: classes must be >= 2, got {classes}.");
        }

        _embedding = AddModule(new Embedding("embedding", vocabularySize, embeddingSize, random));
        _rnn = AddModule(new Rnn(cell, embeddingSize, hiddenSize, layers, bidirectional, dropout, random, options));
        _output = AddModule(new Linear("W_out", "b_out", _rnn.OutputSize, classes, random));
        _dropout = new Dropout(dropout);
    }

    public Embedding Embedding => _embedding;

    public Rnn Rnn => _rnn;

    public Tensor Logits(ModelBatch batch, Random? dropoutRandom)
    {
        batch.Validate("rnn classifier", needsLabels: false, needsTargets: false);
        var (b, t) = (batch.BatchSize, batch.Length);
        var x = _dropout.Forward(_embedding.Forward(BatchTokens.WithPaddingRemoved(batch), b, t), dropoutRandom);
        var result = _rnn.Forward(x, batch.Mask, null, dropoutRandom);
        var top = (_rnn.Layers - 1) * _rnn.Directions;
        var feature = _rnn.Directions == 1
            ? result.Final[top].Hidden
            : Tensor.Concat(result.Final[top].Hidden, result.Final[top + 1].Hidden);
        return _output.Forward(_dropout.Forward(feature, dropoutRandom));
    }

    public Tensor Loss(ModelBatch batch, Random? dropoutRandom)
    {
        batch.Validate("rnn classifier", needsLabels: true, needsTargets: false);
        using var memory = _memory.ForTraining();
        return Logits(batch, dropoutRandom).CrossEntropy(batch.Labels!);
    }

    public EvaluationSums Evaluate(ModelBatch batch)
    {
        batch.Validate("rnn classifier", needsLabels: true, needsTargets: false);
        using var memory = _memory.ForEvaluation();
        using var scope = new NoGradScope();
        var (loss, count, correct) = CrossEntropyOp.Evaluate(Logits(batch, null), batch.Labels!, null);
        return new EvaluationSums(loss, count, correct);
    }

    public void ResetState()
    {
    }
}
