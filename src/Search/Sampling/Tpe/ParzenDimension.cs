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
}
