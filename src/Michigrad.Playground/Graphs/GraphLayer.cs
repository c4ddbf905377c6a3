namespace Michigrad.Playground.Graphs;

/// <summary>A column of a <see cref="GroupedGraph"/>: the inputs, one stage of the model (an MLP's layer, a
/// Sequential's module) or the head.</summary>
public sealed class GraphLayer
{
    internal GraphLayer(string name, GraphLayerKind kind, string description, IReadOnlyList<GraphUnit> units)
    {
        Name = name;
        Kind = kind;
        Description = description;
        Units = units;
    }

    /// <summary><c>x</c> for the inputs, <c>L0</c>… for an MLP's layers, the module's index in a Sequential, the
    /// head's label.</summary>
    public string Name { get; }

    /// <summary>What the column holds.</summary>
    public GraphLayerKind Kind { get; }

    /// <summary>The module, as its <c>ToString()</c> describes it (empty for the inputs and the head).</summary>
    public string Description { get; }

    /// <summary>The boxes of the column, in output order.</summary>
    public IReadOnlyList<GraphUnit> Units { get; }

    /// <summary>The nodes that belong to the column's units.</summary>
    public int NodeCount => Units.Sum(u => u.NodeCount);
}

/// <summary>What a <see cref="GraphLayer"/> holds.</summary>
public enum GraphLayerKind
{
    /// <summary>The model's inputs.</summary>
    Inputs,

    /// <summary>One stage of the model.</summary>
    Stage,

    /// <summary>What is computed from the model's outputs (a loss).</summary>
    Head,
}
