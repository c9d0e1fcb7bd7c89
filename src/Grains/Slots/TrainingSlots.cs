using Microsoft.Extensions.Options;

namespace HyperSweep.Grains.Slots;

/// <summary>
/// The silo's training slots: a silo-wide service (it outlives grain activations) that runs each training on
/// a dedicated thread (<see cref="TrainingThreads"/>, reused across trials), so CPU-bound epochs never occupy a
/// grain scheduler thread, and refuses work beyond the configured number of slots. One run per trial key.
/// </summary>
public sealed class TrainingSlots : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, TrainingRun> _runs = new(StringComparer.Ordinal);
    private readonly TrainingThreads _threads = new();
    private bool _disposed;

    public TrainingSlots(IOptions<TrainingSlotOptions> options)
    {
        Capacity = options.Value.Slots;
        if (Capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Capacity, "TrainingSlots:Slots must be at least 1.");
        }
    }

    public int Capacity { get; }

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

    /// <summary>
    /// Starts <paramref name="train"/> on a dedicated thread if a slot is free and <paramref name="key"/> is not
    /// already running; null otherwise. The slot is released when <paramref name="train"/> returns, or earlier
    /// when it calls <see cref="TrainingRun.ReleaseSlot"/> (training over, only reporting left).
    /// </summary>
    public TrainingRun? TryStart(string key, Action<TrainingRun> train)
    {
        TrainingRun run;
        lock (_gate)
        {
            if (_disposed || _runs.Count >= Capacity || _runs.ContainsKey(key))
            {
                return null;
            }

            run = new TrainingRun(key, new CancellationTokenSource(), Release);
            _runs.Add(key, run);
            PeakInUse = Math.Max(PeakInUse, _runs.Count);
        }

        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        run.Completion = completion.Task;
        _threads.Run(() =>
        {
            Exception? failure = null;
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

    /// <summary>Cancels every run (silo shutting down).</summary>
    public void Dispose()
    {
        List<TrainingRun> runs;
        lock (_gate)
        {
            _disposed = true;
            runs = [.. _runs.Values];
        }

        foreach (var run in runs)
        {
            run.Cancel();
        }
    }
}
