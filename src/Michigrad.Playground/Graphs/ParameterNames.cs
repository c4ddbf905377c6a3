using System.Text.RegularExpressions;

namespace Michigrad.Playground.Graphs;

/// <summary>Parameter names as <see cref="NN.Module.NamedParameters"/> gives them, shortened to fit a box:
/// <c>layers.0.neurons.2.w[1]</c> becomes <c>L0.N2.w[1]</c>; other names (a Sequential's <c>0.weight[2,1]</c>) are
/// already short and stay as they are.</summary>
public static partial class ParameterNames
{
    /// <summary>The short form of <paramref name="name"/>.</summary>
    public static string Short(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Neurons().Replace(Layers().Replace(name, "L$1."), "N$1.");
    }

    /// <summary>The name of output <paramref name="unit"/> of stage <paramref name="stage"/>: <c>L0.N2</c> in an MLP,
    /// as its parameters' short names start.</summary>
    public static string Unit(string stage, int unit, bool neurons) => neurons ? $"{stage}.N{unit}" : $"{stage}[{unit}]";

    [GeneratedRegex(@"(?<![^.])layers\.(\d+)\.")]
    private static partial Regex Layers();

    [GeneratedRegex(@"(?<![^.])neurons\.(\d+)\.")]
    private static partial Regex Neurons();
}
