using System.CommandLine;
using System.CommandLine.Parsing;

namespace Michigrad.Cli;

/// <summary>Checks System.CommandLine leaves to the program.</summary>
internal static class ParseChecks
{
    /// <summary>Arguments are taken as written: <c>@file</c> is a file name, never a response file to expand.</summary>
    public static ParserConfiguration Configuration => new() { ResponseFileTokenReplacer = null };

    /// <summary>The complaint about an option whose value is another option's name, as in <c>--out --steps</c>
    /// (which would otherwise make a folder called <c>--steps</c>), or <see langword="null"/>.</summary>
    public static string? OptionTakenAsValue(ParseResult parse)
    {
        Command command = parse.CommandResult.Command;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Option option in command.Options.Concat(parse.RootCommandResult.Command.Options.Where(o => o.Recursive)))
        {
            names.Add(option.Name);
            foreach (string alias in option.Aliases) names.Add(alias);
        }
        foreach (OptionResult result in parse.CommandResult.Children.OfType<OptionResult>())
            foreach (Token token in result.Tokens)
                if (names.Contains(token.Value))
                    return $"{result.Option.Name} needs a value, but the next word is the option {token.Value}. " +
                        $"(For a file whose name starts with '-', write ./{token.Value}.)";
        return null;
    }

    /// <summary>The complaint about an option given last with no value, as in <c>train --data-dir</c>, in the
    /// words of the other messages (System.CommandLine's own says "Required argument missing"), or
    /// <see langword="null"/>.</summary>
    public static string? MissingValue(ParseResult parse)
    {
        foreach (OptionResult result in parse.CommandResult.Children.OfType<OptionResult>())
            if (!result.Implicit && result.Tokens.Count == 0 && result.Option.Arity.MinimumNumberOfValues > 0)
            {
                string value = result.Option.HelpName ?? "VALUE";
                return $"{result.Option.Name} needs a value ({result.Option.Name} {value}).";
            }
        return null;
    }
}
