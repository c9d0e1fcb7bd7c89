namespace HyperSweep.Search.Spec;

/// <summary>A refusal of the schema: the dotted field (<c>task.data.size</c>) and what is wrong with it.</summary>
public sealed record SchemaProblem(string Field, string Problem);
