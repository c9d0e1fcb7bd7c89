namespace HyperSweep.Engine.Analysis;

/// <summary>
/// How much gradient reaches the hidden states of a recurrent network: <see cref="Layers"/>[l][k] is the mean over the
/// probe's examples of ‖∂L/∂h_t‖ in layer l (0 = the one reading the embeddings) at k = 0, 1, 2, ... time steps before
/// the position the loss is taken at (the classifier's last real token, the language model's last position). A vanilla
/// (Elman) RNN's values fall geometrically with k (vanishing gradients); an LSTM's or GRU's fall far more slowly.
/// </summary>
/// <param name="Cell">The recurrent cell (elman, lstm, gru).</param>
public sealed record GradientProfile(string Cell, IReadOnlyList<IReadOnlyList<double>> Layers);
