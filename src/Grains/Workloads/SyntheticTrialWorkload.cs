using System.Globalization;
using System.IO.Hashing;
using System.Text;
using HyperSweep.Search.Spec;

namespace HyperSweep.Grains.Workloads;

/// <summary>
/// A trial without training, for measuring the service's own overhead and for coordinator-logic tests:
/// a deterministic learning curve derived from the parameters and seed (loss decays towards a floor that
/// depends on a hash of both), with a checkpoint holding the epoch reached. Settings read from the
/// parameters (all optional, see <see cref="SyntheticSchema"/>): the floor the loss approaches (overriding the
/// hash), an epoch to throw at, an epoch from which the loss is NaN, and simulated training time per epoch (waited
/// on the cancellation token). Metrics: train_loss, val_loss, val_accuracy (= 1 - val_loss / 2, clamped to [0, 1]).
/// Tests hold its epochs with a gate folder (<see cref="SyntheticEpochGate"/>): given here, or for a workload built by
/// a host in a child process, named by the environment variable <see cref="GateVariable"/>. Without one it never waits.
/// </summary>
public sealed class SyntheticTrialWorkload(string? gateFolder = null) : ITrialWorkload
{
    /// <summary>The environment variable naming a gate folder when none is given to the constructor (tests only).</summary>
    public const string GateVariable = "HYPERSWEEP_SYNTHETIC_GATE";

    private static int _testScorings;

    private readonly SyntheticEpochGate? _gate =
        (gateFolder ?? Environment.GetEnvironmentVariable(GateVariable)) is { Length: > 0 } folder ? new SyntheticEpochGate(folder) : null;

    public ISweepSchema Schema => SyntheticSchema.Instance;

    public TrialWorkloadResult Run(TrialWorkloadRequest request, Func<TrialEpochResult, bool> onEpoch, CancellationToken cancellation)
    {
        var floor = Number(request.Parameters, SyntheticSchema.Floor) ?? HashFloor(request.Parameters, request.Seed);
        var failAt = Number(request.Parameters, SyntheticSchema.FailAt);
        var divergeAt = Number(request.Parameters, SyntheticSchema.DivergeAt);
        var epochMs = Number(request.Parameters, SyntheticSchema.EpochMs) ?? 0;

        var start = request.ResumeCheckpoint is null ? 0 : BitConverter.ToInt32(request.ResumeCheckpoint);
        for (var epoch = start + 1; epoch <= request.MaxEpochs; epoch++)
        {
            _gate?.Pass(epoch, cancellation);
            if (epochMs > 0)
            {
                // Simulated training time; returns early when the attempt is cancelled.
                cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(epochMs));
            }

            cancellation.ThrowIfCancellationRequested();
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
            if (!onEpoch(new TrialEpochResult(epoch, metrics, Checkpoint(epoch, request.Parameters))))
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

    /// <summary>
    /// The epoch reached (4 bytes), padded with <c>synthetic_checkpoint_kb</c> KiB of bytes derived from the epoch and
    /// the parameters: a checkpoint of a realistic size for storage tests, which a resumed attempt reproduces exactly.
    /// </summary>
    private static byte[] Checkpoint(int epoch, IReadOnlyDictionary<string, object> parameters)
    {
        var kilobytes = (int)(Number(parameters, SyntheticSchema.CheckpointKb) ?? 0);
        var bytes = new byte[4 + (kilobytes * 1024)];
        BitConverter.TryWriteBytes(bytes, epoch);
        new Random(epoch).NextBytes(bytes.AsSpan(4));
        return bytes;
    }

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
