namespace HyperSweep.Search.Spec;

/// <summary>How trials' parameters are chosen.</summary>
public enum SearchMethod
{
    Grid,
    Random,
}
