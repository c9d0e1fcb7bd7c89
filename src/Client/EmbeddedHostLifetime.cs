using Microsoft.Extensions.Hosting;

namespace HyperSweep.Client;

/// <summary>
/// The embedded silo's host lifetime: no signal handling of its own. The CLI handles Ctrl-C/SIGTERM itself
/// (pause the sweep, then stop the silo); the default console lifetime would stop the silo first.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
