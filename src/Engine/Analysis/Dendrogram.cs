namespace HyperSweep.Engine.Analysis;

/// <summary>The n-1 merges that join n points into one tree, in the order they happened (heights never decrease).</summary>
public sealed record Dendrogram(int Points, IReadOnlyList<Merge> Merges)
{
    /// <summary>The points left to right as the tree draws them (each merge's left subtree before its right).</summary>
    public IReadOnlyList<int> LeafOrder()
    {
        if (Points == 0)
        {
            return [];
        }

        var order = new List<int>(Points);
        var stack = new Stack<int>();
        stack.Push(Points == 1 ? 0 : Points + Merges.Count - 1);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (id < Points)
            {
                order.Add(id);
                continue;
            }

            var merge = Merges[id - Points];
            stack.Push(merge.Right);
            stack.Push(merge.Left);
        }

        return order;
    }

    /// <summary>The leaves under cluster <paramref name="id"/> (a point id or a merge's id).</summary>
    public IReadOnlyList<int> LeavesOf(int id)
    {
        if (id < Points)
        {
            return [id];
        }

        var merge = Merges[id - Points];
        return [.. LeavesOf(merge.Left), .. LeavesOf(merge.Right)];
    }
}
