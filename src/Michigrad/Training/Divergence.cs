namespace Michigrad.Training;

/// <summary>
/// Decides when a training run has blown up, by the rule every front end shares: its loss is not finite, or it has
/// grown past <see cref="Growth"/> times its first value (past <see cref="Growth"/> itself when the first loss was
/// below 1).
/// </summary>
/// <remarks>One instance watches one run: the first loss it is shown sets <see cref="Bound"/>.</remarks>
public sealed class Divergence
{
    /// <summary>How far the loss may grow over its first value before the run counts as diverged: a million times.</summary>
    public const double Growth = 1e6;

    /// <summary>The loss above which the run counts as diverged, or NaN until a first finite loss has set it.</summary>
    public double Bound { get; private set; } = double.NaN;

    /// <summary>Whether <paramref name="loss"/>, the loss of the run's next step, means the run has diverged.</summary>
    /// <param name="loss">The step's loss.</param>
    /// <returns><see langword="true"/> for a NaN or infinite loss, or one above <see cref="Bound"/>.</returns>
    public bool Diverged(double loss)
    {
        if (!double.IsFinite(loss)) return true;
        if (double.IsNaN(Bound)) Bound = Growth * Math.Max(1, Math.Abs(loss));
        return loss > Bound;
    }
}
