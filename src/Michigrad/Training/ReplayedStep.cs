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

    /// <summary>Compiles a step's graph, built over the given leaves; its forward pass has run.</summary>
    /// <param name="objective">Decides how labels fill the target leaves.</param>
    /// <param name="inputs">Each row's input leaves.</param>
    /// <param name="targets">Each row's target leaves.</param>
    /// <param name="outputs">The model's outputs for each row, kept readable on the tape.</param>
    /// <param name="loss">The loss built from them.</param>
    internal ReplayedStep(Objective objective, Value[][] inputs, Value[][] targets, IReadOnlyList<Value>[] outputs,
        Value loss)
    {
        _objective = objective;
        _inputs = inputs;
        _targets = targets;
        OutputWidth = outputs[0].Count;
        Graph = Compiler.Compile(loss, outputs.SelectMany(row => row).ToArray());
    }

    /// <summary>The compiled loss; observed node <c>i·OutputWidth + j</c> is row i's output j.</summary>
    internal CompiledGraph Graph { get; }

    /// <summary>How many outputs the model gives per row.</summary>
    internal int OutputWidth { get; }

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
