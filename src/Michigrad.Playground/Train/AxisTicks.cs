using System.Collections.Concurrent;
using System.Globalization;

namespace Michigrad.Playground.Train;

/// <summary>Round tick values for an axis (1, 2 or 5 times a power of ten apart), as plotting libraries choose them.</summary>
public static class AxisTicks
{
    /// <summary>About <paramref name="count"/> round values within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static IReadOnlyList<double> Between(double min, double max, int count = 5)
    {
        if (!(double.IsFinite(min) && double.IsFinite(max)) || max <= min || count < 1) return [];
        double step = Step((max - min) / count);
        var ticks = new List<double>();
        for (double t = Math.Ceiling(min / step) * step; t <= max + step * 1e-9; t += step)
            ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
        return ticks;
    }

    /// <summary>A tick's text: as few digits as its neighbours' spacing needs.</summary>
    public static string Label(double value, IReadOnlyList<double> ticks)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        double step = ticks.Count > 1 ? Math.Abs(ticks[1] - ticks[0]) : Math.Abs(value);
        int decimals = step >= 1 || step == 0 ? 0 : Math.Min(6, (int)Math.Ceiling(-Math.Log10(step) - 1e-9));
        if (Labels.Count > 4096) Labels.Clear();
        return Labels.GetOrAdd((value, decimals), static key => Math.Abs(key.Value) >= 1e5
            ? key.Value.ToString("0.#e0", CultureInfo.InvariantCulture)
            : key.Value.ToString("F" + key.Decimals, CultureInfo.InvariantCulture));
    }

    // Charts are drawn several times a second with mostly the same round ticks, and formatting a number is slow in the
    // browser's interpreter.
    private static readonly ConcurrentDictionary<(double Value, int Decimals), string> Labels = new();

    private static double Step(double raw)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double fraction = raw / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }
}
