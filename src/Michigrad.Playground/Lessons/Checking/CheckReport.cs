namespace Michigrad.Playground.Lessons.Checking;

/// <summary>
/// The result of checking a learner's code: plain data (strings and numbers), so it can come back from wherever the
/// code ran. On a failure it names the first case and node that differ and the number Michigrad gives there.
/// </summary>
public sealed record CheckReport
{
    /// <summary>What the check found.</summary>
    public required CheckOutcome Outcome { get; init; }

    /// <summary>Whether every case agreed.</summary>
    public bool Passed => Outcome == CheckOutcome.Passed;

    /// <summary>The case that failed, 1-based; on a pass, 0.</summary>
    public int Case { get; init; }

    /// <summary>How many cases the check has (on a pass, all of them were checked).</summary>
    public int Cases { get; init; }

    /// <summary>The failing case as C# the learner can paste and run (an expression and its leaves, or a set-up).</summary>
    public string? Expression { get; init; }

    /// <summary>The first node, output or parameter that differs, by the name <see cref="Expression"/> gives it.</summary>
    public string? Node { get; init; }

    /// <summary>Michigrad's number at <see cref="Node"/>.</summary>
    public double? Expected { get; init; }

    /// <summary>The learner's number at <see cref="Node"/>.</summary>
    public double? Actual { get; init; }

    /// <summary>Language-neutral detail: compiler errors, an exception's type and message, a missing member's
    /// signature, or a trained model's predictions.</summary>
    public string? Detail { get; init; }

    /// <summary>A passing report over <paramref name="cases"/> cases, with an optional detail to show.</summary>
    public static CheckReport Pass(int cases, string? detail = null, double? actual = null) =>
        new() { Outcome = CheckOutcome.Passed, Cases = cases, Detail = detail, Actual = actual };
}
