using System.Globalization;
using Michigrad.Training;

namespace Michigrad.Cli.Running;

/// <summary>Says why a loss counts as diverged (see <see cref="Divergence"/>), for the error line.</summary>
internal static class DivergenceText
{
    public static string Reason(double loss) => double.IsFinite(loss)
        ? string.Create(CultureInfo.InvariantCulture, $"the loss reached {Numbers.Readable(loss)}, more than a million times its first value")
        : $"the loss became {Numbers.Readable(loss)}";
}
