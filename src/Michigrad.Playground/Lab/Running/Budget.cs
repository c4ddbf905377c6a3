using System.ComponentModel;
using System.Diagnostics;

namespace Michigrad.Playground.Lab.Running;

/// <summary>
/// The limits a snippet runs under, enforced from inside its own code: <see cref="BudgetRewriter"/> makes every loop
/// iteration call <see cref="Tick"/> and every method, local function, constructor, operator and accessor call
/// <see cref="Enter"/> and <see cref="Exit"/>. Past a limit the call throws <see cref="BudgetExceededException"/>,
/// and keeps throwing at every later call (a <c>catch</c> in the snippet cannot swallow it: the rewriter adds
/// <c>when (!Budget.IsExceeded)</c> to every catch clause).
/// </summary>
/// <remarks>These members are public only because the compiled snippet calls them; they are not for snippets to call.
/// The state is per thread: a run is synchronous on the thread that started it.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Budget
{
    // Time and allocations are read every this many ticks (each read is a few microseconds in the browser).
    private const int CheckEvery = 256;

    // The heap's size is read only after this much more has been allocated: the read costs more than half a
    // millisecond in the browser.
    private const long HeapReadEvery = 32L << 20;

    [ThreadStatic] private static Scope? t_scope;

    /// <summary>Whether the running snippet has gone past a limit (every later tick throws again).</summary>
    public static bool IsExceeded => t_scope?.Exceeded is not null;

    /// <summary>One loop iteration (or lambda entry): checks time and memory every so often.</summary>
    public static void Tick()
    {
        Scope? scope = t_scope;
        if (scope is null) return;
        if (scope.Exceeded is { } exceeded) throw new BudgetExceededException(exceeded, scope.Limits);
        if (++scope.Ticks % CheckEvery == 0) scope.CheckClockAndMemory();
    }

    /// <summary>A method entry: a tick, and one level deeper.</summary>
    public static void Enter()
    {
        Tick();
        Scope? scope = t_scope;
        if (scope is null) return;
        if (++scope.Depth > scope.Limits.MaxDepth) scope.Exceed(BudgetKind.Depth);
    }

    /// <summary>A method exit (from a <c>finally</c>, so it never throws).</summary>
    public static void Exit()
    {
        if (t_scope is { } scope) scope.Depth--;
    }

    /// <summary>Starts enforcing <paramref name="limits"/> on this thread until the returned scope is disposed.</summary>
    internal static Scope Start(BudgetLimits limits) => t_scope = new Scope(limits, t_scope);

    /// <summary>One run's counters; disposing it restores the enclosing run's (or none).</summary>
    internal sealed class Scope(BudgetLimits limits, Scope? outer) : IDisposable
    {
        private readonly long _start = Stopwatch.GetTimestamp();

        public BudgetLimits Limits { get; } = limits;
        public long Ticks;
        public int Depth;

        /// <summary>The limit that was passed, once one was.</summary>
        public BudgetKind? Exceeded { get; private set; }

        private long _allocatedAtHeapRead = GC.GetAllocatedBytesForCurrentThread();

        public void CheckClockAndMemory()
        {
            if (Stopwatch.GetElapsedTime(_start) > Limits.Time) Exceed(BudgetKind.Time);
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            if (allocated - _allocatedAtHeapRead < HeapReadEvery) return;
            _allocatedAtHeapRead = allocated;
            // Over the limit by the cheap count (which includes garbage, a previous run's too), a collection decides.
            if (GC.GetTotalMemory(forceFullCollection: false) > Limits.MaxMemoryBytes
                && GC.GetTotalMemory(forceFullCollection: true) > Limits.MaxMemoryBytes) Exceed(BudgetKind.Memory);
        }

        public void Exceed(BudgetKind kind)
        {
            Exceeded ??= kind;
            throw new BudgetExceededException(Exceeded.Value, Limits);
        }

        public void Dispose() => t_scope = outer;
    }
}
