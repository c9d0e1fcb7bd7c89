namespace HyperSweep.Engine.Tasks;

/// <summary><c>source: agreement</c>: the built-in synthetic number-agreement task, no files.</summary>
public sealed record AgreementDataSpec(AgreementOptions Options) : TaskDataSpec;
