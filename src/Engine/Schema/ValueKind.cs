namespace HyperSweep.Engine.Schema;

/// <summary>The kinds of value a hyper-parameter or a task option takes.</summary>
public enum ValueKind
{
    Integer,
    Real,
    Boolean,
    Choice,
    Text,
}
