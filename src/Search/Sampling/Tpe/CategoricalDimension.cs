namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// A categorical parameter's components: row i is observation i's choice smoothed by prior_weight/(m+1) (or
/// prior_weight/m without a prior: Optuna smooths either way), the prior row is uniform; each row normalised.
/// Observations of the same choice have the same row, so rows are built once per choice and shared.
/// </summary>
internal sealed class CategoricalDimension : ParzenDimension
{
    private readonly double[][] _distinctRows;
    private readonly double[][] _distinctLogRows;
    private readonly int[] _rowOf;

    private CategoricalDimension(TpeDistribution distribution, double[][] distinctRows, int[] rowOf)
        : base(distribution)
    {
        _distinctRows = distinctRows;
        _distinctLogRows = distinctRows.Select(r => r.Select(v => Math.Log(v)).ToArray()).ToArray();
        _rowOf = rowOf;
    }

    public int ComponentCount => _rowOf.Length;

    /// <summary>cat_weights row of component <paramref name="component"/> (sums to 1).</summary>
    public double[] Row(int component) => _distinctRows[_rowOf[component]];

    public static CategoricalDimension Build(TpeDistribution distribution, double[] observations, int count, bool prior, double priorWeight)
    {
        var k = distribution.ChoiceCount;
        var smoothing = prior ? priorWeight / (count + 1) : priorWeight / count;
        // Rows 0..k-1: an observation of that choice; row k: the prior (no observation).
        var distinct = new double[k + 1][];
        for (var r = 0; r <= k; r++)
        {
            var row = new double[k];
            Array.Fill(row, smoothing);
            if (r < k)
            {
                row[r] += 1;
            }
            var total = NumpySum.Sum(row);
            for (var c = 0; c < k; c++)
            {
                row[c] /= total;
            }
            distinct[r] = row;
        }
        var rowOf = new int[count + (prior ? 1 : 0)];
        for (var i = 0; i < rowOf.Length; i++)
        {
            rowOf[i] = i < count ? (int)observations[i] : k;
        }
        return new CategoricalDimension(distribution, distinct, rowOf);
    }

    /// <summary>Σ_i w_i·cw[i][choice]: the mixture's probability of one choice.</summary>
    public double MixtureProbability(int choice, double[] weights)
    {
        var sum = 0.0;
        for (var i = 0; i < _rowOf.Length; i++)
        {
            sum += _distinctRows[_rowOf[i]][choice] * weights[i];
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
            var row = Row(active[j]);
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

    public override PreparedCandidate Prepare(double value, TpeDensity density) =>
        new(value, false, _distinctLogRows.Select(r => r[(int)value]).ToArray());

    public override void AddBlock(PreparedCandidate candidate, Span<double> row, int start)
    {
        var perRow = candidate.Table!;
        for (var k = 0; k < row.Length; k++)
        {
            row[k] += perRow[_rowOf[start + k]];
        }
    }
}
