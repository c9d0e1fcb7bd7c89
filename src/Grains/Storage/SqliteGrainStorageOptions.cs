namespace HyperSweep.Grains.Storage;

/// <summary>Where <see cref="SqliteGrainStorage"/> keeps its database file.</summary>
public sealed class SqliteGrainStorageOptions
{
    /// <summary>Path of the SQLite database file; its directory is created when missing.</summary>
    public string DatabasePath { get; set; } = "";
}
