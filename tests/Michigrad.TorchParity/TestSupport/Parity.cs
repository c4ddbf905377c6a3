using System.Globalization;

namespace Michigrad.TorchParity.TestSupport;

/// <summary>Compares a Michigrad number with TorchSharp's under a relative tolerance.</summary>
internal static class Parity
{
    /// <summary>
    /// Passes when both are NaN, both are the same infinity, or |ours - torch| ≤ tolerance·max(|ours|, |torch|)
    /// (so 0 only matches 0, and ±0 match each other).
    /// </summary>
    public static void Close(double torch, double ours, double tolerance, string what)
    {
        if (!AreClose(torch, ours, tolerance))
            Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                $"{what}: Michigrad {ours:R}, TorchSharp {torch:R} (relative tolerance {tolerance:R})"));
    }

    public static bool AreClose(double torch, double ours, double tolerance)
    {
        if (double.IsNaN(torch) || double.IsNaN(ours)) return double.IsNaN(torch) && double.IsNaN(ours);
        if (double.IsInfinity(torch) || double.IsInfinity(ours)) return torch == ours;
        return Math.Abs(ours - torch) <= tolerance * Math.Max(Math.Abs(ours), Math.Abs(torch));
    }
}
