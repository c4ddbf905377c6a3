using System.Globalization;

namespace Michigrad.Cli.Running;

/// <summary>Numbers as the tool prints them: readable at any magnitude, the same in every culture.</summary>
internal static class Numbers
{
    /// <summary>Four decimals between 0.0001 and a million (<c>0.2534</c>), otherwise three significant digits with
    /// an exponent (<c>7.1e+130</c>, <c>2.5e-7</c>); <c>NaN</c> and <c>Infinity</c> as such.</summary>
    public static string Readable(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        double magnitude = Math.Abs(value);
        return magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e6)
            ? value.ToString("F4", CultureInfo.InvariantCulture)
            : value.ToString("0.0#e+0", CultureInfo.InvariantCulture);
    }

    /// <summary><paramref name="part"/> of <paramref name="whole"/> as a percentage with two decimals (<c>88.45%</c>):
    /// exact on 10,000 test images and otherwise rounded down, so that a share never reads as more than it is (8,799 of
    /// 10,000 is <c>87.99%</c>, and 0.879996 of anything is never <c>88.00%</c>). <c>0.00%</c> of nothing.</summary>
    public static string Percent(long part, long whole)
    {
        long hundredths = whole <= 0 ? 0 : part * 10_000 / whole;
        return string.Create(CultureInfo.InvariantCulture, $"{hundredths / 100}.{hundredths % 100:D2}%");
    }
}
