namespace HyperSweep.Search.Spec;

/// <summary>What a hyper-parameter's values are: it decides how a range is read (an integer range or a real one).</summary>
public enum SchemaValueKind
{
    Integer,
    Real,
    Boolean,
    Text,

    /// <summary>Any values (a benchmark's own parameters): a range is read as integers when its bounds are integers.</summary>
    Any,
}
