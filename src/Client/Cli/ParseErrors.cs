using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using HyperSweep.Search.Spec;

namespace HyperSweep.Client.Cli;

/// <summary>
/// What a mistyped command line gets: ONE line naming the problem — an unknown command or option with "did you mean",
/// a value of the wrong type in words ("expected a whole number"), a missing argument — then where the usage is. Never
/// the whole help (System.CommandLine's default), which buries the one line that matters.
/// </summary>
public static partial class ParseErrors
{
    public static string Describe(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var command = parse.CommandResult.Command;
        if (parse.UnmatchedTokens.Count > 0)
        {
            return Unmatched(command, parse.UnmatchedTokens[0]);
        }

        var error = parse.Errors[0];
        if (MissingArgument().IsMatch(error.Message) && MissingArguments(parse).FirstOrDefault() is { } missing)
        {
            return $"missing <{missing.Name}>: {missing.Description} (usage: {CommandPath(parse)} {Arguments(command)})";
        }

        return error.SymbolResult switch
        {
            OptionResult option => $"{option.Option.Name}: {Reword(error.Message)}",
            ArgumentResult { Parent: OptionResult option } => $"{option.Option.Name}: {Reword(error.Message)}",
            ArgumentResult argument => $"<{argument.Argument.Name}>: {Reword(error.Message)}",
            _ => Reword(error.Message),
        };
    }

    /// <summary>The full command name for messages: "hypersweep", "hypersweep trial".</summary>
    public static string CommandPath(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is CommandResult c; result = c.Parent)
        {
            names.Add(c.Command is RootCommand ? "hypersweep" : c.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static IEnumerable<Argument> MissingArguments(ParseResult parse) =>
        parse.CommandResult.Command.Arguments.Where(a => a.Arity.MinimumNumberOfValues > 0 && parse.GetResult(a) is not { Tokens.Count: > 0 });

    private static string Unmatched(Command command, string token)
    {
        if (token.StartsWith('-'))
        {
            var options = OptionNames(command).ToList();
            return $"unknown option '{token}'{Hint(token, options)}";
        }

        if (command.Subcommands.Count > 0)
        {
            return $"unknown command '{token}'{Hint(token, command.Subcommands.Select(c => c.Name))}";
        }

        return $"unexpected argument '{token}' (this command takes {Arguments(command)})";
    }

    private static string Hint(string typed, IEnumerable<string> known)
    {
        var closest = Suggestions.Closest(typed, known);
        return closest.Count == 0 ? "" : $"; did you mean {string.Join(" or ", closest.Select(c => $"'{c}'"))}?";
    }

    private static string Arguments(Command command) =>
        command.Arguments.Count == 0 ? "no arguments" : string.Join(" ", command.Arguments.Select(a => $"<{a.Name}>"));

    private static IEnumerable<string> OptionNames(Command command)
    {
        var options = command.Options.AsEnumerable();
        foreach (var parent in Ancestors(command))
        {
            options = options.Concat(parent.Options.Where(o => o.Recursive));
        }

        return options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
    }

    private static IEnumerable<Command> Ancestors(Command command)
    {
        foreach (var parent in command.Parents.OfType<Command>())
        {
            yield return parent;
            foreach (var above in Ancestors(parent))
            {
                yield return above;
            }
        }
    }

    /// <summary>System.CommandLine's messages in plain words and on one line.</summary>
    private static string Reword(string message)
    {
        var conversion = ConversionError().Match(message);
        if (conversion.Success)
        {
            return $"expected {TypeInWords(conversion.Groups["type"].Value)}, not '{conversion.Groups["value"].Value}'";
        }

        var choice = NotAChoice().Match(message);
        if (choice.Success)
        {
            var value = choice.Groups["value"].Value;
            var accepted = Quoted().Matches(choice.Groups["list"].Value).Select(m => m.Groups[1].Value).ToList();
            return $"'{value}' is not one of {string.Join(", ", accepted)}{Hint(value, accepted)}";
        }

        if (RequiredOption().IsMatch(message))
        {
            return "is required";
        }

        return Whitespace().Replace(message, " ").Trim();
    }

    private static string TypeInWords(string type) => type switch
    {
        "System.Int32" or "System.Int64" or "System.Nullable`1[System.Int32]" => "a whole number",
        "System.Double" or "System.Nullable`1[System.Double]" => "a number",
        "System.Boolean" => "true or false",
        _ when type.StartsWith("System.Nullable`1[System.Int", StringComparison.Ordinal) => "a whole number",
        _ => "a value of another kind",
    };

    [GeneratedRegex(@"Cannot parse argument '(?<value>.*)' for (?:option|command|argument) '.*' as expected type '(?<type>[^']+)'")]
    private static partial Regex ConversionError();

    [GeneratedRegex(@"^Required argument missing")]
    private static partial Regex MissingArgument();

    [GeneratedRegex(@"^Argument '(?<value>.*)' not recognized\. Must be one of:(?<list>.*)$", RegexOptions.Singleline)]
    private static partial Regex NotAChoice();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^Option '.*' is required\.")]
    private static partial Regex RequiredOption();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
