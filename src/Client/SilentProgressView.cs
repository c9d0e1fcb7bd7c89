namespace HyperSweep.Client;

/// <summary>Polls without printing (for --json, whose only output is the final document).</summary>
public sealed class SilentProgressView(TimeSpan interval) : IProgressView
{
    public bool ShowsTrials => false;

    public async Task<SweepSnapshot?> ShowAsync(Func<Task<SweepSnapshot?>> poll)
    {
        SweepSnapshot? last = null;
        while (await poll() is { } snapshot)
        {
            last = snapshot;
            if (snapshot.Status.IsFinal)
            {
                break;
            }

            await Task.Delay(interval);
        }

        return last;
    }
}
