using System.Text.Json;

namespace HyperSweep.Silo.Cluster;

/// <summary>
/// What a silo writes into the (now empty) store when it finds its generation gone, so every silo and client that comes
/// later can say exactly what was lost and when, instead of "no gateway answered".
/// </summary>
public sealed record ClusterGenerationLoss(ClusterGeneration Lost, DateTimeOffset DetectedAt, string DetectedBy)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static ClusterGenerationLoss? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ClusterGenerationLoss>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
