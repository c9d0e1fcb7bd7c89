using HyperSweep.Engine.Layers;

namespace HyperSweep.Engine.Training;

/// <summary>
/// The part of a version-2 checkpoint (<see cref="CheckpointFormat"/>) that only a mid-epoch checkpoint has: the
/// position inside the epoch, its running loss sums, and the state the model carries into the next batch.
/// </summary>
internal static class MidEpochSection
{
    public static void Write(BinaryWriter writer, MidEpochState mid)
    {
        writer.Write(mid.BatchesDone);
        writer.Write(mid.LossSum);
        writer.Write(mid.WeightSum);
        var carried = mid.Carried ?? [];
        writer.Write(carried.Count);
        foreach (var cell in carried)
        {
            writer.Write(cell.Memory is not null);
            writer.Write(cell.Hidden.Shape[0]);
            writer.Write(cell.Hidden.Shape[1]);
            CheckpointFormat.WriteFloats(writer, cell.Hidden.Data);
            if (cell.Memory is not null)
            {
                CheckpointFormat.WriteFloats(writer, cell.Memory.Data);
            }
        }
    }

    public static MidEpochState Read(BinaryReader reader)
    {
        var batches = reader.ReadInt32();
        if (batches < 1)
        {
            throw new EngineException($"checkpoint: a mid-epoch checkpoint after {batches} batches; the file is corrupt");
        }

        var lossSum = reader.ReadDouble();
        var weightSum = reader.ReadDouble();
        var cells = new CellState[CheckpointFormat.ReadCount(reader, "carried states")];
        for (var i = 0; i < cells.Length; i++)
        {
            var hasMemory = reader.ReadBoolean();
            var rows = reader.ReadInt32();
            var columns = reader.ReadInt32();
            var hidden = Cell(CheckpointFormat.ReadFloats(reader), rows, columns);
            cells[i] = new CellState(hidden, hasMemory ? Cell(CheckpointFormat.ReadFloats(reader), rows, columns) : null);
        }

        return new MidEpochState(batches, lossSum, weightSum, cells.Length == 0 ? null : cells);
    }

    private static Tensor Cell(float[] values, int rows, int columns) =>
        rows > 0 && columns > 0 && (long)rows * columns == values.Length
            ? new Tensor(values, rows, columns)
            : throw new EngineException($"checkpoint: a carried state of {values.Length} values does not fit its shape [{rows}, {columns}]; the file is corrupt");
}
