namespace HyperSweep.Engine.Autodiff;

/// <summary>Reverse-mode sweep over the recorded graph, iterative so a 1,000-step unroll cannot overflow the stack.</summary>
internal static class Graph
{
    public static void Backpropagate(Tensor root)
    {
        var order = TopologicalOrder(root);

        // Reverse topological order: every consumer has added its contribution before an op reads its output gradient.
        // Weight gradients that ops defer are computed after the last op (no op reads a weight's gradient).
        DeferredWeightGradients.Collect(() =>
        {
            for (var i = order.Count - 1; i >= 0; i--)
            {
                var tensor = order[i];
                var op = tensor.Creator!;
                if (tensor.Grad is not null)
                {
                    op.Backward(tensor);
                }

                tensor.ReleaseAfterBackward();
            }
        });
    }

    /// <summary>Non-leaf tensors reachable from the root, each after all the tensors it was computed from.</summary>
    private static List<Tensor> TopologicalOrder(Tensor root)
    {
        var order = new List<Tensor>();
        if (root.Creator is null)
        {
            return order;
        }

        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance) { root };
        var stack = new Stack<(Tensor Tensor, int NextInput)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (tensor, next) = stack.Pop();
            var inputs = tensor.Creator!.Inputs;
            if (next < inputs.Length)
            {
                stack.Push((tensor, next + 1));
                var input = inputs[next];
                if (input.Creator is not null && input.RequiresGrad && visited.Add(input))
                {
                    stack.Push((input, 0));
                }
            }
            else
            {
                order.Add(tensor);
            }
        }

        return order;
    }
}
