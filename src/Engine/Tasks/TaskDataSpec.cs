namespace HyperSweep.Engine.Tasks;

/// <summary>Where a task's data comes from: <see cref="AgreementDataSpec"/> or <see cref="FileDataSpec"/>.</summary>
public abstract record TaskDataSpec;
