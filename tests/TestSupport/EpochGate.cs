namespace HyperSweep.TestSupport;

/// <summary>
/// The test's side of the synthetic workload's gate folder (src/Grains/Workloads/SyntheticEpochGate.cs): every epoch
/// of every attempt waits for a pass that this test hands out, so "trials have reached epoch 2 and none has gone
/// further" is a state the test makes, not a moment it hopes to catch. Hand the <see cref="Folder"/> to
/// <c>new SyntheticTrialWorkload(folder)</c>, or to a child process in <c>HYPERSWEEP_SYNTHETIC_GATE</c>. Closed when
/// created: nothing runs until the test allows it. Trials with several batches per epoch (synthetic_batches) can also be
/// held inside an epoch (<see cref="AllowBatches"/>), and <see cref="Arrived"/> tells when they are waiting there.
/// </summary>
public sealed class EpochGate : IDisposable
{
    private readonly TempFolder _folder = new("hypersweep-gate-");
    private int _tokens;

    public string Folder => _folder.Path;

    /// <summary>Every attempt may run epochs 1 to <paramref name="epoch"/> (and waits before the next).</summary>
    public void AllowThrough(int epoch)
    {
        for (var e = 1; e <= epoch; e++)
        {
            Allow(e);
        }
    }

    /// <summary>Every attempt may run epoch <paramref name="epoch"/>.</summary>
    public void Allow(int epoch) => Touch($"epoch-{epoch}");

    /// <summary>Every attempt may run batches 1 to <paramref name="batch"/> of epoch <paramref name="epoch"/> (and waits before the next).</summary>
    public void AllowBatches(int epoch, int batch) => Touch($"batch-{epoch}-{batch}");

    /// <summary>How many attempts have been held before batch <paramref name="batch"/> of epoch <paramref name="epoch"/> so far.</summary>
    public int Arrived(int epoch, int batch) => Directory.GetFiles(Folder, $"arrived-{epoch}-{batch}.*").Length;

    /// <summary>Lets every synthetic trial that hangs on purpose (synthetic_hang_at) go, so its thread ends with the test.</summary>
    public void ReleaseHung() => Touch("unhang");

    /// <summary><paramref name="attempts"/> attempts (whichever ask first) may run epoch <paramref name="epoch"/>.</summary>
    public void AllowOnce(int epoch, int attempts = 1)
    {
        for (var i = 0; i < attempts; i++)
        {
            Touch($"epoch-{epoch}.{Interlocked.Increment(ref _tokens)}");
        }
    }

    /// <summary>
    /// Only <paramref name="attempts"/> attempts may start (run epoch 1; the others wait before it), and every attempt
    /// may run epochs 2 to <paramref name="lastEpoch"/>: that many trials finish, and the next ones are held at their start.
    /// </summary>
    public void AllowStarts(int attempts, int lastEpoch)
    {
        AllowOnce(epoch: 1, attempts);
        for (var epoch = 2; epoch <= lastEpoch; epoch++)
        {
            Allow(epoch);
        }
    }

    /// <summary><paramref name="epochs"/> more epochs, each for whichever attempt asks first, whatever its epoch number.</summary>
    public void AllowAny(int epochs)
    {
        for (var i = 0; i < epochs; i++)
        {
            Touch($"any.{Interlocked.Increment(ref _tokens)}");
        }
    }

    /// <summary>Every epoch of every attempt passes from now on.</summary>
    public void Open() => Touch("open");

    /// <summary>How many one-attempt passes (<see cref="AllowOnce"/>, <see cref="AllowAny"/>) have been taken.</summary>
    public int Taken => Directory.GetFiles(Folder, "taken-*").Length;

    public void Dispose() => _folder.Dispose();

    private void Touch(string name) => File.WriteAllText(Path.Combine(Folder, name), "");
}
