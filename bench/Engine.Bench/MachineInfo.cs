namespace HyperSweep.Engine.Bench;

/// <summary>What a benchmark report needs to say about the machine it ran on.</summary>
public static class MachineInfo
{
    public static string CpuModel()
    {
        const string path = "/proc/cpuinfo";
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    return line[(line.IndexOf(':') + 1)..].Trim();
                }
            }
        }

        return "unknown CPU";
    }
}
