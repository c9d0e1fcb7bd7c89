namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// A categorical parameter's components: row i is observation i's choice smoothed by prior_weight/(m+1) (or
/// prior_weight/m without a prior: Optuna smooths either way), the prior row is uniform; each row normalised.
/// </summary>
internal sealed class CategoricalDimension : ParzenDimension
{
    private CategoricalDimension(TpeDistribution distribution, double[][] rows)
        : base(distribution)
    {
        Rows = rows;
        LogRows = rows.Select(r => r.Select(v => Math.Log(v)).ToArray()).ToArray();
    }

    /// <summary>cat_weights: [component][choice], each row summing to 1.</summary>
    public double[][] Rows { get; }

    private double[][] LogRows { get; }

    public static CategoricalDimension Build(TpeDistribution distribution, double[] observations, int count, bool prior, double priorWeight)
    {
        var k = distribution.ChoiceCount;
        var smoothing = prior ? priorWeight / (count + 1) : priorWeight / count;
        var rows = new double[count + (prior ? 1 : 0)][];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = new double[k];
            Array.Fill(row, smoothing);
            if (i < count)
            {
                row[(int)observations[i]] += 1;
            }
            var total = NumpySum.Sum(row);
            for (var c = 0; c < k; c++)
            {
                row[c] /= total;
            }
            rows[i] = row;
        }
        return new CategoricalDimension(distribution, rows);
    }

    /// <summary>Σ_i w_i·cw[i][choice]: the mixture's probability of one choice.</summary>
    public double MixtureProbability(int choice, double[] weights)
    {
        var sum = 0.0;
        for (var i = 0; i < Rows.Length; i++)
        {
            sum += Rows[i][choice] * weights[i];
        }
        return sum;
    }

    public override (double[] Draws, double[] Values) Sample(int[] active, double[] uniforms)
    {
        var draws = new double[active.Length];
        var values = new double[active.Length];
        for (var j = 0; j < active.Length; j++)
        {
            draws[j] = double.NaN;
            // The number of cumulative probabilities strictly below u (numpy: sum(cumsum(p) < u)).
            var row = Rows[active[j]];
            var cumulative = 0.0;
            var index = 0;
            for (var c = 0; c < row.Length; c++)
            {
                cumulative += row[c];
                if (cumulative < uniforms[j])
                {
                    index++;
                }
            }
            values[j] = Math.Min(index, row.Length - 1);
        }
        return (draws, values);
    }

    public override void AddLogDensities(double value, TpeDensity density, double[] row)
    {
        var choice = (int)value;
        for (var i = 0; i < row.Length; i++)
        {
            row[i] += LogRows[i][choice];
        }
    }
}
