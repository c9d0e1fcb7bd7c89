namespace HyperSweep.Engine.Tasks;

/// <summary>Where a task's data comes from: the built-in agreement generator or files.</summary>
public enum DataSource
{
    Agreement,
    Files,
}
