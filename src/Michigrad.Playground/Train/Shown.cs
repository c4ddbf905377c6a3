using System.Globalization;

namespace Michigrad.Playground.Train;

/// <summary>Numbers as the Train tab writes them: with a decimal point in either language (its fields read one), and
/// short.</summary>
internal static class Shown
{
    /// <summary>Four decimals at most; very large and very small values in exponent form; NaN and ±∞ by name.</summary>
    public static string Number(double x) => double.IsFinite(x)
        ? (Math.Abs(x) >= 1e5 || (x != 0 && Math.Abs(x) < 1e-3)
            ? x.ToString("0.###e0", CultureInfo.InvariantCulture)
            : x.ToString("0.####", CultureInfo.InvariantCulture))
        : double.IsNaN(x) ? "NaN" : x > 0 ? "∞" : "−∞";

    /// <summary>A share as a percentage with one decimal at most; a dash when there is none.</summary>
    public static string Percent(double x) => double.IsFinite(x) ? (x * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–";
}
