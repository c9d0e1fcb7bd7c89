using System.Runtime.InteropServices;
using System.Text;
using HyperSweep.Engine.Data;

namespace HyperSweep.Engine.Training;

/// <summary>
/// The binary checkpoint layout, little-endian:
/// <code>
/// "HSWCKPT\0" (8 bytes) · int32 version (1 at an epoch boundary, 2 inside an epoch)
/// int32 seed · int32 completed epochs · float32 learning rate · int32 optimizer steps
/// tracker best · tracker plateau          (tracker = byte has-best, float64 best, int32 best epoch, int32 stale epochs)
/// int32 n · n × epoch metrics              (int32 epoch, float64 train_loss, float64 val_loss, opt accuracy, opt perplexity, float64 lr)
/// int32 n · n × (string name, int32 size, size × float32)   parameters in model order
/// int32 n · n × (int32 size, size × float32)                optimizer buffers
/// byte has-best-weights · [int32 n · n × (int32 size, size × float32)]
/// version 2 only: int32 batches done in the epoch in progress · float64 loss sum · float64 weight sum ·
///                 int32 n · n × carried cell state (byte has-memory, int32 rows, int32 columns, hidden floats, [memory floats])
/// "END." (4 bytes)
/// </code>
/// An epoch-boundary checkpoint is written as version 1, byte for byte as before mid-epoch checkpoints existed, so
/// builds that only read version 1 still resume from it; a mid-epoch one is version 2, which such a build refuses
/// rather than resuming at the wrong place. Reading checks magic, version and the end marker and reports truncation clearly.
/// </summary>
internal static class CheckpointFormat
{
    public const int Version = 1;
    public const int MidEpochVersion = 2;
    private static readonly byte[] Magic = "HSWCKPT\0"u8.ToArray();
    private static readonly byte[] EndMarker = "END."u8.ToArray();

    public static void Write(Stream stream, TrainerState state)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(state.MidEpoch is null ? Version : MidEpochVersion);
        writer.Write(state.Seed);
        writer.Write(state.CompletedEpochs);
        writer.Write(state.LearningRate);
        writer.Write(state.OptimizerSteps);
        WriteTracker(writer, state.Best);
        WriteTracker(writer, state.Plateau);
        writer.Write(state.History.Count);
        foreach (var m in state.History)
        {
            writer.Write(m.Epoch);
            writer.Write(m.TrainLoss);
            writer.Write(m.ValLoss);
            WriteOptional(writer, m.ValAccuracy);
            WriteOptional(writer, m.ValPerplexity);
            writer.Write(m.LearningRate);
        }

        writer.Write(state.Parameters.Count);
        foreach (var (name, values) in state.Parameters)
        {
            writer.Write(name);
            WriteFloats(writer, values);
        }

        WriteArrays(writer, state.OptimizerState);
        writer.Write(state.BestWeights is not null);
        if (state.BestWeights is not null)
        {
            WriteArrays(writer, state.BestWeights);
        }

        if (state.MidEpoch is { } mid)
        {
            MidEpochSection.Write(writer, mid);
        }

        writer.Write(EndMarker);
    }

    public static TrainerState Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            var magic = reader.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic))
            {
                throw new EngineException("checkpoint: not a HyperSweep checkpoint (bad magic bytes)");
            }

            var version = reader.ReadInt32();
            if (version is not (Version or MidEpochVersion))
            {
                throw new EngineException($"checkpoint: format version {version} is not supported; this build reads version {Version} (and {MidEpochVersion} for a mid-epoch checkpoint)");
            }

            var seed = reader.ReadInt32();
            var completed = reader.ReadInt32();
            var learningRate = reader.ReadSingle();
            var steps = reader.ReadInt32();
            var best = ReadTracker(reader);
            var plateau = ReadTracker(reader);
            var history = new EpochMetrics[ReadCount(reader, "epoch metrics")];
            for (var i = 0; i < history.Length; i++)
            {
                history[i] = new EpochMetrics(
                    reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble(), ReadOptional(reader), ReadOptional(reader), reader.ReadDouble());
            }

            var parameters = new (string, float[])[ReadCount(reader, "parameters")];
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i] = (reader.ReadString(), ReadFloats(reader));
            }

            var optimizerState = ReadArrays(reader, "optimizer buffers");
            var bestWeights = reader.ReadBoolean() ? ReadArrays(reader, "best weights") : null;
            var mid = version == MidEpochVersion ? MidEpochSection.Read(reader) : null;
            if (!reader.ReadBytes(EndMarker.Length).AsSpan().SequenceEqual(EndMarker))
            {
                throw new EngineException("checkpoint: the end marker is missing; the file is corrupt");
            }

            return new TrainerState(seed, completed, learningRate, steps, best, plateau, history, parameters, optimizerState, bestWeights, mid);
        }
        catch (EndOfStreamException e)
        {
            throw new EngineException("checkpoint: truncated (the stream ended before the checkpoint did)", e);
        }
    }

    private static void WriteTracker(BinaryWriter writer, TrackerState tracker)
    {
        writer.Write(tracker.Best is not null);
        writer.Write(tracker.Best ?? 0);
        writer.Write(tracker.BestEpoch ?? 0);
        writer.Write(tracker.EpochsWithoutImprovement);
    }

    private static TrackerState ReadTracker(BinaryReader reader)
    {
        var hasBest = reader.ReadBoolean();
        var best = reader.ReadDouble();
        var bestEpoch = reader.ReadInt32();
        var stale = reader.ReadInt32();
        return new TrackerState(hasBest ? best : null, hasBest ? bestEpoch : null, stale);
    }

    private static void WriteOptional(BinaryWriter writer, double? value)
    {
        writer.Write(value is not null);
        writer.Write(value ?? 0);
    }

    private static double? ReadOptional(BinaryReader reader)
    {
        var has = reader.ReadBoolean();
        var value = reader.ReadDouble();
        return has ? value : null;
    }

    private static void WriteArrays(BinaryWriter writer, IReadOnlyList<float[]> arrays)
    {
        writer.Write(arrays.Count);
        foreach (var array in arrays)
        {
            WriteFloats(writer, array);
        }
    }

    private static float[][] ReadArrays(BinaryReader reader, string what)
    {
        var arrays = new float[ReadCount(reader, what)][];
        for (var i = 0; i < arrays.Length; i++)
        {
            arrays[i] = ReadFloats(reader);
        }

        return arrays;
    }

    internal static void WriteFloats(BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    internal static float[] ReadFloats(BinaryReader reader)
    {
        var values = new float[ReadCount(reader, "values")];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        var read = 0;
        while (read < bytes.Length)
        {
            var n = reader.Read(bytes[read..]);
            if (n == 0)
            {
                throw new EndOfStreamException();
            }

            read += n;
        }

        return values;
    }

    internal static int ReadCount(BinaryReader reader, string what)
    {
        var count = reader.ReadInt32();
        if (count < 0 || count > 1 << 30)
        {
            throw new EngineException($"checkpoint: implausible count {count} of {what}; the file is corrupt");
        }

        return count;
    }
}
