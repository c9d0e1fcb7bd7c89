namespace HyperSweep.Search.Spec;

/// <summary>What a hyper-parameter's values are: it decides how a range is read (an integer range or a real one).</summary>
public enum SchemaValueKind
{
    Integer,
    Real,
    Boolean,
    Text,
}
