using System.Reflection;

namespace HyperSweep.Engine.Packaging;

/// <summary>The build that wrote a model file: the Engine assembly's informational version (recorded in every model file).</summary>
public static class EngineVersion
{
    public static string Current { get; } =
        typeof(EngineVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(EngineVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
