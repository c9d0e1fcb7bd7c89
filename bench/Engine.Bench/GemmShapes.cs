namespace HyperSweep.Engine.Bench;

/// <summary>
/// The GEMMs of the models in ../shared/bench/SHAPES.md, forward and backward. Rows are activations
/// (y = x·W with W of shape [in, out]), so a layer's backward runs dX = dY·Wᵀ (NT) and dW += Xᵀ·dY (TN).
/// </summary>
public static class GemmShapes
{
    private const int LmTokens = 32 * 35; // batch × bptt of the LMs: the output layer runs all steps in one GEMM

    public static IReadOnlyList<GemmShape> All { get; } =
    [
        new("lm_out.fwd", LmTokens, 10000, 256, false, false, false, "LM output layer [1120×256]·[256×10000]"),
        new("lm_out.dx", LmTokens, 256, 10000, false, true, false, "LM output dX = dY·Wᵀ"),
        new("lm_out.dw", 256, 10000, LmTokens, true, false, true, "LM output dW += Xᵀ·dY"),
        new("lm_in.all_steps", LmTokens, 256, 128, false, false, false, "RNN input projection, all steps [1120×128]·[128×256]"),
        new("rnn_in.step", 32, 256, 128, false, false, false, "RNN input projection, one step [32×128]·[128×256]"),
        new("rnn_hh.step", 32, 256, 256, false, false, false, "Elman recurrence [32×256]·[256×256]"),
        new("rnn_hh.dh", 32, 256, 256, false, true, false, "Elman recurrence dH = dZ·Whhᵀ"),
        new("rnn_hh.dw", 256, 256, 32, true, false, true, "Elman recurrence dWhh += Hᵀ·dZ"),
        new("lstm_hh.step", 32, 1024, 256, false, false, false, "LSTM recurrence [32×256]·[256×1024]"),
        new("lstm_hh.dh", 32, 256, 1024, false, true, false, "LSTM recurrence dH = dZ·Whhᵀ"),
        new("lstm_hh.dw", 256, 1024, 32, true, false, true, "LSTM recurrence dWhh += Hᵀ·dZ"),
        new("nplm_hidden.fwd", 128, 200, 400, false, false, false, "NPLM hidden [128×400]·[400×200]"),
        new("nplm_hidden.dw", 400, 200, 128, true, false, false, "NPLM hidden dW = Xᵀ·dY"),
        new("nplm_out.fwd", 128, 10000, 200, false, false, false, "NPLM output [128×200]·[200×10000]"),
        new("nplm_out.dx", 128, 200, 10000, false, true, false, "NPLM output dX = dY·Wᵀ"),
        new("nplm_out.dw", 200, 10000, 128, true, false, false, "NPLM output dW = Xᵀ·dY"),
        new("dan_hidden.fwd", 64, 300, 300, false, false, false, "DAN hidden [64×300]·[300×300]"),
        new("dan_hidden.dx", 64, 300, 300, false, true, false, "DAN hidden dX = dY·Wᵀ"),
        new("dan_hidden.dw", 300, 300, 64, true, false, false, "DAN hidden dW = Xᵀ·dY"),
        new("birnn_hh.step", 32, 128, 128, false, false, false, "BiRNN recurrence [32×128]·[128×128]"),
        new("square.1024", 1024, 1024, 1024, false, false, false, "reference: square 1024³"),
    ];

    /// <summary>The shapes whose names start with one of the given prefixes (all when none are given).</summary>
    public static IReadOnlyList<GemmShape> Select(IReadOnlyCollection<string> prefixes)
    {
        if (prefixes.Count == 0)
        {
            return All;
        }

        var selected = All.Where(shape => prefixes.Any(prefix => shape.Name.StartsWith(prefix, StringComparison.Ordinal))).ToList();
        if (selected.Count == 0)
        {
            throw new ArgumentException(
                $"--shapes {string.Join(",", prefixes)} matches no GEMM shape; known: {string.Join(", ", All.Select(shape => shape.Name))}.");
        }

        return selected;
    }
}
