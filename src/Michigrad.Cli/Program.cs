using Spectre.Console;

namespace Michigrad.Cli;

/// <summary>The entry point of the <c>michigrad</c> tool.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        // Redirected output (a pipe, a CI log) gets plain lines, no animation and no colour codes.
        bool redirected = Console.IsOutputRedirected;
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
        });

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C asks the running command to stop cleanly; a second one ends the process.
            if (cancellation.IsCancellationRequested) return;
            e.Cancel = true;
            cancellation.Cancel();
        };
        return MichigradCli.Run(args, console, Console.Error, cancellation.Token);
    }
}
