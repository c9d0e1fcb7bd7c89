using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace HyperSweep.Client.Cli;

/// <summary>
/// <c>--help</c>: System.CommandLine's help at a fixed width (the same text on every terminal and in tests), then the
/// command's examples (<see cref="CommandExamples"/>).
/// </summary>
public sealed class ExamplesHelpAction : SynchronousCommandLineAction
{
    /// <summary>Help lines fit this many columns.</summary>
    public const int Width = 120;

    private readonly HelpAction _inner = new() { MaxWidth = Width };

    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        _inner.Invoke(parseResult);
        var examples = CommandExamples.Of(parseResult.CommandResult.Command);
        if (examples.Count > 0)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (var example in examples)
            {
                output.WriteLine("  " + example);
            }

            output.WriteLine();
        }

        return ExitCodes.Success;
    }

    /// <summary>Puts this action on every help option of the tree under <paramref name="root"/>.</summary>
    public static void Install(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var option in root.Options.OfType<HelpOption>())
        {
            option.Action = new ExamplesHelpAction();
        }
    }
}
