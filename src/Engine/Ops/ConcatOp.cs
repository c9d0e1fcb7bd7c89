using System.Numerics.Tensors;
using HyperSweep.Engine.Autodiff;

namespace HyperSweep.Engine.Ops;

/// <summary>Concatenation along the last axis; all other dimensions must agree. Backward hands each part its columns.</summary>
internal sealed class ConcatOp : Op
{
    private readonly int[] _widths;

    private ConcatOp(Tensor[] parts, int[] widths)
        : base(parts)
    {
        _widths = widths;
    }

    public static Tensor Forward(IReadOnlyList<Tensor> parts)
    {
        const string name = "concat";
        if (parts.Count == 0)
        {
            throw new EngineException($"{name}: needs at least one tensor.");
        }

        var first = parts[0];
        if (first.Rank == 0)
        {
            throw new EngineException($"{name}: cannot concatenate scalars.");
        }

        var rows = first.Size / Math.Max(1, first.Dim(-1));
        var widths = new int[parts.Count];
        var total = 0;
        for (var p = 0; p < parts.Count; p++)
        {
            var part = parts[p];
            if (part.Rank != first.Rank || !part.Shape[..^1].SequenceEqual(first.Shape[..^1]))
            {
                throw ShapeCheck.Mismatch(name, first, part, "all axes but the last must agree");
            }

            widths[p] = part.Dim(-1);
            total += widths[p];
        }

        var shape = first.ShapeArray.ToArray();
        shape[^1] = total;
        var output = Tensor.ForOutput(shape);
        var offset = 0;
        for (var p = 0; p < parts.Count; p++)
        {
            var w = widths[p];
            for (var r = 0; r < rows; r++)
            {
                parts[p].Data.AsSpan(r * w, w).CopyTo(output.Data.AsSpan((r * total) + offset, w));
            }

            offset += w;
        }

        var inputs = parts.ToArray();
        if (ShouldRecord(inputs))
        {
            output.SetCreator(new ConcatOp(inputs, widths));
        }

        return output;
    }

    public override void Backward(Tensor output)
    {
        var total = output.Dim(-1);
        var rows = output.Size / Math.Max(1, total);
        var g = output.Grad!;
        var offset = 0;
        for (var p = 0; p < Inputs.Length; p++)
        {
            var w = _widths[p];
            var part = Inputs[p];
            if (part.RequiresGrad)
            {
                // Every row of the part is written: a gradient nothing flowed into yet is stored, not added to.
                var gp = part.GradSpanForOverwrite(out var overwrite);
                for (var r = 0; r < rows; r++)
                {
                    var destination = gp.Slice(r * w, w);
                    var source = g.AsSpan((r * total) + offset, w);
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

            offset += w;
        }
    }
}
