using System.Numerics.Tensors;
using HyperSweep.Engine.Autodiff;

namespace HyperSweep.Engine.Ops;

/// <summary>
/// Gathers rows of a [V, E] table by token id: ids of shape S give an output of shape S + [E].
/// A negative id is padding: its row is zero and receives no gradient. Backward scatter-adds into
/// the touched rows only, so an update costs the batch's tokens, not the vocabulary.
/// </summary>
internal sealed class EmbeddingOp : Op
{
    private readonly int[] _ids;
    private readonly int _width;

    private EmbeddingOp(Tensor table, int[] ids, int width)
        : base(table)
    {
        _ids = ids;
        _width = width;
    }

    public static Tensor Forward(Tensor table, int[] ids, int[] idsShape)
    {
        const string name = "embedding";
        ShapeCheck.Rank(name, table, 2);
        ShapeCheck.Length(name, $"ids of shape {Tensor.Describe(idsShape)}", ids.Length, Tensor.SizeOf(idsShape));
        var vocabulary = table.Dim(0);
        var width = table.Dim(1);
        var output = Tensor.ForOutput([.. idsShape, width]);
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            if (id < 0)
            {
                continue;
            }

            if (id >= vocabulary)
            {
                throw new EngineException($"{name}: token id {id} at position {i} is outside the table's 0..{vocabulary - 1}.");
            }

            table.Data.AsSpan(id * width, width).CopyTo(output.Data.AsSpan(i * width, width));
        }

        if (ShouldRecord(table))
        {
            output.SetCreator(new EmbeddingOp(table, (int[])ids.Clone(), width));
        }

        return output;
    }

    public override void Backward(Tensor output)
    {
        var table = Inputs[0];
        var sparse = table as Parameter is { RowSparseGradient: true };
        var gTable = sparse ? table.Grad.AsSpan() : table.GradSpan();
        var g = output.Grad!;
        for (var i = 0; i < _ids.Length; i++)
        {
            var id = _ids[i];
            if (id < 0)
            {
                continue;
            }

            if (sparse)
            {
                ((Parameter)table).MarkRowTouched(id);
            }

            var row = gTable.Slice(id * _width, _width);
            TensorPrimitives.Add(row, g.AsSpan(i * _width, _width), row);
        }
    }
}
