using Michigrad.Compiled;
using Michigrad.Data;
using Michigrad.NN;

namespace Michigrad.Training;

/// <summary>
/// A trainer's compiled step: one row's graph (the model over a row's input leaves, the objective's loss against the
/// row's target leaves), compiled once and run over a batch's rows side by side (see <see cref="RowBatchGraph"/>), and
/// the L2 penalty, if any, as a small compiled graph of its own over the parameters. No batch graph is ever built.
/// </summary>
/// <remarks>Every objective is a mean over rows of a loss that each row computes alike (the squared error's over every
/// output of every row too, the rows being equally wide), so the batch's loss is the mean of the row graph's
/// outputs.</remarks>
internal sealed class ReplayedStep
{
    private readonly Objective _objective;
    private readonly int _featureCount;
    private readonly double[] _targets;
    private readonly double[] _outputs;

    /// <summary>Builds and compiles the row graph and the penalty.</summary>
    /// <param name="model">The model.</param>
    /// <param name="objective">The loss and how labels become targets.</param>
    /// <param name="featureCount">The width of a row's input.</param>
    /// <param name="outputWidth">The model's output width.</param>
    /// <param name="capacity">The most rows one pass runs.</param>
    /// <param name="l2">The penalty's weight; 0 for none.</param>
    internal ReplayedStep(Module model, Objective objective, int featureCount, int outputWidth, int capacity, double l2)
    {
        _objective = objective;
        _featureCount = featureCount;
        var inputs = new Value[featureCount];
        for (int j = 0; j < inputs.Length; j++) inputs[j] = Value.Constant(0.0);
        Value[] targets = Objectives.NewTargets(outputWidth);
        IReadOnlyList<Value> outputs = model.Forward(inputs);
        Value rowLoss = Objectives.Loss(objective, [outputs], [targets]);
        Graph = Compiler.CompileRows(rowLoss, [.. inputs, .. targets], capacity, outputs);
        if (l2 > 0) Penalty = Compiler.Compile(Losses.Loss.L2Penalty(model.Parameters(), l2));
        _targets = new double[outputWidth];
        _outputs = new double[outputs.Count];
    }

    /// <summary>The row graph; observed node j is a row's output j.</summary>
    internal RowBatchGraph Graph { get; }

    /// <summary>The compiled L2 penalty, or null.</summary>
    internal CompiledGraph? Penalty { get; }

    /// <summary>The most rows one pass runs.</summary>
    internal int Capacity => Graph.Capacity;

    /// <summary>How many target numbers a row has.</summary>
    internal int TargetWidth => _targets.Length;

    /// <summary>The width of a row's input.</summary>
    internal int FeatureCount => _featureCount;

    /// <summary>Fills the rows with <paramref name="count"/> rows of <paramref name="data"/> from
    /// <paramref name="start"/> (features and the labels' targets) and runs the forward pass.</summary>
    /// <returns>How many of those rows the model classifies correctly.</returns>
    internal int Forward(Dataset data, int start, int count)
    {
        RowBatchGraph graph = Graph;
        for (int r = 0; r < count; r++)
        {
            graph.SetRow(r, data.Features[start + r]);
            Objectives.WriteTargetNumbers(_objective, data.Labels[start + r], _targets);
            graph.SetRow(r, _targets, _featureCount);
        }
        graph.Forward(count);
        int correct = 0;
        for (int r = 0; r < count; r++)
        {
            for (int j = 0; j < _outputs.Length; j++) _outputs[j] = graph.ObservedData(r, j);
            if (Objectives.Decide(_objective, _outputs).Class == data.Labels[start + r]) correct++;
        }
        return correct;
    }
}
