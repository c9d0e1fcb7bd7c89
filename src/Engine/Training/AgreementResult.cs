namespace HyperSweep.Engine.Training;

/// <summary>
/// Agreement accuracy of a language model: the share of items where it scores the correct verb form above
/// the wrong one, overall and by attractor count. Items whose verb forms are not both in the vocabulary
/// cannot be judged and are counted in <see cref="Skipped"/>.
/// </summary>
public sealed record AgreementResult(int Correct, int Total, int Skipped, IReadOnlyDictionary<int, (int Correct, int Total)> ByAttractors)
{
    public double Accuracy => Total == 0 ? double.NaN : (double)Correct / Total;

    public double AccuracyWith(int attractors) =>
        ByAttractors.TryGetValue(attractors, out var counts) && counts.Total > 0 ? (double)counts.Correct / counts.Total : double.NaN;
}
