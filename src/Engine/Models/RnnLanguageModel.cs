using HyperSweep.Engine.Layers;
using HyperSweep.Engine.Ops;

namespace HyperSweep.Engine.Models;

/// <summary>
/// Recurrent language model: embeddings → multi-layer RNN over every position → logits for all time
/// steps in ONE GEMM ([B·T, H]·W_out + b_out) → cross-entropy weighted by the mask, averaged over the
/// mask's total. Truncated BPTT: the final state of each batch is kept (detached, a constant) and the
/// next batch of the same size starts from it, until <see cref="ResetState"/>. Dropout (when given) on
/// the embeddings, between layers and before the output layer (Zaremba et al.).
/// </summary>
public sealed class RnnLanguageModel : Module, IModel, ICarriesState
{
    private readonly Embedding _embedding;
    private readonly Rnn _rnn;
    private readonly Linear _output;
    private readonly Dropout _dropout;
    private readonly ModelMemory _memory = new();

    public RnnLanguageModel(
        int vocabularySize, int embeddingSize, int hiddenSize, int layers, CellKind cell, Random random,
        float dropout = 0f, CellOptions? options = null)
    {
        _embedding = AddModule(new Embedding("embedding", vocabularySize, embeddingSize, random));
        _rnn = AddModule(new Rnn(cell, embeddingSize, hiddenSize, layers, bidirectional: false, dropout, random, options));
        _output = AddModule(new Linear("W_out", "b_out", hiddenSize, vocabularySize, random));
        _dropout = new Dropout(dropout);
    }

    public Embedding Embedding => _embedding;

    public Rnn Rnn => _rnn;

    /// <summary>
    /// The state the next batch starts from, one per layer (h, and c for an LSTM), or null for zeros.
    /// Set it to start from a given h0/c0; it is replaced by each batch's final state.
    /// </summary>
    public IReadOnlyList<CellState>? State { get; set; }

    /// <summary>Logits [B·T, V] (row b·T + t); advances <see cref="State"/>.</summary>
    public Tensor Logits(ModelBatch batch, Random? dropoutRandom)
    {
        batch.Validate("rnn language model", needsLabels: false, needsTargets: false);
        var (b, t) = (batch.BatchSize, batch.Length);
        var x = _dropout.Forward(_embedding.Forward(batch.Tokens, b, t), dropoutRandom);
        var initial = State is { } state && state.Count > 0 && state[0].Hidden.Dim(0) == b ? state : null;
        var result = _rnn.Forward(x, null, initial, dropoutRandom);
        State = result.Final.Select(s => s.Detach()).ToArray();
        var top = _dropout.Forward(result.Outputs, dropoutRandom).Reshape(b * t, _rnn.HiddenSize);
        return _output.Forward(top);
    }

    public Tensor Loss(ModelBatch batch, Random? dropoutRandom)
    {
        batch.Validate("rnn language model", needsLabels: false, needsTargets: true);
        using var memory = _memory.ForTraining();
        return Logits(batch, dropoutRandom).CrossEntropyConsumingLogits(batch.Targets!, batch.Mask);
    }

    public EvaluationSums Evaluate(ModelBatch batch)
    {
        batch.Validate("rnn language model", needsLabels: false, needsTargets: true);
        using var memory = _memory.ForEvaluation();
        using var scope = new NoGradScope();
        var (loss, count, correct) = CrossEntropyOp.Evaluate(Logits(batch, null), batch.Targets!, batch.Mask);
        return new EvaluationSums(loss, count, correct);
    }

    public void ResetState()
    {
        State = null;
    }
}
