using System.Collections.Concurrent;
using HyperSweep.Search.Sampling;

namespace HyperSweep.Search.Tests.Sampling;

public sealed class ExactOnceDispenserTests
{
    [Fact]
    public void RacingLeasesGetEveryIndexOnce()
    {
        var dispenser = new ExactOnceDispenser(5000);
        var leased = new ConcurrentBag<long>();
        Parallel.For(0, 8, _ =>
        {
            while (dispenser.TryLease(out var index))
            {
                leased.Add(index);
                dispenser.Acknowledge(index);
            }
        });
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => (long)i), leased.Order());
        Assert.True(dispenser.IsExhausted);
    }

    [Fact]
    public void RestartsAtAnyMomentRunEveryIndexExactlyOnce()
    {
        var random = new Random(42);
        for (var round = 0; round < 200; round++)
        {
            const int Limit = 30;
            var recorded = new List<long>();          // the durable trial table
            var persisted = new ExactOnceDispenser(Limit).State;
            var dispenser = ExactOnceDispenser.Restore(Limit, persisted);
            var crashNow = false;
            while (recorded.Count < Limit)
            {
                if (crashNow || random.Next(6) == 0)
                {
                    crashNow = false;
                    // Crash: memory is lost; restore the last persisted state and reconcile with the table.
                    dispenser = ExactOnceDispenser.Restore(Limit, persisted);
                    var table = recorded.ToHashSet();
                    dispenser.Reconcile(table.Contains);
                    persisted = dispenser.State;
                    continue;
                }
                Assert.True(dispenser.TryLease(out var index));
                persisted = dispenser.State;              // write-ahead, before dispatch
                var outcome = random.Next(4);
                if (outcome == 0)
                {
                    crashNow = true;                       // crash after persisting, before dispatching
                    continue;
                }
                if (outcome == 1)
                {
                    dispenser.Return(index);               // no slot: hand it back
                    persisted = dispenser.State;
                    continue;
                }
                recorded.Add(index);                       // trial recorded ...
                if (outcome == 2)
                {
                    dispenser.Acknowledge(index);          // ... and acknowledged
                    persisted = dispenser.State;
                }
                else
                {
                    crashNow = true;                       // crash after recording, before acknowledging
                }
            }
            Assert.Equal(Enumerable.Range(0, Limit).Select(i => (long)i), recorded.Order());
        }
    }

    [Fact]
    public void RestoreRejectsAnInconsistentState()
    {
        Assert.Throws<ArgumentException>(() => ExactOnceDispenser.Restore(10, new DispenserState(3, [5], [])));
        Assert.Throws<ArgumentException>(() => ExactOnceDispenser.Restore(10, new DispenserState(3, [1], [1])));
        Assert.Throws<ArgumentException>(() => ExactOnceDispenser.Restore(10, new DispenserState(11, [], [])));
    }

    [Fact]
    public void AcknowledgingAnIndexNotInFlightIsRefused()
    {
        var dispenser = new ExactOnceDispenser(3);
        Assert.True(dispenser.TryLease(out var index));
        dispenser.Acknowledge(index);
        Assert.Throws<InvalidOperationException>(() => dispenser.Acknowledge(index));
    }
}
