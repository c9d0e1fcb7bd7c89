namespace HyperSweep.Search;

/// <summary>Whether the objective metric should be made small or large.</summary>
public enum StudyDirection
{
    Minimize,
    Maximize,
}
