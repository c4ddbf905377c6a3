namespace Michigrad.Playground.Graphs;

/// <summary>How the graph lab shows a graph: whole, or grouped by neuron or by layer (<see cref="GroupedGraphView"/>).</summary>
public enum GraphViewMode
{
    /// <summary>Every node drawn.</summary>
    Whole,

    /// <summary>A box per neuron (<see cref="GraphGrouping.Neuron"/>).</summary>
    Neuron,

    /// <summary>A box per layer (<see cref="GraphGrouping.Layer"/>).</summary>
    Layer,
}
