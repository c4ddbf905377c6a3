using System.Diagnostics;

namespace Michigrad.Bench;

/// <summary>
/// Two steps timed in alternation, round after round, in one process, so that a shared machine's load falls on both
/// alike: each round times a few steps of one side, then of the other (the order swapped every round, a gen-0
/// collection before each turn), and keeps every step's microseconds and the round's ratio of the sides' medians.
/// </summary>
internal sealed class AlternatedRounds
{
    private const int StepsPerTurn = 5;

    /// <summary>Every step of the first side, in microseconds.</summary>
    public List<double> First { get; } = [];

    /// <summary>Every step of the second side, in microseconds.</summary>
    public List<double> Second { get; } = [];

    /// <summary>Each round's median of the second side over the first's.</summary>
    public List<double> Ratios { get; } = [];

    /// <summary>Runs <paramref name="rounds"/> rounds of <paramref name="first"/> and <paramref name="second"/>.</summary>
    public static AlternatedRounds Run(Func<double> first, Func<double> second, int rounds)
    {
        var result = new AlternatedRounds();
        for (int round = 0; round < rounds; round++)
        {
            double a, b;
            if (round % 2 == 0) { a = Turn(first, result.First); b = Turn(second, result.Second); }
            else { b = Turn(second, result.Second); a = Turn(first, result.First); }
            result.Ratios.Add(b / a);
        }
        return result;
    }

    /// <summary>A one-line summary: both medians, the ratio of the medians and the median of the rounds' ratios.</summary>
    public string Describe(string first, string second) => FormattableString.Invariant(
        $"{first} {Median(First):F1} us, {second} {Median(Second):F1} us; {second}/{first}: ratio of medians {Median(Second) / Median(First):F3}, median of round ratios {Median(Ratios):F3} ({Ratios.Count} rounds of {StepsPerTurn} steps)");

    private static double Turn(Func<double> step, List<double> all)
    {
        var times = new double[StepsPerTurn];
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        for (int k = 0; k < times.Length; k++)
        {
            long start = Stopwatch.GetTimestamp();
            step();
            times[k] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        all.AddRange(times);
        return Median(times);
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
