using HyperSweep.Engine.Layers;
using HyperSweep.Engine.Ops;

namespace HyperSweep.Engine.Models;

/// <summary>
/// Deep Averaging Network (Iyyer et al. 2015): the mask-average of the embeddings of the real tokens
/// (after word dropout) → k hidden layers act(h·W_k + b_k) → logits h·W_out + b_out → softmax.
/// Parameters: embedding, W1, b1, …, Wk, bk, W_out, b_out (ORACLE.md's names).
/// </summary>
public sealed class Dan : Module, IModel
{
    private readonly Embedding _embedding;
    private readonly Linear[] _hidden;
    private readonly Linear _output;
    private readonly WordDropout _wordDropout;
    private readonly Dropout _dropout;
    private readonly ModelMemory _memory = new();

    public Dan(
        int vocabularySize, int embeddingSize, IReadOnlyList<int> hiddenSizes, int classes, Random random,
        Activation activation = Activation.Relu, float wordDropout = 0f, float dropout = 0f)
    {
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        if (classes < 2)
        {
            throw new EngineException($"dan: classes must be >= 2, got {classes}.");
        }

        Activation = activation;
        Classes = classes;
        _embedding = AddModule(new Embedding("embedding", vocabularySize, embeddingSize, random));
        _hidden = new Linear[hiddenSizes.Count];
        var width = embeddingSize;
        for (var k = 0; k < hiddenSizes.Count; k++)
        {
            _hidden[k] = AddModule(new Linear($"W{k + 1}", $"b{k + 1}", width, hiddenSizes[k], random));
            width = hiddenSizes[k];
        }

        _output = AddModule(new Linear("W_out", "b_out", width, classes, random));
        _wordDropout = new WordDropout(wordDropout);
        _dropout = new Dropout(dropout);
    }

    public Activation Activation { get; }

    public int Classes { get; }

    public Embedding Embedding => _embedding;

    /// <summary>Logits [B, C]; word dropout and dropout are active iff <paramref name="dropoutRandom"/> is given.</summary>
    public Tensor Logits(ModelBatch batch, Random? dropoutRandom)
    {
        batch.Validate("dan", needsLabels: false, needsTargets: false);
        var mask = _wordDropout.Apply(batch.Mask, batch.BatchSize, batch.Length, dropoutRandom);
        var embedded = _embedding.Forward(BatchTokens.WithPaddingRemoved(batch), batch.BatchSize, batch.Length);
        var h = embedded.MaskedMean(mask);
        foreach (var layer in _hidden)
        {
            h = Activation.Apply(layer.Forward(_dropout.Forward(h, dropoutRandom)));
        }

        return _output.Forward(_dropout.Forward(h, dropoutRandom));
    }

    public Tensor Loss(ModelBatch batch, Random? dropoutRandom)
    {
        batch.Validate("dan", needsLabels: true, needsTargets: false);
        using var memory = _memory.ForTraining();
        return Logits(batch, dropoutRandom).CrossEntropy(batch.Labels!);
    }

    public EvaluationSums Evaluate(ModelBatch batch)
    {
        batch.Validate("dan", needsLabels: true, needsTargets: false);
        using var memory = _memory.ForEvaluation();
        using var scope = new NoGradScope();
        var (loss, count, correct) = CrossEntropyOp.Evaluate(Logits(batch, null), batch.Labels!, null);
        return new EvaluationSums(loss, count, correct);
    }

    public void ResetState()
    {
    }
}
