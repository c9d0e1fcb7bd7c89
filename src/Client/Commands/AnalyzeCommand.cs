using System.CommandLine;
using HyperSweep.Client.Cli;

namespace HyperSweep.Client.Commands;

/// <summary><c>hypersweep analyze clusters|gradients</c>: the course's two pictures of what a recurrent network learns.</summary>
public static class AnalyzeCommand
{
    public static Command Create() => new Command("analyze", "Look inside trained RNNs: Elman's hierarchical clustering of hidden states, and gradient norms over time steps.")
    {
        AnalyzeClustersCommand.Create(),
        AnalyzeGradientsCommand.Create(),
    }.WithExamples(
        "hypersweep analyze clusters agreement-lstm --task agreement -o clusters.png",
        "hypersweep analyze gradients ptb-elman --trial 0 --trial 3 -o gradients.png");
}
