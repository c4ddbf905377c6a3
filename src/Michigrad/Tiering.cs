using System.Runtime.CompilerServices;

namespace Michigrad;

/// <summary>How the library asks the JIT to compile its hot loops.</summary>
internal static class Tiering
{
    /// <summary>
    /// For a method whose loops do a step's work on each call (the compiled graphs' sweeps and kernels, an optimizer's
    /// update, a scorer's per-row decisions): jitted fully optimised on its first call, with no Tier-0 code.
    /// </summary>
    /// <remarks>Tiered compilation starts a method with loops at Tier 0 and leaves it through on-stack replacement only
    /// when a loop runs long within one call; these run short loops a few times a step, so they would stay in Tier-0
    /// code until call counting (which waits for 100 ms without new Tier-0 code, then adds Dynamic PGO's instrumented
    /// tier) promoted them, thousands of steps later: an app of a few hundred steps would never run them at speed. They
    /// work on arrays through static calls, which Tier 1's profile has nothing to add to.</remarks>
    internal const MethodImplOptions HotLoop = MethodImplOptions.AggressiveOptimization;
}
