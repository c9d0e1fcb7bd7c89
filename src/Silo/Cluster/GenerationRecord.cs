namespace HyperSweep.Silo.Cluster;

/// <summary>
/// The last cluster generation this node saw in a given Redis, kept in the state directory (on a batch cluster the
/// shared home, where the CLI's and every silo's records meet). It lets a silo starting on an empty Redis tell a new
/// cluster from one whose Redis lost its data while every silo was stopped.
/// </summary>
public sealed class GenerationRecord(string stateDir, RedisEndpoint redis, string serviceId, string clusterId)
{
    public string Path { get; } = System.IO.Path.Combine(stateDir, "clusters",
        $"{Safe(redis.ToString())}-{Safe(serviceId)}-{Safe(clusterId)}.generation");

    public ClusterGeneration? Read()
    {
        try
        {
            return ClusterGeneration.FromJson(File.ReadAllText(Path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Remembers <paramref name="generation"/> (best effort: a read-only home only loses this check).</summary>
    public void Write(ClusterGeneration generation)
    {
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var temporary = Path + "." + Environment.ProcessId + ".tmp";
            File.WriteAllText(temporary, generation.ToJson());
            File.Move(temporary, Path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Not being able to remember only weakens the next start's check.
        }
    }

    private static string Safe(string text) => string.Concat(text.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
}
