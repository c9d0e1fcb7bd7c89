namespace HyperSweep.Engine.Packaging;

/// <summary>
/// A model's score on a data set: the mean loss, accuracy (classification) or perplexity (language model), the count
/// of scored targets, and for the agreement task the share right by attractor count (a classifier's label accuracy,
/// or a language model's preference for the correct verb form).
/// </summary>
public sealed record ModelScore(
    int Examples,
    double Targets,
    double Loss,
    double? Accuracy,
    double? Perplexity,
    IReadOnlyDictionary<int, (int Correct, int Total)>? ByAttractors = null)
{
    /// <summary>The metrics under a split's names: <c>val_loss</c>, <c>val_accuracy</c> ... for "val", <c>test_*</c> for "test".</summary>
    public IReadOnlyDictionary<string, double> Named(string split)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal) { [$"{split}_loss"] = Loss };
        if (Accuracy is { } accuracy)
        {
            values[$"{split}_accuracy"] = accuracy;
        }

        if (Perplexity is { } perplexity)
        {
            values[$"{split}_perplexity"] = perplexity;
        }

        return values;
    }
}
