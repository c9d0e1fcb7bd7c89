using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using HyperSweep.Engine.Training;
using HyperSweep.Search.Spec;

namespace HyperSweep.Grains.Workloads;

/// <summary>
/// A trial without training, for measuring the service's own overhead and for coordinator-logic tests:
/// a deterministic learning curve derived from the parameters and seed (loss decays towards a floor that
/// depends on a hash of both), with a checkpoint holding the position reached (epochs done, batches of the next epoch
/// done, then optional padding). Settings read from the parameters (all optional, see <see cref="SyntheticSchema"/>):
/// the floor the loss approaches (overriding the hash), an epoch to throw at, an epoch from which the loss is NaN,
/// simulated training time per epoch (waited on the cancellation token), batches per epoch (the points where the host
/// may take a mid-epoch checkpoint or stop for a preemption), the checkpoint's size, and an epoch to hang at.
/// Metrics: train_loss, val_loss, val_accuracy (= 1 - val_loss / 2, clamped to [0, 1]); they never depend on where
/// an attempt was interrupted. Tests hold its batches with a gate folder (<see cref="SyntheticEpochGate"/>): given
/// here, or for a workload built by a host in a child process, named by the environment variable
/// <see cref="GateVariable"/>. Without one it never waits.
/// </summary>
public sealed class SyntheticTrialWorkload(string? gateFolder = null) : ITrialWorkload
{
    /// <summary>The environment variable naming a gate folder when none is given to the constructor (tests only).</summary>
    public const string GateVariable = "HYPERSWEEP_SYNTHETIC_GATE";

    private static int _testScorings;

    private readonly SyntheticEpochGate? _gate =
        (gateFolder ?? Environment.GetEnvironmentVariable(GateVariable)) is { Length: > 0 } folder ? new SyntheticEpochGate(folder) : null;

    public ISweepSchema Schema => SyntheticSchema.Instance;

    public TrialWorkloadResult Run(TrialWorkloadRequest request, Func<TrialEpochResult, bool> onEpoch, CancellationToken cancellation) =>
        Run(request, onEpoch, NoBatchControl.Instance, cancellation);

    public TrialWorkloadResult Run(TrialWorkloadRequest request, Func<TrialEpochResult, bool> onEpoch, ITrialBatchControl batches, CancellationToken cancellation)
    {
        var floor = Number(request.Parameters, SyntheticSchema.Floor) ?? HashFloor(request.Parameters, request.Seed);
        var failAt = Number(request.Parameters, SyntheticSchema.FailAt);
        var divergeAt = Number(request.Parameters, SyntheticSchema.DivergeAt);
        var hangAt = Number(request.Parameters, SyntheticSchema.HangAt);
        var epochMs = Number(request.Parameters, SyntheticSchema.EpochMs) ?? 0;
        var batchCount = (int)(Number(request.Parameters, SyntheticSchema.Batches) ?? 1);
        var padding = (int)(Number(request.Parameters, SyntheticSchema.CheckpointKb) ?? 0) * 1024;

        var (epochsDone, batchesDone) = Position(request.ResumeCheckpoint);
        for (var epoch = epochsDone + 1; epoch <= request.MaxEpochs; epoch++)
        {
            var epochWide = false;
            for (var batch = epoch == epochsDone + 1 ? batchesDone + 1 : 1; batch <= batchCount; batch++)
            {
                if (_gate is not null && !_gate.Pass(epoch, batch, ref epochWide, cancellation, batches.StopRequested))
                {
                    // Asked to stop while held before this batch: the checkpoint after the previous one is the place to resume.
                    return Preempted(batches, epoch, batch - 1, padding);
                }

                if (batch == 1 && hangAt is { } h && epoch == (int)h)
                {
                    SyntheticHang.Block(_gate);
                }

                if (epochMs > 0)
                {
                    // Simulated training time; returns early when the attempt is cancelled or asked to stop.
                    WaitHandle.WaitAny([cancellation.WaitHandle, batches.StopRequested.WaitHandle], TimeSpan.FromMilliseconds(epochMs / batchCount));
                }

                cancellation.ThrowIfCancellationRequested();
                switch (batches.AfterBatch(epoch, batch, batchCount))
                {
                    case BatchAction.CheckpointAndStop:
                        return Preempted(batches, epoch, batch, padding);
                    case BatchAction.Checkpoint when batch < batchCount:
                        if (!batches.CommitCheckpoint(epoch, batch, Checkpoint(epoch - 1, batch, padding)))
                        {
                            return new TrialWorkloadResult(StoppedByCallback: true, epoch - 1);
                        }

                        break;
                }
            }

            if (failAt is { } f && epoch >= f)
            {
                throw new InvalidOperationException($"synthetic failure at epoch {epoch}");
            }

            var loss = divergeAt is { } d && epoch >= d ? double.NaN : floor + (2.0 - floor) * Math.Exp(-0.5 * epoch);
            var metrics = new Dictionary<string, double>
            {
                ["train_loss"] = loss * 0.9,
                ["val_loss"] = loss,
                ["val_accuracy"] = Math.Clamp(1.0 - (loss / 2.0), 0.0, 1.0),
            };
            if (!onEpoch(new TrialEpochResult(epoch, metrics, Checkpoint(epoch, 0, padding))))
            {
                return new TrialWorkloadResult(StoppedByCallback: true, epoch);
            }
        }

        return new TrialWorkloadResult(StoppedByCallback: false, request.MaxEpochs);
    }

    /// <summary>No model file: the kept artifact is the best checkpoint (its first 4 bytes are the epoch).</summary>
    public byte[]? PackageModel(TrialWorkloadRequest request, byte[] bestCheckpoint) => null;

    /// <summary>
    /// Test metrics derived from the kept checkpoint's epoch (the dev curve's loss at that epoch plus 0.01), when the task
    /// has a test split; counted in <see cref="TestScorings"/> so tests can check that only kept trials are scored, once.
    /// </summary>
    public IReadOnlyDictionary<string, double>? ScoreTest(TrialWorkloadRequest request, byte[] kept)
    {
        var hasTest = request.Task.Data switch
        {
            Engine.Tasks.AgreementDataSpec agreement => agreement.Options.TestSize > 0,
            Engine.Tasks.FileDataSpec files => files.Test is not null,
            _ => false,
        };
        if (!hasTest)
        {
            return null;
        }

        Interlocked.Increment(ref _testScorings);
        var epoch = BitConverter.ToInt32(kept);
        var floor = Number(request.Parameters, SyntheticSchema.Floor) ?? HashFloor(request.Parameters, request.Seed);
        var loss = floor + ((2.0 - floor) * Math.Exp(-0.5 * epoch)) + 0.01;
        return new Dictionary<string, double> { ["test_loss"] = loss, ["test_accuracy"] = Math.Clamp(1.0 - (loss / 2.0), 0.0, 1.0) };
    }

    /// <summary>How many times <see cref="ScoreTest"/> scored a test split in this process.</summary>
    public static int TestScorings => Volatile.Read(ref _testScorings);

    /// <summary>Stops after <paramref name="batch"/> batches of <paramref name="epoch"/>, committing that position first (nothing to commit at an epoch's start).</summary>
    private static TrialWorkloadResult Preempted(ITrialBatchControl batches, int epoch, int batch, int padding)
    {
        if (batch > 0 && !batches.CommitCheckpoint(epoch, batch, Checkpoint(epoch - 1, batch, padding)))
        {
            return new TrialWorkloadResult(StoppedByCallback: true, epoch - 1);
        }

        return new TrialWorkloadResult(StoppedByCallback: false, epoch - 1, Preempted: true);
    }

    /// <summary>
    /// Epochs done and batches of the next epoch done (4 bytes each), padded with <paramref name="padding"/> bytes derived
    /// from that position (<c>synthetic_checkpoint_kb</c>): a checkpoint of a realistic size for storage tests, which a
    /// resumed attempt reproduces exactly.
    /// </summary>
    private static byte[] Checkpoint(int epochsDone, int batchesDone, int padding)
    {
        var bytes = new byte[8 + padding];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, epochsDone);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), batchesDone);
        new Random((epochsDone * 1_000_003) + batchesDone).NextBytes(bytes.AsSpan(8));
        return bytes;
    }

    /// <summary>Where a checkpoint resumes; a 4-byte checkpoint (before batches existed) holds the epoch only.</summary>
    private static (int Epochs, int Batches) Position(byte[]? checkpoint) => checkpoint switch
    {
        null => (0, 0),
        { Length: < 8 } => (BinaryPrimitives.ReadInt32LittleEndian(checkpoint), 0),
        _ => (BinaryPrimitives.ReadInt32LittleEndian(checkpoint), BinaryPrimitives.ReadInt32LittleEndian(checkpoint.AsSpan(4))),
    };

    private static double HashFloor(IReadOnlyDictionary<string, object> parameters, long seed)
    {
        var text = new StringBuilder(seed.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append('|').Append(name).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        var hash = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text.ToString()));
        return 0.1 + (hash % 10_000) / 10_000.0; // in [0.1, 1.1)
    }

    private static double? Number(IReadOnlyDictionary<string, object> parameters, string name) =>
        parameters.TryGetValue(name, out var value) ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : null;
}
