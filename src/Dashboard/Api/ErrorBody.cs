namespace HyperSweep.Dashboard;

/// <summary>The JSON body of every error answer: <c>{"error": "..."}</c>, never a stack trace.</summary>
public sealed record ErrorBody(string Error);
