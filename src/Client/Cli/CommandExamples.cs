using System.CommandLine;
using System.Runtime.CompilerServices;

namespace HyperSweep.Client.Cli;

/// <summary>
/// The examples of each command, printed at the end of its <c>--help</c> (<see cref="ExamplesHelpAction"/>). Every
/// command of the tree has at least one; a test walks the tree and fails for a command without.
/// </summary>
public static class CommandExamples
{
    private static readonly ConditionalWeakTable<Command, string[]> Examples = new();

    /// <summary>Attaches <paramref name="examples"/> (each one command line, optionally followed by "  # what it does").</summary>
    public static TCommand WithExamples<TCommand>(this TCommand command, params string[] examples)
        where TCommand : Command
    {
        ArgumentNullException.ThrowIfNull(command);
        Examples.AddOrUpdate(command, examples);
        return command;
    }

    public static IReadOnlyList<string> Of(Command command) => Examples.TryGetValue(command, out var examples) ? examples : [];
}
