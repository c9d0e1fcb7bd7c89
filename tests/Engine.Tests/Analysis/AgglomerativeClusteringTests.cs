using HyperSweep.Engine.Analysis;

namespace HyperSweep.Engine.Tests.Analysis;

public sealed class AgglomerativeClusteringTests
{
    [Fact]
    public void Average_linkage_joins_the_closest_clusters_first_at_their_mean_distance()
    {
        // Points on a line: {0, 1} and {10, 12}; average distance between the pairs is (10 + 12 + 9 + 11) / 4 = 10.5.
        var tree = AgglomerativeClustering.AverageLinkage([[0.0], [10.0], [1.0], [12.0]]);

        Assert.Equal(3, tree.Merges.Count);
        Assert.Equal(new Merge(0, 2, 1, 2), tree.Merges[0]);
        Assert.Equal(new Merge(1, 3, 2, 2), tree.Merges[1]);
        Assert.Equal(new Merge(4, 5, 10.5, 4), tree.Merges[2]);
        Assert.Equal([0, 2, 1, 3], tree.LeafOrder());
        Assert.Equal([1, 3], tree.LeavesOf(5));
    }

    [Fact]
    public void Two_separated_groups_are_joined_last_and_drawn_side_by_side()
    {
        var random = new Random(3);
        var points = Enumerable.Range(0, 20)
            .Select(i => new[] { (i < 10 ? 0.0 : 5.0) + random.NextDouble(), random.NextDouble() })
            .ToList();

        var tree = AgglomerativeClustering.AverageLinkage(points);

        Assert.Equal(tree.Merges.Select(m => m.Height).Order(), tree.Merges.Select(m => m.Height)); // never decreasing
        var last = tree.Merges[^1];
        Assert.Equal(
            [Enumerable.Range(0, 10).ToList(), Enumerable.Range(10, 10).ToList()],
            new[] { tree.LeavesOf(last.Left), tree.LeavesOf(last.Right) }.Select(l => l.Order().ToList()).OrderBy(l => l[0]));
        var order = tree.LeafOrder();
        Assert.True(order.Take(10).All(i => i < 10) || order.Take(10).All(i => i >= 10));
    }

    [Fact]
    public void One_point_and_no_points_make_trees_without_merges()
    {
        Assert.Equal([0], AgglomerativeClustering.AverageLinkage([[1.0, 2.0]]).LeafOrder());
        Assert.Empty(AgglomerativeClustering.AverageLinkage([]).LeafOrder());
    }
}
