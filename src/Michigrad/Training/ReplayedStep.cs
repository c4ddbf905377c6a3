using Michigrad.Compiled;
using Michigrad.Data;
using Michigrad.NN;

namespace Michigrad.Training;

/// <summary>
/// A trainer's compiled step: a <see cref="Scorer"/>'s row graph (the model over a row's input leaves, the objective's
/// loss against the row's target leaves), compiled once and run over a batch's rows side by side (see
/// <see cref="RowBatchGraph"/>), then backward, and the L2 penalty, if any, as a small compiled graph of its own over
/// the parameters. No batch graph is ever built.
/// </summary>
/// <remarks>Every objective is a mean over rows of a loss that each row computes alike (the squared error's over every
/// output of every row too, the rows being equally wide), so the batch's loss is the mean of the row graph's
/// outputs.</remarks>
internal sealed class ReplayedStep
{
    /// <summary>Builds and compiles the row graph and the penalty.</summary>
    /// <param name="model">The model.</param>
    /// <param name="objective">The loss and how labels become targets.</param>
    /// <param name="featureCount">The width of a row's input.</param>
    /// <param name="classCount">The number of classes.</param>
    /// <param name="capacity">The most rows one pass runs.</param>
    /// <param name="l2">The penalty's weight; 0 for none.</param>
    internal ReplayedStep(Module model, Objective objective, int featureCount, int classCount, int capacity, double l2)
    {
        Rows = new Scorer(model, objective, featureCount, classCount, capacity);
        if (l2 > 0) Penalty = Compiler.Compile(Losses.Loss.L2Penalty(model.Parameters(), l2));
    }

    /// <summary>The forward pass over rows: filling them, running them, reading their classes.</summary>
    internal Scorer Rows { get; }

    /// <summary>The row graph; observed node j is a row's output j.</summary>
    internal RowBatchGraph Graph => Rows.Graph;

    /// <summary>The compiled L2 penalty, or null.</summary>
    internal CompiledGraph? Penalty { get; }

    /// <summary>The most rows one pass runs.</summary>
    internal int Capacity => Rows.ChunkRows;

    /// <summary>How many target numbers a row has.</summary>
    internal int TargetWidth => Rows.OutputWidth;

    /// <summary>The width of a row's input.</summary>
    internal int FeatureCount => Rows.FeatureCount;

    /// <summary>Fills the rows with <paramref name="count"/> rows of <paramref name="data"/> from
    /// <paramref name="start"/> (features and the labels' targets) and runs the forward pass.</summary>
    /// <returns>How many of those rows the model classifies correctly.</returns>
    internal int Forward(Dataset data, int start, int count) => Rows.Forward(data, start, count);
}
