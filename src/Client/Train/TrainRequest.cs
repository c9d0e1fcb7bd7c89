namespace HyperSweep.Client.Train;

/// <summary>What <c>hypersweep train</c> was asked: the trial file, whether to resume from its checkpoint, output form.</summary>
/// <param name="TrialPath">The trial YAML as given on the command line.</param>
/// <param name="Resume">Continue after the last epoch stored in the file's <c>checkpoint:</c>.</param>
/// <param name="Json">One JSON object per epoch and a final summary, instead of plain lines.</param>
/// <param name="Progress">Also report training progress within an epoch (to stderr), about every 5%.</param>
public sealed record TrainRequest(string TrialPath, bool Resume, bool Json, bool Progress);
