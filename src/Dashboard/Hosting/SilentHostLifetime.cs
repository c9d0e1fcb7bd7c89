using Microsoft.Extensions.Hosting;

namespace HyperSweep.Dashboard.Hosting;

/// <summary>A host lifetime that neither prints start-up banners nor owns Ctrl-C: the command that hosts the dashboard does.</summary>
internal sealed class SilentHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
