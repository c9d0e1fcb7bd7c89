namespace HyperSweep.Client.Connection;

/// <summary>Picks the <see cref="IClusterTarget"/> for a command's options: dev mode without a cluster, else the cluster transport.</summary>
public static class ClusterTargets
{
    /// <summary>
    /// Resolves the target. <c>--cluster</c> wins over <c>HYPERSWEEP_CLUSTER</c>; with neither, the dev-mode state in
    /// <see cref="ClusterTargetOptions.StateDir"/>. Throws <see cref="ArgumentException"/> for a malformed cluster
    /// value (the CLI exits 2).
    /// </summary>
    public static IClusterTarget Resolve(ClusterTargetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cluster = string.IsNullOrWhiteSpace(options.Cluster)
            ? Environment.GetEnvironmentVariable(ClusterTargetOptions.EnvironmentVariable)
            : options.Cluster;
        if (string.IsNullOrWhiteSpace(cluster))
        {
            var dev = new DevClusterTarget(options.StateDir, options.ConnectTimeout, options.Embedded, options.Verbose, options.DevSiloStartTimeout);
            return File.Exists(dev.StateDir)
                ? throw new ArgumentException($"--state-dir: {dev.StateDir} is a file, not a folder (the state directory holds the sweeps' database and logs)")
                : dev;
        }

        try
        {
            return new RemoteClusterTarget(ClusterAddress.Parse(cluster), options.ConnectTimeout);
        }
        catch (FormatException exception)
        {
            throw new ArgumentException($"--cluster / {ClusterTargetOptions.EnvironmentVariable}: {exception.Message}", exception);
        }
    }
}
