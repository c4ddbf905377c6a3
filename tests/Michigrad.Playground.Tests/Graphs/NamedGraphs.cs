using Michigrad.NN;
using Michigrad.Playground.Graphs;
using Michigrad.Playground.Lab;
using Michigrad.Playground.Lab.Running;

namespace Michigrad.Playground.Tests.Graphs;

/// <summary>Graphs as the page receives them from the runner: a model's forward pass captured with its parameters'
/// names (<see cref="ModelParameterNames"/>) and rebuilt from the data.</summary>
internal static class NamedGraphs
{
    /// <summary>The page's nodes of <paramref name="model"/>'s output <paramref name="output"/> for
    /// <paramref name="input"/>, after its backward pass; the root last.</summary>
    public static IReadOnlyList<Value> Captured(Module model, double[] input, int output = 0)
    {
        Value y = model.Forward(input)[output];
        y.Backward();
        var names = new Dictionary<Value, string>(ReferenceEqualityComparer.Instance);
        ModelParameterNames.Add(names, model);
        return GraphRebuilder.Rebuild(GraphData.Of(y, names).Nodes!);
    }

    /// <summary>A 2-3-1 MLP's graph for one input.</summary>
    public static IReadOnlyList<Value> SmallMlp() => Captured(new MLP(2, [3, 1], seed: 1), [0.5, -1.0]);

    /// <summary><paramref name="root"/>'s graph grouped by its nodes' names, as the page groups it.</summary>
    public static GroupedGraph? Grouped(Value root)
    {
        IReadOnlyList<Value> nodes = Michigrad.Visualization.Graph.Trace(root).Nodes;
        return GroupedGraph.FromNames(nodes, NodeNames.Of(nodes, "en"));
    }
}
