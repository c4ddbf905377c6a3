using Michigrad.Compiled;
using Michigrad.Data;

namespace Michigrad.Training;

/// <summary>
/// A training step's graph compiled once and replayed: the model's outputs for a batch of a given shape, the loss,
/// and the input leaves that each replay refills from the batch.
/// </summary>
/// <remarks>
/// A graph's shape depends on the batch's size and labels (the losses pick their terms by label), so a replay is
/// only valid for a batch with the same labels in the same order; the features are copied in on every step.
/// </remarks>
internal sealed class ReplayedStep
{
    private readonly Value[][] _inputs;
    private readonly int[] _labels;

    private ReplayedStep(Value[][] inputs, int[] labels, IReadOnlyList<Value>[] outputs, CompiledGraph graph)
    {
        _inputs = inputs;
        _labels = labels;
        Outputs = outputs;
        Graph = graph;
    }

    /// <summary>The model's outputs, one list per row, readable through <see cref="CompiledGraph.DataOf"/>.</summary>
    internal IReadOnlyList<Value>[] Outputs { get; }

    /// <summary>The compiled loss graph.</summary>
    internal CompiledGraph Graph { get; }

    /// <summary>Builds the step's graph for <paramref name="batch"/> with <paramref name="build"/> and compiles it.</summary>
    /// <param name="batch">The batch whose shape the graph takes.</param>
    /// <param name="build">Builds the outputs and the loss from one input list per row.</param>
    internal static ReplayedStep Compile(Dataset batch,
        Func<Value[][], (IReadOnlyList<Value>[] Outputs, Value Loss)> build)
    {
        var inputs = new Value[batch.Count][];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = batch.Inputs(i);
        (IReadOnlyList<Value>[] outputs, Value loss) = build(inputs);
        CompiledGraph graph = Compiler.Compile(loss, outputs.SelectMany(row => row).ToArray());
        return new ReplayedStep(inputs, (int[])batch.Labels.Clone(), outputs, graph);
    }

    /// <summary>Whether this graph fits <paramref name="batch"/>: same size, same labels in the same order.</summary>
    internal bool Fits(Dataset batch) => batch.Labels.AsSpan().SequenceEqual(_labels);

    /// <summary>Copies the batch's features into the input leaves and runs the forward pass.</summary>
    internal void Forward(Dataset batch)
    {
        for (int i = 0; i < _inputs.Length; i++)
        {
            double[] row = batch.Features[i];
            Value[] leaves = _inputs[i];
            for (int j = 0; j < leaves.Length; j++) leaves[j].Data = row[j];
        }
        Graph.Forward();
    }
}
