using System.Numerics.Tensors;
using HyperSweep.Engine.Autodiff;

namespace HyperSweep.Engine.Ops;

/// <summary>
/// T tensors of shape [B, W] stacked into a batch-major [B, T, width], taking columns [offset, offset + width)
/// of each (all of them by default; the h half of an LSTM's [h | c] state otherwise).
/// </summary>
internal sealed class StackTimeOp : Op
{
    private readonly int _offset;

    private StackTimeOp(Tensor[] steps, int offset)
        : base(steps)
    {
        _offset = offset;
    }

    public static Tensor Forward(IReadOnlyList<Tensor> steps, int offset = 0, int width = -1)
    {
        if (steps.Count == 0)
        {
            throw new EngineException("stack_time: needs at least one time step.");
        }

        var first = steps[0];
        ShapeCheck.Rank("stack_time", first, 2);
        var (batch, total) = (first.Dim(0), first.Dim(1));
        width = width < 0 ? total - offset : width;
        if (offset < 0 || width < 0 || offset + width > total)
        {
            throw new EngineException($"stack_time: columns [{offset}, {offset + width}) are outside steps of shape {Tensor.Describe(first.Shape)}.");
        }

        var count = steps.Count;
        var output = Tensor.ForOutput([batch, count, width]);
        for (var t = 0; t < count; t++)
        {
            var step = steps[t];
            if (!step.Shape.SequenceEqual(first.Shape))
            {
                throw ShapeCheck.Mismatch("stack_time", first, step, $"every step must have the same shape (step {t})");
            }

            for (var b = 0; b < batch; b++)
            {
                step.Data.AsSpan((b * total) + offset, width).CopyTo(output.Data.AsSpan(((b * count) + t) * width, width));
            }
        }

        var inputs = steps.ToArray();
        if (ShouldRecord(inputs))
        {
            output.SetCreator(new StackTimeOp(inputs, offset));
        }

        return output;
    }

    public override void Backward(Tensor output)
    {
        var (batch, count, width) = (output.Dim(0), output.Dim(1), output.Dim(2));
        var g = output.Grad!;
        for (var t = 0; t < count; t++)
        {
            var step = Inputs[t];
            if (!step.RequiresGrad)
            {
                continue;
            }

            var total = step.Dim(1);
            // When the stacked columns are the whole step (not the h of an LSTM's [h | c]), every element is written: a
            // gradient nothing flowed into yet is stored, not added to.
            var overwrite = false;
            var gs = width == total ? step.GradSpanForOverwrite(out overwrite) : step.GradSpan();
            for (var b = 0; b < batch; b++)
            {
                var destination = gs.Slice((b * total) + _offset, width);
                var source = g.AsSpan(((b * count) + t) * width, width);
                if (overwrite)
                {
                    source.CopyTo(destination);
                }
                else
                {
                    TensorPrimitives.Add(destination, source, destination);
                }
            }
        }
    }
}
