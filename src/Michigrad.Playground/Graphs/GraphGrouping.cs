namespace Michigrad.Playground.Graphs;

/// <summary>How <see cref="GroupedGraphView"/> first shows a model's graph.</summary>
public enum GraphGrouping
{
    /// <summary>Every layer a column of boxes, one per neuron; a neuron opens into its own graph.</summary>
    Neuron,

    /// <summary>Every layer one box; a layer opens into its neurons' boxes, and a neuron into its graph.</summary>
    Layer,
}
