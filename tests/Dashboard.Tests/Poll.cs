namespace HyperSweep.Dashboard.Tests;

/// <summary>Waits for a condition the test caused (a sweep's end, a page's update): checked repeatedly until a generous deadline, never a fixed sleep.</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan deadline, string what)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{what} did not happen within {deadline.TotalSeconds:0} s (last: {value})");
            }

            await Task.Delay(50);
        }
    }
}
