namespace HyperSweep.Engine.Analysis;

/// <summary>A word's mean hidden state over its <see cref="Occurrences"/> in the analysed sentences.</summary>
public sealed record WordState(string Word, double[] State, int Occurrences);
