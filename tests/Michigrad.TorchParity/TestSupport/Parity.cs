using System.Globalization;

namespace Michigrad.TorchParity.TestSupport;

/// <summary>Compares a Michigrad number with TorchSharp's under a relative tolerance.</summary>
internal static class Parity
{
    /// <summary>2^-1022, the smallest double with full precision.</summary>
    private const double SmallestNormal = 2.2250738585072014E-308;

    /// <summary>
    /// Passes when both are NaN, both are the same infinity, or |ours - torch| ≤ tolerance·max(|ours|, |torch|)
    /// (so 0 only matches 0, and ±0 match each other), or both are below double's normal range: a subnormal
    /// carries fewer significant bits than any tolerance here, so 4.5e-309 and 0 are the same answer to rounding
    /// (Michigrad's sigmoid(-710) keeps the tiny true value where torch's 1/(1 + e^710) rounds to 0).
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
        if (Math.Abs(ours) < SmallestNormal && Math.Abs(torch) < SmallestNormal) return true;
        return Math.Abs(ours - torch) <= tolerance * Math.Max(Math.Abs(ours), Math.Abs(torch));
    }
}
