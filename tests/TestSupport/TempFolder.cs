namespace HyperSweep.TestSupport;

/// <summary>A fresh temporary folder for one test, deleted (best effort) on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "hypersweep-test-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    /// <summary>A path inside the folder (nothing is created).</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes <paramref name="text"/> to a file in the folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        var file = Combine(name);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process the test stopped may still hold a file for a moment; a leftover temp folder is harmless.
        }
    }
}
