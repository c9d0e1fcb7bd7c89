using HyperSweep.Engine.Training;

namespace HyperSweep.Client.Train;

/// <summary>
/// A parsed trial file for <c>hypersweep train</c>: the engine's <see cref="TrialRequest"/> plus what only the
/// command uses (where to checkpoint, an optional agreement evaluation set). <see cref="Marks"/> maps each
/// field path (<c>parameters.lr</c>) to its line and column so engine errors can point into the file.
/// </summary>
/// <param name="Path">The trial file as given.</param>
/// <param name="Request">The trial to run; relative paths resolve against the file's folder.</param>
/// <param name="CheckpointPath">Absolute checkpoint path (written after every epoch), or null.</param>
/// <param name="AgreementDirectory">Absolute folder of a Linzen-format agreement set to evaluate the trained LM on, or null.</param>
/// <param name="Marks">Field path → (line, column), 1-based.</param>
/// <param name="Note">A one-line note for the user (the file uses the deprecated form), or null.</param>
public sealed record TrialFile(
    string Path,
    TrialRequest Request,
    string? CheckpointPath,
    string? AgreementDirectory,
    IReadOnlyDictionary<string, (int Line, int Column)> Marks,
    string? Note = null);
