using Spectre.Console;

namespace Michigrad.Cli;

/// <summary>The entry point of the <c>michigrad</c> tool.</summary>
internal static class Program
{
    /// <summary>How long a command may take to stop cleanly after the first Ctrl+C.</summary>
    internal static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(0.8);

    private static int Main(string[] args)
    {
        // Redirected output (a pipe, a CI log) gets plain lines, no animation and no colour codes.
        bool redirected = Console.IsOutputRedirected;
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
        });
        // A pipe or a log file has no width: lines must not be wrapped at 80 columns in mid-sentence.
        if (redirected) console.Profile.Width = 4096;

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C asks the running command to stop cleanly; a second one ends the process.
            if (cancellation.IsCancellationRequested) return;
            e.Cancel = true;
            cancellation.Cancel();
            // Some phases cannot look at the token (a long training step, a read blocked on a pipe): whatever is
            // still running after a grace period is ended. Files are only ever renamed into place whole, so this
            // leaves the last complete ones.
            _ = Task.Delay(GracePeriod).ContinueWith(_ =>
            {
                Console.Error.WriteLine("Interrupted; stopped without waiting for the current phase to finish.");
                Environment.Exit(ExitCodes.Interrupted);
            }, TaskScheduler.Default);
        };
        return MichigradCli.Run(args, console, Console.Error, cancellation.Token);
    }
}
