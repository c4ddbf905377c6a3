namespace Michigrad.Cli.Running;

/// <summary>
/// A stand-in, for the test of Ctrl+C during a training step, for a step longer than any grace period: with the
/// environment variable <c>MICHIGRAD_TEST_STALL_STEP=N</c> training step N (1 for the first) says so on standard
/// error and then never finishes, looking at no cancellation token, as the step of a graph of millions of nodes does
/// for seconds on a slow machine. How long a real step takes depends on the machine; this does not.
/// </summary>
internal static class StalledStep
{
    /// <summary>The environment variable that turns the stall on.</summary>
    public const string Variable = "MICHIGRAD_TEST_STALL_STEP";

    /// <summary>The line written to standard error as the stall begins.</summary>
    public const string Announcement = "Stalling inside a training step (MICHIGRAD_TEST_STALL_STEP).";

    private static readonly long Step = long.TryParse(Environment.GetEnvironmentVariable(Variable), out long step) ? step : 0;

    /// <summary>Called at the start of training step <paramref name="step"/> (1 for the first): returns at once unless
    /// the stall is set for it.</summary>
    public static void Inside(CliContext context, long step)
    {
        if (step != Step) return;
        context.Error.WriteLine(Announcement);
        context.Error.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}
