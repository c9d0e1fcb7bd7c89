using HyperSweep.Grains.Slots;

namespace HyperSweep.Grains.Tests.Slots;

public sealed class TrainingThreadsTests
{
    [Fact]
    public void Work_never_waits_behind_a_running_training()
    {
        var threads = new TrainingThreads();
        using var secondStarted = new ManualResetEventSlim();
        using var firstDone = new ManualResetEventSlim();
        var firstThread = 0;
        var secondThread = 0;

        // The first work item finishes only once the second has started: queued behind it, the second never would.
        threads.Run(() =>
        {
            firstThread = Environment.CurrentManagedThreadId;
            secondStarted.Wait(TimeSpan.FromSeconds(20));
            firstDone.Set();
        });
        threads.Run(() =>
        {
            secondThread = Environment.CurrentManagedThreadId;
            secondStarted.Set();
        });

        Assert.True(firstDone.Wait(TimeSpan.FromSeconds(25)), "the first training never finished");
        Assert.True(secondStarted.IsSet, "the second training waited behind the first");
        Assert.NotEqual(firstThread, secondThread);
        Assert.NotEqual(Environment.CurrentManagedThreadId, firstThread);
    }

    [Fact]
    public void Many_overlapping_trainings_all_run_to_the_end()
    {
        var threads = new TrainingThreads();
        const int count = 200;
        using var allDone = new CountdownEvent(count);
        var ran = new int[count];
        for (var i = 0; i < count; i++)
        {
            var index = i;
            threads.Run(() =>
            {
                Interlocked.Increment(ref ran[index]);
                allDone.Signal();
            });
        }

        Assert.True(allDone.Wait(TimeSpan.FromSeconds(25)), $"{allDone.CurrentCount} of {count} trainings never ran");
        Assert.All(ran, r => Assert.Equal(1, r));
    }
}
