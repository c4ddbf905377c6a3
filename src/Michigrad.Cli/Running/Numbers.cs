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
}
