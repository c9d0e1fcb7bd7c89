namespace HyperSweep.Dashboard.Data;

/// <summary>What a controller may do to a sweep (the CLI's pause, resume and cancel).</summary>
public enum SweepControl
{
    Pause = 0,
    Resume = 1,
    Cancel = 2,
}
