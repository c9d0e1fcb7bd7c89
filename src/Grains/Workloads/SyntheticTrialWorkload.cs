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
            if (!onEpoch(new TrialEpochResult(epoch, metrics, BitConverter.GetBytes(epoch))))
            {
                return new TrialWorkloadResult(StoppedByCallback: true, epoch);
            }
        }

        return new TrialWorkloadResult(StoppedByCallback: false, request.MaxEpochs);
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
