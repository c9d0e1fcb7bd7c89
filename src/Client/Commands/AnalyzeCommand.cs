using System.CommandLine;

namespace HyperSweep.Client.Commands;

/// <summary><c>hypersweep analyze clusters|gradients</c>: the course's two pictures of what a recurrent network learns.</summary>
public static class AnalyzeCommand
{
    public static Command Create() => new("analyze", "Look inside trained RNNs: Elman's hierarchical clustering of hidden states, and gradient norms over time steps.")
    {
        AnalyzeClustersCommand.Create(),
        AnalyzeGradientsCommand.Create(),
    };
}
