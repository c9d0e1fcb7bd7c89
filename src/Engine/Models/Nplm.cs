using HyperSweep.Engine.Layers;
using HyperSweep.Engine.Ops;

namespace HyperSweep.Engine.Models;

/// <summary>
/// Bengio et al. (2003) neural probabilistic language model: the n context embeddings concatenated
/// (farthest word first) → tanh(x·W_h + b_h) → logits h·W_out + b_out (+ x·W_direct with direct connections).
/// The batch's Tokens are [B, n] contexts and its Labels [B] the next words; a masked-out context position
/// (e.g. before the start of a text) contributes a zero vector.
/// </summary>
public sealed class Nplm : Module, IModel
{
    private readonly Embedding _embedding;
    private readonly Linear _hidden;
    private readonly Linear _output;
    private readonly Linear? _direct;
    private readonly Dropout _dropout;
    private readonly ModelMemory _memory = new();

    public Nplm(int vocabularySize, int embeddingSize, int context, int hiddenSize, Random random, bool direct = false, float dropout = 0f)
    {
        if (context < 1)
        {
            throw new EngineException($"nplm: context must be >= 1, got {context}.");
        }

        Context = context;
        _embedding = AddModule(new Embedding("embedding", vocabularySize, embeddingSize, random));
        _hidden = AddModule(new Linear("W_h", "b_h", context * embeddingSize, hiddenSize, random));
        _output = AddModule(new Linear("W_out", "b_out", hiddenSize, vocabularySize, random));
        _direct = direct ? AddModule(new Linear("W_direct", null, context * embeddingSize, vocabularySize, random)) : null;
        _dropout = new Dropout(dropout);
    }

    public int Context { get; }

    public Embedding Embedding => _embedding;

    public Tensor Logits(ModelBatch batch, Random? dropoutRandom)
    {
        batch.Validate("nplm", needsLabels: false, needsTargets: false);
        if (batch.Length != Context)
        {
            throw new EngineException($"nplm: batch has {batch.Length} context words per example, the model expects {Context}.");
        }

        var x = _embedding.Forward(BatchTokens.WithPaddingRemoved(batch), batch.BatchSize, batch.Length)
            .Reshape(batch.BatchSize, Context * _embedding.Dimension);
        var h = _dropout.Forward(_hidden.Forward(x).Tanh(), dropoutRandom);
        var logits = _output.Forward(h);
        return _direct is null ? logits : logits + _direct.Forward(x);
    }

    public Tensor Loss(ModelBatch batch, Random? dropoutRandom)
    {
        batch.Validate("nplm", needsLabels: true, needsTargets: false);
        using var memory = _memory.ForTraining();
        return Logits(batch, dropoutRandom).CrossEntropyConsumingLogits(batch.Labels!);
    }

    public EvaluationSums Evaluate(ModelBatch batch)
    {
        batch.Validate("nplm", needsLabels: true, needsTargets: false);
        using var memory = _memory.ForEvaluation();
        using var scope = new NoGradScope();
        var (loss, count, correct) = CrossEntropyOp.Evaluate(Logits(batch, null), batch.Labels!, null);
        return new EvaluationSums(loss, count, correct);
    }

    public void ResetState()
    {
    }
}
