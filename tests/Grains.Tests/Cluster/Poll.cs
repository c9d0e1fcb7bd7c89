namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>Waits for a condition by polling state, with a deadline (no sleeps as synchronisation).</summary>
internal static class Poll
{
    public static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {timeout.TotalSeconds:0}s: {describe()}");
            }

            await Task.Delay(50);
        }
    }
}
