namespace Michigrad.Playground.Lessons.Checking;

/// <summary>How close a learner's number must be to Michigrad's: 1e-9, relative to the size of the number once it
/// is above 1 (an <c>exp</c> of 20 agrees to 1e-9 of itself, not to 1e-9 absolutely).</summary>
public static class Tolerance
{
    /// <summary>The allowed difference for numbers up to 1 in size.</summary>
    public const double Absolute = 1e-9;

    /// <summary>Whether <paramref name="actual"/> agrees with <paramref name="expected"/>; a NaN agrees with nothing.</summary>
    public static bool Agrees(double expected, double actual) =>
        Math.Abs(expected - actual) <= Absolute * Math.Max(1.0, Math.Abs(expected));
}
