using Michigrad.Visualization;

namespace Michigrad.Playground.Lab.Running;

/// <summary>
/// A value's graph as it crosses from the runner to the page: every node in topological order when the graph is
/// small enough to draw, otherwise only its size and the rows nearest the root, for a table.
/// </summary>
/// <param name="NodeCount">How many nodes the graph has.</param>
/// <param name="Nodes">Every node, children first and the root last; <see langword="null"/> past <see cref="DrawLimit"/>.</param>
/// <param name="Rows">The <see cref="TableRows"/> nodes nearest the root (root last, no children) when the graph is too
/// big to draw; empty otherwise.</param>
public sealed record GraphData(int NodeCount, IReadOnlyList<NodeData>? Nodes, IReadOnlyList<NodeData> Rows)
{
    /// <summary>The largest graph the page draws (and steps backward through); past it the page shows a table. The
    /// library lays a graph out in C#, in time that grows faster than its size: a few hundred milliseconds here.</summary>
    public const int DrawLimit = 1_000;

    /// <summary>How many rows a graph too big to draw shows in its table.</summary>
    public const int TableRows = 100;

    /// <summary>Whether the page can draw it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Drawable => Nodes is not null;

    /// <summary>The graph under <paramref name="root"/>, each unlabelled parameter of <paramref name="names"/> labelled
    /// with its name there (the values themselves are left as they are).</summary>
    public static GraphData Of(Value root, IReadOnlyDictionary<Value, string>? names = null)
    {
        names ??= new Dictionary<Value, string>();
        IReadOnlyList<Value> nodes = Graph.Trace(root).Nodes;
        if (nodes.Count > DrawLimit)
        {
            var rows = new NodeData[TableRows];
            for (int i = 0; i < TableRows; i++) rows[i] = Node(nodes[nodes.Count - TableRows + i], [], names);
            return new GraphData(nodes.Count, null, rows);
        }
        var index = new Dictionary<Value, int>(nodes.Count, ReferenceEqualityComparer.Instance);
        var data = new NodeData[nodes.Count];
        for (int i = 0; i < nodes.Count; i++)
        {
            Value node = nodes[i];
            IReadOnlyList<Value> children = node.Children;
            var positions = new int[children.Count];
            for (int k = 0; k < positions.Length; k++) positions[k] = index[children[k]];
            data[i] = Node(node, positions, names);
            index[node] = i;
        }
        return new GraphData(nodes.Count, data, []);
    }

    private static NodeData Node(Value v, int[] children, IReadOnlyDictionary<Value, string> names) =>
        new(v.Op, v.Data, v.Grad, v.Label ?? names.GetValueOrDefault(v), v.RequiresGrad, children);
}
