using System.Globalization;
using System.Text.RegularExpressions;
using Michigrad.NN;
using Michigrad.Playground.Lab;
using Michigrad.Playground.Lab.Running;
using Michigrad.Visualization;

namespace Michigrad.Playground.Graphs;

/// <summary>
/// A model's graph for one input, grouped as the model is built: the inputs, then each layer (an MLP's
/// <see cref="Layer"/>, a <see cref="Sequential"/>'s module) as a column of units, one per output (a neuron), then an
/// optional head (a loss). Every node of the graph belongs to exactly one unit: the first one whose output depends on
/// it, the columns taken in order. A 2-16-16-1 MLP's 979 nodes become 35 boxes.
/// </summary>
/// <remarks>Two ways in. <see cref="Build"/> has the model: it runs the forward pass here, a layer at a time, so that
/// each layer's outputs are known (the same graph as <see cref="Module.Forward(IReadOnlyList{Value})"/>); run the root's
/// backward pass after it to show gradients. Parameters without a label are labelled with their short names
/// (<see cref="ParameterNames.Short"/>), which the unit graphs show. <see cref="FromNames"/> has only a graph (the page's
/// copy of a snippet's): it finds the neurons from the nodes' names, and draws a graph whole when they do not make one
/// box per neuron with one output.</remarks>
public sealed partial class GroupedGraph
{
    private GroupedGraph(Value root, IReadOnlyList<GraphLayer> layers, int nodeCount)
    {
        Root = root;
        Layers = layers;
        NodeCount = nodeCount;
    }

    /// <summary>The largest graph a page draws whole at first; a bigger one that has neurons starts grouped.</summary>
    public const int DrawWholeUpTo = 60;

    /// <summary>The value the graph ends in: the head's result, or the model's output it chose.</summary>
    public Value Root { get; }

    /// <summary>The columns: inputs, the model's stages, then the head if it adds any node.</summary>
    public IReadOnlyList<GraphLayer> Layers { get; }

    /// <summary>The number of nodes of the root's graph (what <c>Graph.Trace(Root)</c> holds).</summary>
    public int NodeCount { get; }

    /// <summary>Runs <paramref name="model"/> on <paramref name="inputs"/> a stage at a time and groups the graph.</summary>
    /// <param name="model">An MLP, a Sequential, or any module (then one stage).</param>
    /// <param name="inputs">The input leaves; their labels name them (<c>x[i]</c> when they have none).</param>
    /// <param name="head">Builds the root from the model's outputs (a loss, or the output to look at); the first
    /// output when null. When it returns one of the outputs, there is no head column.</param>
    /// <returns>The grouped graph.</returns>
    public static GroupedGraph Build(Module model, IReadOnlyList<Value> inputs, Func<IReadOnlyList<Value>, Value>? head = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        var names = new Dictionary<Value, (string Name, int Order)>(ReferenceEqualityComparer.Instance);
        foreach ((string name, Value parameter) in model.NamedParameters())
        {
            string shortName = ParameterNames.Short(name);
            names[parameter] = (shortName, names.Count);
            parameter.Label ??= shortName;
        }

        // Each stage's outputs, built as the model builds them.
        var stages = Stages(model).ToList();
        var outputs = new List<IReadOnlyList<Value>> { inputs };
        foreach ((_, Module stage, _) in stages) outputs.Add(stage.Forward(outputs[^1]));
        Value root = (head ?? (o => o[0]))(outputs[^1]);
        var rootGraph = Ancestors(root);

        var claimed = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        var layers = new List<GraphLayer>();
        var inputNames = new string[inputs.Count];
        var inputUnits = new GraphUnit[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            inputNames[i] = inputs[i].Label ?? $"x[{i}]";
            inputUnits[i] = new GraphUnit(inputNames[i], inputs[i], [], Claim(inputs[i], claimed).Count, rootGraph.Contains(inputs[i]), null);
        }
        layers.Add(new GraphLayer("x", GraphLayerKind.Inputs, "", inputUnits));

        string[] previousNames = inputNames;
        for (int k = 0; k < stages.Count; k++)
        {
            (string stageName, Module stage, bool neurons) = stages[k];
            IReadOnlyList<Value> from = outputs[k], to = outputs[k + 1];
            string[] previous = previousNames;
            var units = new GraphUnit[to.Count];
            var unitNames = new string[to.Count];
            for (int j = 0; j < to.Count; j++)
            {
                unitNames[j] = ParameterNames.Unit(stageName, j, neurons);
                List<Value> nodes = Claim(to[j], claimed);
                int unit = j;
                units[j] = new GraphUnit(unitNames[j], to[j], OwnParameters(nodes, names), nodes.Count, rootGraph.Contains(to[j]),
                    () => Copy(to[unit], stage.Forward(StandIns(from, previous))[unit], from));
            }
            layers.Add(new GraphLayer(stageName, GraphLayerKind.Stage, stage.ToString() ?? "", units));
            previousNames = unitNames;
        }

        if (!outputs[^1].Contains(root, ReferenceEqualityComparer.Instance))
        {
            IReadOnlyList<Value> last = outputs[^1];
            string[] lastNames = previousNames;
            List<Value> nodes = Claim(root, claimed);
            string name = root.Label ?? "head";
            var unit = new GraphUnit(name, root, OwnParameters(nodes, names), nodes.Count, true,
                () => Copy(root, head!(StandIns(last, lastNames)), last));
            layers.Add(new GraphLayer(name, GraphLayerKind.Head, "", [unit]));
        }
        return new GroupedGraph(root, layers, rootGraph.Count);
    }

    /// <summary>Groups a graph by the neurons its nodes' names reveal
    /// (<see cref="NodeNames"/>: a parameter <c>L0.N2.w[1]</c> belongs to neuron <c>L0.N2</c> of layer <c>L0</c>), for a
    /// graph whose model is not at hand (one rebuilt on the page from a snippet's data). Each neuron's output is its
    /// one node used outside it; the inputs are the leaves named <c>x[i]</c>; the head is what the root adds after the
    /// neurons.</summary>
    /// <returns>The grouped graph, or null when the names reveal fewer than two neurons (nothing to group) or a neuron
    /// with several outputs (the model run on several samples, or its weights read again, as by an L2 penalty).</returns>
    /// <param name="nodes">The graph's nodes as <see cref="Graph.Trace"/> lists them (children first, the root last).</param>
    /// <param name="names">Each node's name (<see cref="NodeNames.Of"/>), at the same positions.</param>
    public static GroupedGraph? FromNames(IReadOnlyList<Value> nodes, IReadOnlyList<NodeName> names)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(names);
        if (nodes.Count == 0 || names.Count != nodes.Count)
            throw new ArgumentException($"{names.Count} names for {nodes.Count} nodes: give one name per node.", nameof(names));
        Value root = nodes[^1];
        // A unit's output is its node used outside it (or the root). A unit with several (a loss over several samples
        // computes each neuron once per sample; an L2 penalty reads the weights beside the activation) is no box
        // with one output: such a graph is drawn whole.
        var index = new Dictionary<Value, int>(nodes.Count, ReferenceEqualityComparer.Instance);
        for (int i = 0; i < nodes.Count; i++) index[nodes[i]] = i;
        var outputs = new Dictionary<string, int>(StringComparer.Ordinal);
        bool AddOutput(int i) => names[i].Unit is not { } unit || outputs.TryAdd(unit, i) || outputs[unit] == i;
        if (!AddOutput(nodes.Count - 1)) return null;
        for (int i = 0; i < nodes.Count; i++)
            foreach (Value child in nodes[i].Children)
            {
                int c = index[child];
                if (names[c].Unit is { } unit && unit != names[i].Unit && !AddOutput(c)) return null;
            }
        if (outputs.Count < 2) return null;

        var claimed = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        var unitOf = new Dictionary<Value, string>(ReferenceEqualityComparer.Instance);   // a unit's output → its name
        foreach ((string unit, int i) in outputs) unitOf[nodes[i]] = unit;
        string Boundary(Value v, int i) => unitOf.GetValueOrDefault(v) ?? names[i].Text;

        var inputs = Enumerable.Range(0, nodes.Count).Where(i => names[i].IsInput).OrderBy(i => names[i].Text, StringComparer.Ordinal)
            .Select(i => new GraphUnit(names[i].Text, nodes[i], [], Claim(nodes[i], claimed).Count, true, null)).ToArray();
        var layers = new List<GraphLayer> { new("x", GraphLayerKind.Inputs, "", inputs) };
        foreach (var layer in outputs.Select(o => (Unit: o.Key, Output: o.Value, Place: UnitPlace().Match(o.Key)))
                     .GroupBy(u => u.Place.Success ? u.Place.Groups["layer"].Value : u.Unit)
                     .OrderBy(g => g.Min(u => u.Output)))
        {
            var units = new List<GraphUnit>();
            foreach (var u in layer.OrderBy(u => u.Place.Success ? int.Parse(u.Place.Groups["k"].Value, CultureInfo.InvariantCulture) : 0))
            {
                List<Value> own = Claim(nodes[u.Output], claimed);
                var parameters = Enumerable.Range(0, nodes.Count).Where(i => names[i].IsParameter && names[i].Unit == u.Unit)
                    .Select(i => (names[i].Text, nodes[i])).ToArray();
                units.Add(new GraphUnit(u.Unit, nodes[u.Output], parameters, own.Count, true,
                    () => Cut(nodes, index, names, own, Boundary), keepDetail: false));
            }
            layers.Add(new GraphLayer(layer.Key.Length == 0 ? "L" : layer.Key, GraphLayerKind.Stage, "", units));
        }
        if (!unitOf.ContainsKey(root))
        {
            List<Value> own = Claim(root, claimed);
            string name = names[^1].Text;
            layers.Add(new GraphLayer(name, GraphLayerKind.Head, "",
                [new GraphUnit(name, root, [], own.Count, true, () => Cut(nodes, index, names, own, Boundary), keepDetail: false)]));
        }
        return new GroupedGraph(root, layers, nodes.Count);
    }

    /// <summary>A copy of the part <paramref name="members"/> of a graph, its operands from elsewhere drawn as leaves
    /// named by <paramref name="boundary"/> (the unit they come from), with the same numbers, gradients and names.</summary>
    private static Value Cut(IReadOnlyList<Value> nodes, Dictionary<Value, int> index, IReadOnlyList<NodeName> names, List<Value> members,
        Func<Value, int, string> boundary)
    {
        var inside = new HashSet<Value>(members, ReferenceEqualityComparer.Instance);
        var position = new Dictionary<Value, int>(ReferenceEqualityComparer.Instance);
        var data = new List<NodeData>();
        int Add(Value v, int[] children, string label)
        {
            data.Add(new NodeData(children.Length == 0 ? "" : v.Op, v.Data, v.Grad, label, v.RequiresGrad, children));
            return position[v] = data.Count - 1;
        }
        for (int i = 0; i < nodes.Count; i++)   // children first, so every operand has its place before its user
        {
            Value v = nodes[i];
            if (!inside.Contains(v)) continue;
            int[] children = new int[v.Children.Count];
            for (int k = 0; k < children.Length; k++)
            {
                Value c = v.Children[k];
                children[k] = position.TryGetValue(c, out int p) ? p : Add(c, [], boundary(c, index[c]));
            }
            Add(v, children, names[i].Text);
        }
        return GraphRebuilder.Rebuild(data)[^1];
    }

    /// <summary>A unit's name as <see cref="NodeNames"/> forms it: <c>L0.N2</c> (an MLP's), <c>N2</c> (a layer's),
    /// <c>0[2]</c> (a Sequential's Linear): its layer and its place in the layer.</summary>
    [GeneratedRegex(@"^(?:(?<layer>.*)\.)?N(?<k>\d+)$|^(?<layer>.*)\[(?<k>\d+)\]$")]
    private static partial Regex UnitPlace();

    /// <summary>The stages a model is shown as, with whether their outputs are neurons (named <c>L0.N2</c>).</summary>
    private static IEnumerable<(string Name, Module Stage, bool Neurons)> Stages(Module model)
    {
        switch (model)
        {
            case MLP mlp:
                for (int k = 0; k < mlp.Layers.Count; k++) yield return ($"L{k}", mlp.Layers[k], true);
                break;
            case Sequential sequential:
                for (int k = 0; k < sequential.Count; k++) yield return ($"{k}", sequential[k], sequential[k] is Layer);
                break;
            case Layer layer:
                yield return ("L", layer, true);
                break;
            default:
                yield return (model.GetType().Name, model, false);
                break;
        }
    }

    /// <summary>The nodes <paramref name="start"/> depends on that no earlier unit has claimed, now claimed.</summary>
    private static List<Value> Claim(Value start, HashSet<Value> claimed)
    {
        var nodes = new List<Value>();
        if (!claimed.Add(start)) return nodes;
        var stack = new Stack<Value>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            Value node = stack.Pop();
            nodes.Add(node);
            foreach (Value child in node.Children)
                if (claimed.Add(child)) stack.Push(child);
        }
        return nodes;
    }

    private static HashSet<Value> Ancestors(Value root)
    {
        var seen = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        Claim(root, seen);
        return seen;
    }

    /// <summary>The parameters among <paramref name="nodes"/>, in the model's order.</summary>
    private static (string, Value)[] OwnParameters(List<Value> nodes, Dictionary<Value, (string Name, int Order)> names)
    {
        var own = new List<(string Name, int Order, Value Parameter)>();
        foreach (Value node in nodes)
            if (names.TryGetValue(node, out var name)) own.Add((name.Name, name.Order, node));
        return [.. own.OrderBy(p => p.Order).Select(p => (p.Name, p.Parameter))];
    }

    /// <summary>New leaves standing for a unit's inputs, labelled by the units they come from.</summary>
    private static Value[] StandIns(IReadOnlyList<Value> inputs, string[] names)
    {
        var standIns = new Value[inputs.Count];
        for (int i = 0; i < standIns.Length; i++) standIns[i] = new Value(inputs[i].Data, names[i]);
        return standIns;
    }

    /// <summary>Gives the unit's rebuilt graph <paramref name="copy"/> the data, gradients and labels of the same
    /// nodes of the whole graph, walking both in step (same ops, same operand order) down to the stand-ins for
    /// <paramref name="boundary"/> and to the parameters, which are the same objects in both.</summary>
    private static Value Copy(Value original, Value copy, IReadOnlyList<Value> boundary)
    {
        var stop = new HashSet<Value>(boundary, ReferenceEqualityComparer.Instance);
        var seen = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Value Original, Value Copy)>();
        stack.Push((original, copy));
        while (stack.Count > 0)
        {
            (Value o, Value c) = stack.Pop();
            if (ReferenceEquals(o, c) || !seen.Add(c)) continue;
            c.Data = o.Data;
            c.Grad = o.Grad;
            c.Label ??= o.Label;
            if (stop.Contains(o) || o.Children.Count != c.Children.Count) continue;
            for (int i = 0; i < o.Children.Count; i++) stack.Push((o.Children[i], c.Children[i]));
        }
        return copy;
    }
}
