namespace Michigrad.Playground.Lab.Running;

/// <summary>How far a snippet may go before <see cref="Budget"/> stops it.</summary>
/// <param name="Time">Running time, from the start of the run (compiling not counted).</param>
/// <param name="MaxDepth">Nested calls of the snippet's own methods, local functions, constructors and accessors.</param>
/// <param name="MaxMemoryBytes">The managed heap's size, as <see cref="GC.GetTotalMemory(bool)"/> reports it.</param>
public sealed record BudgetLimits(TimeSpan Time, int MaxDepth, long MaxMemoryBytes)
{
    /// <summary>The page's limits: an endless loop ends after 3 s (the page's own watchdog, a little later, is the
    /// backstop for code that never ticks), recursion at 1,000 levels (well inside the browser's stack), and the heap at
    /// 512 MiB (a 100,000-node graph takes about 10 MiB).</summary>
    public static BudgetLimits Default { get; } = new(TimeSpan.FromSeconds(3), 1_000, 512L << 20);
}
