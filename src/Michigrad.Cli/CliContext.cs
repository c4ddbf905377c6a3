using Spectre.Console;

namespace Michigrad.Cli;

/// <summary>Where a command writes and when it must stop: passed to every command so tests can drive them in process.</summary>
/// <param name="Console">Standard output: tables, progress and results.</param>
/// <param name="Error">Standard error: error lines and hints.</param>
/// <param name="Cancellation">Signalled by Ctrl+C.</param>
internal sealed record CliContext(IAnsiConsole Console, TextWriter Error, CancellationToken Cancellation)
{
    /// <summary>Whether to animate progress: only on an interactive terminal, never in a pipe or a CI log.</summary>
    public bool Live => Console.Profile.Capabilities.Interactive && Console.Profile.Capabilities.Ansi;
}
