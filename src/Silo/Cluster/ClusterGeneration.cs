using System.Text.Json;

namespace HyperSweep.Silo.Cluster;

/// <summary>
/// One life of a cluster's store: created (with a random id) by the first silo that finds the store empty, and kept in
/// the store beside the sweeps. A store that lost its data loses this marker with them, which is how silos and clients
/// tell "Redis restarted without its data" from "Redis restarted" (docs/CLUSTER.md, "When Redis loses its data").
/// </summary>
public sealed record ClusterGeneration(string Id, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static ClusterGeneration New(string createdBy) => new(Guid.NewGuid().ToString("N")[..12], DateTimeOffset.UtcNow, createdBy);

    public string ToJson() => JsonSerializer.Serialize(this);

    public static ClusterGeneration? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ClusterGeneration>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() => $"generation {Id} (created {CreatedAt:yyyy-MM-dd HH:mm:ss}Z by {CreatedBy})";
}
