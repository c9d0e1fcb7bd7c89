namespace HyperSweep.Engine.Autodiff;

/// <summary>
/// A recorded operation: the inputs it read and whatever its backward needs (edugrad's ctx lives in
/// the subclass's fields). Each op family keeps its forward (a static method creating the output)
/// and its backward side by side in one file under Ops/.
/// </summary>
internal abstract class Op
{
    protected Op(params Tensor[] inputs)
    {
        Inputs = inputs;
    }

    /// <summary>The tensors this op read; backward walks them to find the graph.</summary>
    public Tensor[] Inputs { get; }

    /// <summary>
    /// Adds this op's contribution to the gradients of its inputs that require one
    /// (always +=, never =, so a tensor used twice gets both contributions).
    /// </summary>
    public abstract void Backward(Tensor output);

    /// <summary>True when at least one input wants a gradient, i.e. the op must be recorded.</summary>
    public static bool ShouldRecord(Tensor a)
    {
        return NoGradScope.GradEnabled && a.RequiresGrad;
    }

    public static bool ShouldRecord(Tensor a, Tensor b)
    {
        return NoGradScope.GradEnabled && (a.RequiresGrad || b.RequiresGrad);
    }

    public static bool ShouldRecord(IReadOnlyList<Tensor> inputs)
    {
        if (!NoGradScope.GradEnabled)
        {
            return false;
        }

        foreach (var t in inputs)
        {
            if (t.RequiresGrad)
            {
                return true;
            }
        }

        return false;
    }
}
