namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>A candidate as one parameter's density needs it: its estimator-space value, or a table of log-densities by group or row.</summary>
internal readonly record struct PreparedCandidate(double X, bool Corrected, double[]? Table);
