namespace HyperSweep.Client.Tests;

/// <summary>The tests that share the one <see cref="DevSiloFixture"/> (run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class DevSiloCollection : ICollectionFixture<DevSiloFixture>
{
    public const string Name = "dev silo";
}
