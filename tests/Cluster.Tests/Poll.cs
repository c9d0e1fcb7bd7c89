namespace HyperSweep.Cluster.Tests;

/// <summary>Waits on observable state with a deadline (never a sleep as synchronisation).</summary>
internal static class Poll
{
    public static async Task Until(Func<Task<bool>> condition, TimeSpan deadline, Func<string> describe)
    {
        var end = DateTime.UtcNow + deadline;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is OrleansException or TimeoutException or SiloUnavailableException)
            {
                // The cluster is changing under the test (a silo dying, Redis restarting): ask again.
            }

            if (DateTime.UtcNow > end)
            {
                throw new TimeoutException($"not reached within {deadline.TotalSeconds:0} s: {describe()}");
            }

            await Task.Delay(200);
        }
    }
}
