namespace Michigrad.Visualization;

/// <summary>The nodes and edges of the graph under a root, as returned by <see cref="Graph.Trace"/>.</summary>
public sealed class GraphTrace
{
    internal GraphTrace(IReadOnlyList<Value> nodes, IReadOnlyList<(Value Child, Value Parent)> edges)
    {
        Nodes = nodes;
        Edges = edges;
    }

    /// <summary>Every node reachable from the root, each once, children before parents; the root is last.</summary>
    public IReadOnlyList<Value> Nodes { get; }

    /// <summary>
    /// One edge per operand: for each node in <see cref="Nodes"/> order, its children in operand order. Duplicates
    /// are kept, so <c>x * x</c> gives two edges from <c>x</c> to the product.
    /// </summary>
    public IReadOnlyList<(Value Child, Value Parent)> Edges { get; }
}
