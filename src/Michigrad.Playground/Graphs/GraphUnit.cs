namespace Michigrad.Playground.Graphs;

/// <summary>One box of a <see cref="GroupedGraph"/>: an input, a neuron (one output of a layer) or the head (a loss
/// over the outputs), with the nodes of the graph that belong to it.</summary>
public sealed class GraphUnit
{
    private readonly Func<Value>? _detail;
    private readonly bool _keepDetail;   // whether the first copy stays valid (its gradients do not move afterwards)
    private Value? _built;

    internal GraphUnit(string name, Value output, IReadOnlyList<(string Name, Value Parameter)> parameters, int nodeCount,
        bool inGraph, Func<Value>? detail, bool keepDetail = true)
    {
        _keepDetail = keepDetail;
        Name = name;
        Output = output;
        Parameters = parameters;
        NodeCount = nodeCount;
        InGraph = inGraph;
        _detail = detail;
    }

    /// <summary>The unit's name: the input's label, <c>L0.N2</c> for a neuron, the head's label.</summary>
    public string Name { get; }

    /// <summary>The value the unit passes on (the neuron's activation), in the whole graph, with its gradient.</summary>
    public Value Output { get; }

    /// <summary>The model parameters the unit owns, by their short names (<see cref="ParameterNames.Short"/>).</summary>
    public IReadOnlyList<(string Name, Value Parameter)> Parameters { get; }

    /// <summary>The nodes of the graph that belong to this unit alone (an input: 1).</summary>
    public int NodeCount { get; }

    /// <summary>Whether the root depends on this unit (another class's output of the last layer does not).</summary>
    public bool InGraph { get; }

    /// <summary>Whether the unit has a graph of its own to open (an input has none).</summary>
    public bool HasDetail => _detail is not null;

    /// <summary>The unit's own graph, its inputs drawn as leaves named by the units they come from: a copy of its part
    /// of the whole graph with the same data and gradients (its parameters are the model's own). Built on first use; a
    /// unit of a graph grouped by its names (<see cref="GroupedGraph.FromNames"/>, whose gradients the page's stepper
    /// changes) is copied afresh at every call, so it shows the gradients of the step the learner is on.</summary>
    /// <exception cref="InvalidOperationException">The unit is an input (<see cref="HasDetail"/> is false).</exception>
    public Value Detail()
    {
        Func<Value> build = _detail ?? throw new InvalidOperationException($"{Name} is an input: it has no graph of its own.");
        return _keepDetail ? _built ??= build() : build();
    }
}
