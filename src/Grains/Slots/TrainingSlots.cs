using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HyperSweep.Grains.Slots;

/// <summary>
/// The silo's training slots: a silo-wide service (it outlives grain activations) that runs each training on
/// a dedicated thread (<see cref="TrainingThreads"/>, reused across trials), so CPU-bound epochs never occupy a
/// grain scheduler thread, and refuses work beyond the configured number of slots. One run per trial key. It also
/// watches its runs for silence (<see cref="HungTrialWatchdog"/>) and, when the silo leaves, drains them
/// (<see cref="DrainAsync"/>): no new work, every run asked to checkpoint at its next batch boundary and hand itself back.
/// </summary>
public sealed class TrainingSlots : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, TrainingRun> _runs = new(StringComparer.Ordinal);
    private readonly TrainingThreads _threads = new();
    private readonly HungTrialWatchdog? _watchdog;
    private bool _disposed;
    private bool _draining;

    public TrainingSlots(IOptions<TrainingSlotOptions> options, ILogger<TrainingSlots>? logger = null)
    {
        Options = options.Value;
        Capacity = Options.Slots;
        if (Capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Capacity, "TrainingSlots:Slots must be at least 1.");
        }

        if (Options.HungTrialTimeout > TimeSpan.Zero)
        {
            _watchdog = new HungTrialWatchdog(this, Options.HungTrialTimeout, logger ?? (ILogger)NullLogger.Instance);
        }
    }

    public int Capacity { get; }

    public TrainingSlotOptions Options { get; }

    /// <summary>True once the silo is leaving: no run starts any more.</summary>
    public bool IsDraining
    {
        get
        {
            lock (_gate)
            {
                return _draining;
            }
        }
    }

    /// <summary>The most slots ever in use at once (observability; tests check the limit with it).</summary>
    public int PeakInUse { get; private set; }

    public int InUse
    {
        get
        {
            lock (_gate)
            {
                return _runs.Count;
            }
        }
    }

    /// <summary>The trial keys holding a slot now, sorted (the dashboard's cluster page lists them).</summary>
    public IReadOnlyList<string> RunningKeys()
    {
        lock (_gate)
        {
            return [.. _runs.Keys.Order(StringComparer.Ordinal)];
        }
    }

    public bool IsRunning(string key)
    {
        lock (_gate)
        {
            return _runs.ContainsKey(key);
        }
    }

    /// <summary>The runs holding a slot now (the watchdog's and the drain's view).</summary>
    internal IReadOnlyList<TrainingRun> Runs()
    {
        lock (_gate)
        {
            return [.. _runs.Values];
        }
    }

    /// <summary>
    /// Starts <paramref name="train"/> on a dedicated thread if a slot is free, the silo is not leaving and
    /// <paramref name="key"/> is not already running; null otherwise. The slot is released when <paramref name="train"/>
    /// returns, or earlier when it calls <see cref="TrainingRun.ReleaseSlot"/> (training over, only reporting left), or
    /// when the watchdog abandons the run, which then calls <paramref name="onHung"/> with the reason.
    /// </summary>
    public TrainingRun? TryStart(string key, Action<TrainingRun> train, Action<string>? onHung = null)
    {
        TrainingRun run;
        lock (_gate)
        {
            if (_disposed || _draining || _runs.Count >= Capacity || _runs.ContainsKey(key))
            {
                return null;
            }

            run = new TrainingRun(key, new CancellationTokenSource(), Release, onHung);
            _runs.Add(key, run);
            PeakInUse = Math.Max(PeakInUse, _runs.Count);
        }

        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        run.Completion = completion.Task;
        _threads.Run(() =>
        {
            Exception? failure = null;
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                train(run);
            }
            catch (Exception exception)
            {
                failure = exception;
            }
            finally
            {
                run.ReleaseSlot(); // before completion: a finished run never still holds its slot
            }

            if (failure is null)
            {
                completion.SetResult();
            }
            else
            {
                completion.SetException(failure);
            }

            // After completion, so nobody waits on it; the run's frames have returned, so what it built is unreachable.
            TrialMemoryReclaimer.RunEnded(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
        });
        return run;
    }

    private void Release(TrainingRun run)
    {
        lock (_gate)
        {
            if (_runs.TryGetValue(run.Key, out var current) && ReferenceEquals(current, run))
            {
                _runs.Remove(run.Key);
            }
        }
    }

    /// <summary>
    /// The silo is leaving: starts nothing more, asks every run to checkpoint at its next batch boundary and hand its
    /// trial back, and waits up to <paramref name="grace"/> for them; runs still going then are cancelled (they resume
    /// from their last checkpoint, as after a kill). With <paramref name="checkpoint"/> false (the store failed, so
    /// checkpoints cannot be written) they are cancelled at once. Returns how many runs had not finished in time.
    /// </summary>
    public async Task<int> DrainAsync(TimeSpan grace, bool checkpoint, CancellationToken cancellation)
    {
        lock (_gate)
        {
            _draining = true;
        }

        var runs = Runs();
        foreach (var run in runs)
        {
            if (checkpoint)
            {
                run.RequestStop();
            }
            else
            {
                run.Cancel();
            }
        }

        try
        {
            await Task.WhenAll(runs.Select(r => r.Completion.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(grace, cancellation);
            return 0;
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            var late = runs.Where(r => !r.Completion.IsCompleted).ToList();
            late.ForEach(r => r.Cancel());
            return late.Count;
        }
    }

    /// <summary>Cancels every run (silo shutting down).</summary>
    public void Dispose()
    {
        List<TrainingRun> runs;
        lock (_gate)
        {
            _disposed = true;
            runs = [.. _runs.Values];
        }

        _watchdog?.Dispose();
        foreach (var run in runs)
        {
            run.Cancel();
        }
    }
}
