namespace HyperSweep.TestSupport;

/// <summary>
/// Waits for a condition by polling observable state, with a deadline that only bounds a failing test (never a sleep
/// as synchronisation: what the test waits for must be certain to happen, e.g. because a gate holds the rest).
/// </summary>
public static class Poll
{
    /// <summary>Time between two looks; short, because the condition is usually cheap and already almost true.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Polls <paramref name="condition"/> until it is true; fails the test with <paramref name="describe"/> after
    /// <paramref name="timeout"/>. Exceptions that <paramref name="retryOn"/> accepts (e.g. a cluster changing under
    /// the test) count as "not yet"; any other exception fails at once.
    /// </summary>
    public static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe, Func<Exception, bool>? retryOn = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception exception) when (retryOn?.Invoke(exception) == true)
            {
                // Transient by the caller's judgement: ask again.
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {timeout.TotalSeconds:0} s: {describe()}");
            }

            await Task.Delay(Interval);
        }
    }

    public static Task Until(Func<bool> condition, TimeSpan timeout, Func<string> describe) =>
        Until(() => Task.FromResult(condition()), timeout, describe);

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> accepts its value, and returns that value.</summary>
    public static async Task<T> UntilValue<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var value = default(T);
        await Until(async () => done(value = await read()), timeout, () => $"{what} (last: {value})");
        return value!;
    }
}
