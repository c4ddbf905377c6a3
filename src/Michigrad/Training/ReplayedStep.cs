using Michigrad.Compiled;
using Michigrad.Data;

namespace Michigrad.Training;

/// <summary>
/// One batch shape's training graph, built once over leaves that each step refills, and compiled: the inputs and
/// target leaves of every row, the model's outputs (observed on the tape, to count correct answers) and the loss.
/// </summary>
internal sealed class ReplayedStep
{
    private readonly Objective _objective;
    private readonly Value[][] _inputs;
    private readonly Value[][] _targets;

    private ReplayedStep(Objective objective, Value[][] inputs, Value[][] targets, int outputWidth, Value loss,
        IReadOnlyList<Value>[] outputs)
    {
        _objective = objective;
        _inputs = inputs;
        _targets = targets;
        OutputWidth = outputWidth;
        Graph = Compiler.Compile(loss, outputs.SelectMany(row => row).ToArray());
    }

    /// <summary>The compiled loss; observed node <c>i·OutputWidth + j</c> is row i's output j.</summary>
    internal CompiledGraph Graph { get; }

    /// <summary>How many outputs the model gives per row.</summary>
    internal int OutputWidth { get; }

    /// <summary>Builds the graph for batches of <paramref name="batch"/>'s size with <paramref name="build"/> and
    /// compiles it, filled with <paramref name="batch"/>'s rows (the forward pass has run).</summary>
    internal static ReplayedStep Compile(Objective objective, Dataset batch, int outputWidth,
        Func<Value[][], Value[][], (IReadOnlyList<Value>[] Outputs, Value Loss)> build)
    {
        var inputs = new Value[batch.Count][];
        var targets = new Value[batch.Count][];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = batch.Inputs(i);
            targets[i] = Objectives.NewTargets(outputWidth);
            Objectives.WriteTargets(objective, batch.Labels[i], targets[i]);
        }
        (IReadOnlyList<Value>[] outputs, Value loss) = build(inputs, targets);
        return new ReplayedStep(objective, inputs, targets, outputWidth, loss, outputs);
    }

    /// <summary>Refills the leaves with <paramref name="batch"/>'s features and labels, then runs the forward pass.</summary>
    /// <param name="batch">A batch of the size this graph was built for.</param>
    internal void Forward(Dataset batch)
    {
        for (int i = 0; i < _inputs.Length; i++)
        {
            double[] row = batch.Features[i];
            Value[] leaves = _inputs[i];
            for (int j = 0; j < leaves.Length; j++) leaves[j].Data = row[j];
            Objectives.WriteTargets(_objective, batch.Labels[i], _targets[i]);
        }
        Graph.Forward();
    }
}
