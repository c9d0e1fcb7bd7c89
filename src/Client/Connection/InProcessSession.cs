namespace HyperSweep.Client.Connection;

/// <summary>A session on a dev silo hosted by this process for the length of one command.</summary>
internal sealed class InProcessSession(DevSilo silo) : IClusterSession
{
    public IGrainFactory Grains => silo.Grains;

    public string Description => "in-process dev silo";

    public HyperSweep.Grains.Storage.StateStoreFault? StoreFault => silo.Health.Fault;

    public ValueTask DisposeAsync() => silo.DisposeAsync();
}
