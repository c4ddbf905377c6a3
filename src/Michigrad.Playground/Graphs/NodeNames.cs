using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Michigrad.Playground.Graphs;

/// <summary>
/// A readable name for every node of a graph, for the drawing, the value table and the chain-rule lines alike. A
/// labelled node keeps its label (a model's parameters carry their short names, <see cref="ParameterNames.Short"/>,
/// from the runner). A leaf multiplied by a weight <c>…w[i]</c> or <c>…weight[j,i]</c> is the model's input
/// <c>x[i]</c> (of sample s, <c>xₛ[i]</c>, when the graph has several); another constant is <c>const 0.5</c>, another
/// unlabelled leaf that learns a "leaf" in the page's language. Any other node is named by its op within the neuron it is
/// computed from (<c>L0.N2:tanh</c>), with an index only when that neuron has several nodes of that op
/// (<c>L0.N2:+₂</c>). No name is a bare number or a position in the graph.
/// </summary>
public static partial class NodeNames
{
    /// <summary>The name of each node of <paramref name="nodes"/> (children before their parents, as
    /// <see cref="Visualization.Graph.Trace"/> lists them), at the same positions; <paramref name="language"/> ("es" or
    /// "en") gives the words.</summary>
    public static NodeName[] Of(IReadOnlyList<Value> nodes, string language)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        string leafWord = Shell.Text.Get("node.leaf", language);
        var index = new Dictionary<Value, int>(nodes.Count, ReferenceEqualityComparer.Instance);
        for (int i = 0; i < nodes.Count; i++) index[nodes[i]] = i;

        // Parameters and the units they belong to, from their names.
        var names = new NodeName?[nodes.Count];
        for (int i = 0; i < nodes.Count; i++)
            if (nodes[i].Children.Count == 0 && nodes[i].Label is { } label && Parameter().Match(label) is { Success: true } m)
                names[i] = new NodeName(label, UnitOf(m), IsParameter: true);

        // Inputs: unnamed leaves a weight multiplies.
        for (int i = 0; i < nodes.Count; i++)
        {
            IReadOnlyList<Value> c = nodes[i].Children;
            if (nodes[i].Op != "*" || c.Count != 2) continue;
            for (int k = 0; k < 2; k++)
            {
                int weight = index[c[1 - k]], input = index[c[k]];
                if (names[weight] is { IsParameter: true } w && c[k].Children.Count == 0 && names[input] is null
                    && Parameter().Match(w.Text).Groups["in"] is { Success: true } column
                    && (c[k].Label is null || Input().Match(c[k].Label!) is { Success: true } x && x.Groups[1].Value == column.Value))
                    names[input] = new NodeName($"x[{column.Value}]", null, IsInput: true);
            }
        }
        // The same input of several samples (a loss over a data set) is told apart by the sample: x₁[0], x₂[0]…
        foreach (var same in Enumerable.Range(0, nodes.Count).Where(i => names[i] is { IsInput: true }).GroupBy(i => names[i]!.Text).Where(g => g.Count() > 1))
        {
            int sample = 0;
            foreach (int i in same) names[i] = names[i]! with { Text = "x" + Subscript(++sample) + names[i]!.Text[1..] };
        }

        // Every other node: its label, or its op within its unit.
        var units = new string?[nodes.Count];
        var counts = new Dictionary<(string?, string), int>();
        var keys = new (string? Unit, string Op)?[nodes.Count];
        for (int i = 0; i < nodes.Count; i++)
        {
            Value node = nodes[i];
            if (names[i] is { } known) { units[i] = known.Unit; continue; }
            units[i] = node.Children.Count == 0 ? null : UnitFrom(node.Children, c => units[index[c]], c => names[index[c]]?.IsParameter == true);
            if (node.Label is { } label) names[i] = new NodeName(label, units[i]);
            else if (node.Children.Count == 0) names[i] = new NodeName(node.RequiresGrad ? leafWord : Constant(node.Data), null);
            else
            {
                (string?, string) key = (units[i], node.Op);
                counts[key] = counts.GetValueOrDefault(key) + 1;
                keys[i] = key;
            }
        }
        // Several unnamed leaves that need a gradient are told apart by an index, as ops are.
        int leaves = names.Count(n => n?.Text == leafWord);
        var seen = new Dictionary<(string?, string), int>();
        int leaf = 0;
        for (int i = 0; i < nodes.Count; i++)
        {
            if (names[i]?.Text == leafWord && nodes[i].Label is null && leaves > 1) names[i] = new NodeName(leafWord + Subscript(++leaf), null);
            if (keys[i] is not { } key) continue;
            int n = seen[key] = seen.GetValueOrDefault(key) + 1;
            string op = counts[key] > 1 ? key.Op + Subscript(n) : key.Op;
            names[i] = new NodeName(key.Unit is null ? op : $"{key.Unit}:{op}", key.Unit);
        }
        return names!;
    }

    /// <summary>The name of an unlabelled leaf that needs no gradient: <c>const 0.5</c>.</summary>
    public static string Constant(double data) => $"const {Lab.BackwardStepper.Num(data)}";

    /// <summary>Labels every unlabelled node of <paramref name="nodes"/> with its name (<see cref="Of"/>), so a drawing
    /// made from the labels shows the same names as the table and the chain-rule lines.</summary>
    public static void Apply(IReadOnlyList<Value> nodes, string language)
    {
        NodeName[] names = Of(nodes, language);
        for (int i = 0; i < nodes.Count; i++) nodes[i].Label ??= names[i].Text;
    }

    /// <summary>The unit a computed node belongs to: the unit of a parameter among its operands; else the one unit all
    /// its operands belong to (a constant operand, which belongs to none, breaks the tie: a loss is no neuron's).</summary>
    private static string? UnitFrom(IReadOnlyList<Value> children, Func<Value, string?> unit, Func<Value, bool> isParameter)
    {
        foreach (Value c in children)
            if (isParameter(c) && unit(c) is { } owner) return owner;
        string? first = unit(children[0]);
        foreach (Value c in children)
            if (unit(c) != first) return null;
        return first;
    }

    /// <summary>The unit of a parameter from its name: <c>L0.N2</c> for <c>L0.N2.w[1]</c>, <c>0[2]</c> for a Linear's
    /// <c>0.weight[2,1]</c>; null for a lone neuron's <c>w[0]</c>, which has no unit to group by.</summary>
    private static string? UnitOf(Match m)
    {
        string prefix = m.Groups["prefix"].Value;
        if (m.Groups["out"].Success) return ParameterNames.Unit(prefix, int.Parse(m.Groups["out"].Value, CultureInfo.InvariantCulture), neurons: false);
        return prefix.Length == 0 ? null : prefix;
    }

    private static string Subscript(int n)
    {
        var text = new StringBuilder();
        foreach (char d in n.ToString(CultureInfo.InvariantCulture)) text.Append((char)('₀' + (d - '0')));
        return text.ToString();
    }

    /// <summary>An input's name, <c>x[i]</c> or a sample's <c>x₂[i]</c>: a leaf named already keeps being an input.</summary>
    [GeneratedRegex(@"^x[₀-₉]*\[(\d+)\]$")]
    private static partial Regex Input();

    /// <summary>A parameter's name as the library's modules give it (<c>w[i]</c>, <c>b</c>, <c>weight[j,i]</c>,
    /// <c>bias[j]</c>), after an optional prefix saying where its module sits.</summary>
    [GeneratedRegex(@"^(?:(?<prefix>.+)\.)?(?:w\[(?<in>\d+)\]|b|weight\[(?<out>\d+),(?<in>\d+)\]|bias\[(?<out>\d+)\])$")]
    private static partial Regex Parameter();
}
