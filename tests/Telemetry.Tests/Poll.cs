namespace HyperSweep.Telemetry.Tests;

/// <summary>Waits for a condition by polling observable state, with a deadline (no sleeps as synchronisation).</summary>
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

            await Task.Delay(100);
        }
    }

    public static Task Until(Func<bool> condition, TimeSpan timeout, Func<string> describe) =>
        Until(() => Task.FromResult(condition()), timeout, describe);
}
