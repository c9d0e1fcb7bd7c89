namespace HyperSweep.Grains.Tests.Storage;

[GenerateSerializer, Alias("HyperSweep.Tests.StoredRecord")]
public sealed class StoredRecord
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public List<double> Values { get; set; } = [];
}
