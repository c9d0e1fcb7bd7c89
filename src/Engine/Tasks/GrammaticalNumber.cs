namespace HyperSweep.Engine.Tasks;

/// <summary>Number of a noun or verb; the values are the agreement task's class labels.</summary>
public enum GrammaticalNumber
{
    Singular = 0,
    Plural = 1,
}
