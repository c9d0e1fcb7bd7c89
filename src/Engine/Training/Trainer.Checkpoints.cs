using HyperSweep.Engine.Models;

namespace HyperSweep.Engine.Training;

/// <summary>
/// The trainer's checkpoints (<see cref="CheckpointFormat"/>): writing the state after the last finished epoch or, for
/// a host that asked after a batch, the state inside an epoch; and restoring either, refusing one of another model,
/// optimizer, seed or data; and adopting another trial's (PBT).
/// </summary>
public sealed partial class Trainer
{
    /// <summary>Writes the state after the last finished epoch (see <see cref="CheckpointFormat"/>).</summary>
    public void SaveCheckpoint(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CheckpointFormat.Write(stream, State(null));
    }

    /// <summary>The checkpoint as bytes.</summary>
    public byte[] CheckpointBytes() => CheckpointBytes(null);

    /// <summary>
    /// Written twice, once to count its length and once into an array of exactly that length: a growing MemoryStream
    /// and its ToArray allocated 4.7 times the checkpoint's size (218 MB for a 47 MB DAN checkpoint, every epoch), all
    /// of it on the large-object heap, where it stayed until a gen-2 collection — most of a sweep's peak memory.
    /// </summary>
    private byte[] CheckpointBytes(MidEpochState? mid)
    {
        var state = State(mid);
        using var counter = new LengthCountingStream();
        CheckpointFormat.Write(counter, state);
        var bytes = GC.AllocateUninitializedArray<byte>(checked((int)counter.Length));
        using var memory = new MemoryStream(bytes, writable: true);
        CheckpointFormat.Write(memory, state);
        if (memory.Position != bytes.Length)
        {
            throw new InvalidOperationException($"checkpoint: wrote {memory.Position} bytes, counted {bytes.Length}");
        }

        return bytes;
    }

    private TrainerState State(MidEpochState? mid) => new(
        _options.Seed,
        CompletedEpochs,
        _optimizer.LearningRate,
        _optimizer.StepCount,
        TrackerState.Of(_best),
        TrackerState.Of(_plateau),
        [.. _history],
        [.. _model.Parameters.Select(p => (p.Name, p.Data))],
        _optimizer.State,
        _bestWeights,
        mid);

    /// <summary>
    /// Restores a checkpoint written by a trainer of the same model, optimizer and seed; a mismatch
    /// (parameter names or sizes, optimizer buffers, seed) throws naming what differs.
    /// </summary>
    public void LoadCheckpoint(Stream stream) => Restore(stream, adopt: false);

    /// <summary>
    /// Continues from ANOTHER trial's checkpoint with this trainer's own hyper-parameters (PBT's exploit): the weights,
    /// optimizer buffers and step count, trackers, history and epoch count are the checkpoint's, and everything this
    /// trainer was built with applies on top of them — its learning rate (a plain resume restores the checkpoint's,
    /// which a plateau may have decayed), and, through the model and optimizer it was built with, its dropout, weight
    /// decay, momentum and clipping. The same fit checks as <see cref="LoadCheckpoint"/> apply; the seed must match too,
    /// which it does between trials of one sweep (they all train from the spec's seed).
    /// </summary>
    public void AdoptCheckpoint(Stream stream) => Restore(stream, adopt: true);

    private void Restore(Stream stream, bool adopt)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var state = CheckpointFormat.Read(stream);
        if (state.Seed != _options.Seed)
        {
            throw new EngineException($"checkpoint: made with seed {state.Seed}, but this run has seed {_options.Seed}");
        }

        var parameters = _model.Parameters;
        if (state.Parameters.Count != parameters.Count)
        {
            throw new EngineException($"checkpoint: holds {state.Parameters.Count} parameters, the model has {parameters.Count}");
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            var (name, values) = state.Parameters[i];
            if (name != parameters[i].Name || values.Length != parameters[i].Size)
            {
                throw new EngineException(
                    $"checkpoint: parameter {i} is '{name}' with {values.Length} values, the model's is '{parameters[i].Name}' with {parameters[i].Size}");
            }
        }

        if (state.MidEpoch is { } mid && mid.BatchesDone > _data.TrainingBatchCount)
        {
            throw new EngineException($"checkpoint: taken after batch {mid.BatchesDone} of an epoch, but this data has {_data.TrainingBatchCount} batches per epoch");
        }

        var buffers = _optimizer.State;
        if (state.OptimizerState.Count != buffers.Count
            || state.OptimizerState.Zip(buffers).Any(pair => pair.First.Length != pair.Second.Length))
        {
            throw new EngineException($"checkpoint: its {state.OptimizerState.Count} optimizer buffers do not fit this optimizer's {buffers.Count}; was it made with another optimizer?");
        }

        if (state.BestWeights is { } best && (best.Count != parameters.Count || best.Where((w, i) => w.Length != parameters[i].Size).Any()))
        {
            throw new EngineException("checkpoint: its best weights do not fit the model's parameters");
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            state.Parameters[i].Values.CopyTo(parameters[i].Data, 0);
        }

        for (var i = 0; i < buffers.Count; i++)
        {
            state.OptimizerState[i].CopyTo(buffers[i], 0);
        }

        if (!adopt)
        {
            _optimizer.LearningRate = state.LearningRate;
        }

        _optimizer.StepCount = state.OptimizerSteps;
        state.Best.ApplyTo(_best);
        state.Plateau.ApplyTo(_plateau);
        _history.Clear();
        _history.AddRange(state.History);
        _bestWeights = state.BestWeights is null ? null : [.. state.BestWeights];
        CompletedEpochs = state.CompletedEpochs;
        _model.ResetState();
        _resumeAt = state.MidEpoch;
    }
}
