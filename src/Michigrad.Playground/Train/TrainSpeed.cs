namespace Michigrad.Playground.Train;

/// <summary>The speeds of Play, from one step a second (time to watch each step move the boundary and the weights) to
/// as many steps as the browser runs.</summary>
public static class TrainSpeed
{
    /// <summary>Steps per second at each level; the last level has no limit.</summary>
    public static IReadOnlyList<int> StepsPerSecond { get; } = [1, 3, 10, 30, 100, int.MaxValue];

    /// <summary>The level with no limit.</summary>
    public static int Fastest => StepsPerSecond.Count - 1;

    /// <summary>How many steps a run at <paramref name="level"/> has taken by <paramref name="seconds"/> after it
    /// started (at full speed: unbounded).</summary>
    public static long StepsDueBy(int level, double seconds) =>
        level >= Fastest ? long.MaxValue : 1 + (long)Math.Floor(seconds * StepsPerSecond[level]);
}
