using Michigrad.Compiled;
using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Optim;

namespace Michigrad.Training;

/// <summary>
/// A trainer's compiled step: a <see cref="Scorer"/>'s row graph (the model over a row's input leaves, the objective's
/// loss against the row's target leaves), compiled once and run over a batch's rows side by side (see
/// <see cref="RowBatchGraph"/>), then backward. The L2 penalty's value is summed over the model's storage, and its
/// gradient is added by the optimizer in its update's pass (see <c>Optimizer.StepWithPenalty</c>). No batch graph is
/// ever built.
/// </summary>
/// <remarks>Every objective is a mean over rows of a loss that each row computes alike (the squared error's over every
/// output of every row too, the rows being equally wide), so the batch's loss is the mean of the row graph's
/// outputs.</remarks>
internal sealed class ReplayedStep
{
    /// <summary>Builds and compiles the row graph.</summary>
    /// <param name="model">The model.</param>
    /// <param name="objective">The loss and how labels become targets.</param>
    /// <param name="featureCount">The width of a row's input.</param>
    /// <param name="classCount">The number of classes.</param>
    /// <param name="capacity">The most rows one pass runs.</param>
    /// <param name="l2">The penalty's weight; 0 for none.</param>
    internal ReplayedStep(Module model, Objective objective, int featureCount, int classCount, int capacity, double l2)
    {
        Rows = new Scorer(model, objective, featureCount, classCount, capacity);
        _l2 = l2;
        if (l2 > 0) _penalised = new ParameterRuns([.. model.Parameters()]);
    }

    private readonly double _l2;
    private readonly ParameterRuns? _penalised;

    /// <summary>The forward pass over rows: filling them, running them, reading their classes.</summary>
    internal Scorer Rows { get; }

    /// <summary>The row graph; observed node j is a row's output j.</summary>
    internal RowBatchGraph Graph => Rows.Graph;

    /// <summary>The L2 penalty <c>(Σp²)·l2</c> over the model's parameters as they are now; 0 without one.</summary>
    internal double Penalty => _penalised is null ? 0.0 : OpRules.Mul(_penalised.SumOfSquares(), _l2);

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
