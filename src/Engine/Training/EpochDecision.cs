namespace HyperSweep.Engine.Training;

/// <summary>The per-epoch callback's answer: go on, or stop now (the pruner's verdict).</summary>
public enum EpochDecision
{
    Continue,
    Stop,
}
