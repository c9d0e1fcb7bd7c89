namespace HyperSweep.Engine.Models;

/// <summary>
/// Sums over an evaluation set, added batch by batch: Σ loss over targets, the number (weight) of targets,
/// and how many were predicted right (arg-max). Loss, accuracy and perplexity follow from them.
/// </summary>
public readonly record struct EvaluationSums(double LossSum, double Count, long Correct)
{
    public double MeanLoss => Count > 0 ? LossSum / Count : double.NaN;

    public double Accuracy => Count > 0 ? Correct / Count : double.NaN;

    /// <summary>exp(mean token negative log-likelihood).</summary>
    public double Perplexity => Math.Exp(MeanLoss);

    public static EvaluationSums operator +(EvaluationSums a, EvaluationSums b)
        => new(a.LossSum + b.LossSum, a.Count + b.Count, a.Correct + b.Correct);
}
