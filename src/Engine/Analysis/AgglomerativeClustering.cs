using MathNet.Numerics;

namespace HyperSweep.Engine.Analysis;

/// <summary>
/// Hierarchical agglomerative clustering with average linkage (UPGMA) on Euclidean distances (MathNet's): start with
/// every point alone, repeatedly join the two clusters whose points are closest on average. The distance from a new
/// cluster to the others follows from its parts (Lance–Williams: size-weighted mean), so each step only scans the
/// current distance matrix: O(n³) in all, a few milliseconds for the hundreds of words an analysis shows. No
/// well-kept .NET library does this linkage (ML.NET clusters with k-means only), so it is written here.
/// </summary>
public static class AgglomerativeClustering
{
    public static Dendrogram AverageLinkage(IReadOnlyList<double[]> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Count;
        var distance = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                distance[i, j] = distance[j, i] = Distance.Euclidean(points[i], points[j]);
            }
        }

        // Row i of the matrix holds cluster ids[i] of sizes[i] points while alive[i]; a join keeps the lower row.
        var ids = Enumerable.Range(0, n).ToArray();
        var sizes = Enumerable.Repeat(1, n).ToArray();
        var alive = Enumerable.Repeat(true, n).ToArray();
        var merges = new List<Merge>(Math.Max(0, n - 1));
        for (var step = 0; step < n - 1; step++)
        {
            var (a, b, best) = (-1, -1, double.PositiveInfinity);
            for (var i = 0; i < n; i++)
            {
                if (!alive[i])
                {
                    continue;
                }

                for (var j = i + 1; j < n; j++)
                {
                    if (alive[j] && distance[i, j] < best)
                    {
                        (a, b, best) = (i, j, distance[i, j]);
                    }
                }
            }

            var size = sizes[a] + sizes[b];
            merges.Add(new Merge(ids[a], ids[b], best, size));
            for (var k = 0; k < n; k++)
            {
                if (alive[k] && k != a && k != b)
                {
                    distance[a, k] = distance[k, a] = ((sizes[a] * distance[a, k]) + (sizes[b] * distance[b, k])) / size;
                }
            }

            ids[a] = n + step;
            sizes[a] = size;
            alive[b] = false;
        }

        return new Dendrogram(n, merges);
    }
}
