namespace Michigrad.Cli.Running;

/// <summary>
/// A stand-in, for the test of Ctrl+C during a training step, for a step longer than any grace period: with the
/// environment variable <c>MICHIGRAD_TEST_STALL_STEP=1</c> the first training step says so on standard error and
/// then never finishes, looking at no cancellation token, as the step of a graph of millions of nodes does for
/// seconds on a slow machine. How long a real step takes depends on the machine; this does not.
/// </summary>
internal static class StalledStep
{
    /// <summary>The environment variable that turns the stall on.</summary>
    public const string Variable = "MICHIGRAD_TEST_STALL_STEP";

    /// <summary>The line written to standard error as the stall begins.</summary>
    public const string Announcement = "Stalling inside the first training step (MICHIGRAD_TEST_STALL_STEP=1).";

    private static readonly bool Enabled = Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>Called at the start of a training step: returns at once unless the stall is on.</summary>
    public static void Inside(CliContext context)
    {
        if (!Enabled) return;
        context.Error.WriteLine(Announcement);
        context.Error.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}
