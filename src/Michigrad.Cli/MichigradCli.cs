using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Reflection;
using Michigrad.Cli.Commands;
using Michigrad.Cli.Running;
using Spectre.Console;

namespace Michigrad.Cli;

/// <summary>The <c>michigrad</c> command line: parses the arguments, runs a command and turns failures into exit codes.</summary>
internal static class MichigradCli
{
    /// <summary><c>--verbose</c>: show the stack trace of an unexpected failure. Available on every command.</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show the full details (stack trace) of an unexpected failure.",
        Recursive = true,
    };

    /// <summary>Runs the command line <paramref name="args"/> and returns the process exit code.</summary>
    /// <param name="args">The arguments after the program name.</param>
    /// <param name="console">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="cancellation">Signalled by Ctrl+C.</param>
    /// <returns>0 on success, 1 on an unexpected failure, 2 on bad input, 3 when training diverged, 130 when interrupted.</returns>
    public static int Run(string[] args, IAnsiConsole console, TextWriter error, CancellationToken cancellation = default)
    {
        var context = new CliContext(console, error, cancellation);
        var root = new RootCommand("Michigrad: train, use and draw tiny neural networks built on a scalar autograd engine.")
        {
            TrainCommand.Create(context),
            PredictCommand.Create(context),
            GraphCommand.Create(context),
            BenchCommand.Create(context),
            ExportCommand.Create(context),
            ImportCommand.Create(context),
        };
        root.Add(Verbose);
        // The default reads the entry assembly, which is the test host when tests run the CLI in process.
        foreach (VersionOption version in root.Options.OfType<VersionOption>()) version.Action = new PrintVersion();

        ParseResult parse = root.Parse(args, ParseChecks.Configuration);
        string hint = Hint(parse);
        if (ParseChecks.OptionTakenAsValue(parse) is string optionAsValue) return Usage(error, optionAsValue, hint);
        if (ParseChecks.MissingValue(parse) is string missingValue) return Usage(error, missingValue, hint);
        // Help and version clear parse errors; anything else with errors is bad input.
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction or null)
        {
            // An unknown word explains more than the "required command" complaint it also causes.
            ParseError first = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal))
                ?? parse.Errors[0];
            return Usage(error, first.Message, hint);
        }

        var invocation = new InvocationConfiguration
        {
            Output = console.Profile.Out.Writer,
            Error = error,
            EnableDefaultExceptionHandler = false,   // ours below: one line, no stack trace
            ProcessTerminationTimeout = null,        // Ctrl+C is the caller's token, so a command can stop cleanly
        };
        try
        {
            int code = parse.Invoke(invocation);
            // A Ctrl+C the command had no more chance to look at still ends it as interrupted: its files are complete.
            if (code == ExitCodes.Ok && cancellation.IsCancellationRequested)
            {
                error.WriteLine("Interrupted after the command's files were written.");
                return ExitCodes.Interrupted;
            }
            return code;
        }
        catch (UsageException e)
        {
            return Usage(error, e.Message, hint);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            error.WriteLine("Interrupted.");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            error.WriteLine($"error: {Shown.Error(OneLine(e.Message))}");
            error.WriteLine(parse.GetValue(Verbose) ? e.ToString() : "Run again with --verbose for the details.");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Prints this tool's version, read from its own assembly.</summary>
    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            string version = typeof(MichigradCli).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            parseResult.InvocationConfiguration.Output.WriteLine(version);
            return ExitCodes.Ok;
        }
    }

    private static int Usage(TextWriter error, string message, string hint)
    {
        error.WriteLine($"error: {Shown.Error(OneLine(message))}");
        error.WriteLine(hint);
        return ExitCodes.Usage;
    }

    private static string Hint(ParseResult parse)
    {
        Command command = parse.CommandResult.Command;
        string name = command is RootCommand ? "michigrad" : $"michigrad {command.Name}";
        return $"Try '{name} --help'.";
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
