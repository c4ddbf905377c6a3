using System.Globalization;
using Michigrad.Playground.Lab.Running;

namespace Michigrad.Playground.Lab;

/// <summary>
/// Builds on the page the graph a snippet built in the runner's worker, from its data (<see cref="GraphData"/>): each
/// node made again with the library's own operation on its rebuilt children, then given the number, gradient and label
/// it had there (the code may have changed a number after building on it, or called Backward). The page draws and steps
/// the rebuilt graph.
/// </summary>
public static class GraphRebuilder
{
    /// <summary>The nodes of <paramref name="nodes"/> as values, in the same order (the root last).</summary>
    /// <exception cref="NotSupportedException">A node's op is not one of the library's.</exception>
    public static IReadOnlyList<Value> Rebuild(IReadOnlyList<NodeData> nodes)
    {
        var values = new Value[nodes.Count];
        for (int i = 0; i < nodes.Count; i++)
        {
            NodeData n = nodes[i];
            Value C(int k) => values[n.Children[k]];
            Value v = n.Op switch
            {
                "" => n.RequiresGrad ? new Value(n.Data) : Value.Constant(n.Data),
                "+" => C(0) + C(1),
                "-" => C(0) - C(1),
                "*" => C(0) * C(1),
                "/" => C(0) / C(1),
                "pow" => C(0).Pow(C(1)),
                "max" => Value.Max(C(0), C(1)),
                "min" => Value.Min(C(0), C(1)),
                "neg" => -C(0),
                "exp" => C(0).Exp(),
                "log" => C(0).Log(),
                "tanh" => C(0).Tanh(),
                "relu" => C(0).Relu(),
                "sigmoid" => C(0).Sigmoid(),
                "abs" => C(0).Abs(),
                "sqrt" => C(0).Sqrt(),
                "sin" => C(0).Sin(),
                "cos" => C(0).Cos(),
                "softplus" => C(0).Softplus(),
                "logsumexp" => Value.LogSumExp(n.Children.Select(k => values[k]).ToArray()),
                _ when n.Op.StartsWith("**", StringComparison.Ordinal)
                       && double.TryParse(n.Op.AsSpan(2), NumberStyles.Float, CultureInfo.InvariantCulture, out double p) => C(0).Pow(p),
                _ => throw new NotSupportedException($"The op '{n.Op}' is not one of the library's."),
            };
            v.Data = n.Data;
            v.Grad = n.Grad;
            v.Label = n.Label;
            values[i] = v;
        }
        return values;
    }
}
