namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>One parameter's part of every mixture component.</summary>
internal abstract class ParzenDimension
{
    protected ParzenDimension(TpeDistribution distribution)
    {
        Distribution = distribution;
    }

    public TpeDistribution Distribution { get; }

    /// <summary>Draws (estimator space; NaN for categoricals) and internal values for the given components and uniforms.</summary>
    public abstract (double[] Draws, double[] Values) Sample(int[] active, double[] uniforms);

    /// <summary>What depends on the candidate only (its estimator-space value, a per-group or per-row table), computed once per candidate.</summary>
    public abstract PreparedCandidate Prepare(double value, TpeDensity density);

    /// <summary>Adds this parameter's log-density of the prepared candidate under components start … start + row.Length − 1 to <paramref name="row"/>.</summary>
    public abstract void AddBlock(PreparedCandidate candidate, Span<double> row, int start);
}
