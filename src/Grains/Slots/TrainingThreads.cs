namespace HyperSweep.Grains.Slots;

/// <summary>
/// Dedicated threads for training runs, kept for reuse. A LongRunning task creates a new OS thread per trial;
/// with no-op trials at hundreds per second that creation was ~4% of the service's CPU. A thread here runs one
/// piece of work at a time; work starts at once on an idle thread or on a new one (never queued behind another
/// training), and a thread idle for <see cref="IdleTimeout"/> exits. Threads are background threads and never
/// run on a grain scheduler.
/// </summary>
internal sealed class TrainingThreads
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private readonly Queue<Action> _work = new();
    private int _idle;

    public void Run(Action work)
    {
        lock (_gate)
        {
            _work.Enqueue(work);
            if (_idle > 0)
            {
                // Hand the work to one waiting thread; it is no longer counted as idle from here on, so a second
                // Run in the meantime cannot count on the same thread.
                _idle--;
                Monitor.Pulse(_gate);
                return;
            }
        }

        new Thread(Loop) { IsBackground = true, Name = "hypersweep-training" }.Start();
    }

    private void Loop()
    {
        while (true)
        {
            Action? work;
            lock (_gate)
            {
                while (_work.Count == 0)
                {
                    _idle++;
                    if (!Monitor.Wait(_gate, IdleTimeout))
                    {
                        _idle--; // nobody handed this thread work
                        if (_work.Count == 0)
                        {
                            return;
                        }
                    }
                }

                work = _work.Dequeue();
            }

            work();
            // Dropped before this thread idles (up to IdleTimeout): the finished run's closures must not outlive it.
            work = null;
        }
    }
}
