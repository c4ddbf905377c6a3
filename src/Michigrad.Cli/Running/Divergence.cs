using System.Globalization;

namespace Michigrad.Cli.Running;

/// <summary>Decides when a training run has blown up: its loss is not finite, or it has grown past
/// <see cref="Growth"/> times its first value (or past <see cref="Growth"/> when it started below 1).</summary>
internal sealed class Divergence
{
    /// <summary>How far the loss may grow over its first value before the run counts as diverged.</summary>
    public const double Growth = 1e6;

    private double _bound = double.NaN;

    /// <summary>The loss above which the run counts as diverged, once the first step has set it.</summary>
    public double Bound => _bound;

    /// <summary>Whether <paramref name="loss"/>, the loss of the next step, means the run has diverged.</summary>
    public bool Diverged(double loss)
    {
        if (!double.IsFinite(loss)) return true;
        if (double.IsNaN(_bound)) _bound = Growth * Math.Max(1, Math.Abs(loss));
        return loss > _bound;
    }

    /// <summary>Why the loss counts as diverged, for the error line.</summary>
    public string Reason(double loss) => double.IsFinite(loss)
        ? string.Create(CultureInfo.InvariantCulture, $"the loss reached {Numbers.Readable(loss)}, more than a million times its first value")
        : $"the loss became {Numbers.Readable(loss)}";
}
