using Michigrad.Compiled;
using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Training;

namespace Michigrad.Cli.Running;

/// <summary>What a model makes of a set of images: the mean loss (with the L2 penalty, as a training step measures
/// it), the accuracy, and each image's predicted class and probability.</summary>
internal sealed record ImageScores(double Loss, double Accuracy, int[] Predicted, double[] Probability, int[] Truth)
{
    /// <summary>The confusion matrix: <c>[true, predicted]</c> counts.</summary>
    public int[,] Confusion(int classes)
    {
        var counts = new int[classes, classes];
        for (int i = 0; i < Truth.Length; i++) counts[Truth[i], Predicted[i]]++;
        return counts;
    }
}

/// <summary>
/// Scores a model on thousands of images without building a graph per image: one row's graph (the model and its loss
/// for one image) is compiled once and run forward over a chunk of images side by side (see
/// <see cref="RowBatchGraph"/>), chunk after chunk (no backward pass).
/// </summary>
/// <remarks>Each image's outputs and loss are, to the bit, those of <see cref="Trainer.Evaluate"/>'s object graphs.</remarks>
internal sealed class ImageEvaluator
{
    /// <summary>How many images one forward pass runs.</summary>
    private const int RowsPerChunk = 256;

    private readonly Module _model;
    private readonly Objective _objective;
    private readonly double _l2;
    private readonly int _width;
    private readonly int _features;
    private readonly RowBatchGraph _graph;
    private readonly Value[] _targetLeaves;   // scratch: a label's targets, written by the objective's own rule
    private readonly double[] _pixels;
    private readonly double[] _targets;

    /// <param name="model">The model to score.</param>
    /// <param name="objective">Its loss and decision rule.</param>
    /// <param name="l2">The weight of the L2 penalty added to the loss.</param>
    /// <param name="features">The pixels per image.</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="bytesPerRow">What the row graph holds per image (see <see cref="Limits.StepBytesPerRow"/>): the
    /// chunk shrinks for a model so big that a chunk would pass <see cref="Limits.MaxStepBytes"/>.</param>
    public ImageEvaluator(Module model, Objective objective, double l2, int features, int classes, long bytesPerRow)
    {
        _model = model;
        _objective = objective;
        _l2 = l2;
        _features = features;
        _width = Objectives.OutputWidth(objective, classes);
        Value[] inputs = [.. Enumerable.Range(0, features).Select(_ => Value.Constant(0))];
        Value[] targets = Objectives.NewTargets(_width);
        IReadOnlyList<Value> outputs = model.Forward(inputs);
        Value loss = Objectives.Loss(objective, [outputs], [targets]);   // one image's loss
        int rows = Math.Min(Limits.LargestBatch(bytesPerRow), RowsPerChunk);
        _graph = Compiler.CompileRows(loss, [.. inputs, .. targets], rows, outputs);
        _targetLeaves = Objectives.NewTargets(_width);
        _pixels = new double[features];
        _targets = new double[_width];
    }

    /// <summary>Rows per forward pass.</summary>
    public int ChunkRows => _graph.Capacity;

    /// <summary>Scores the model as it is now on <paramref name="count"/> images of <paramref name="images"/> (the
    /// first ones by default), stopping early if cancelled (then <see langword="null"/>).</summary>
    public ImageScores? Score(ImageSet images, CancellationToken cancellation, int? count = null)
    {
        int n = Math.Min(count ?? images.Count, images.Count);
        var predicted = new int[n];
        var probability = new double[n];
        var truth = new int[n];
        double loss = 0;
        int correct = 0;
        int rows = _graph.Capacity;
        var logits = new double[_width];
        for (int start = 0; start < n; start += rows)
        {
            if (cancellation.IsCancellationRequested) return null;
            int filled = Math.Min(rows, n - start);
            for (int i = 0; i < filled; i++)
            {
                ReadOnlySpan<byte> pixels = images.Image(start + i);
                for (int j = 0; j < _features; j++) _pixels[j] = pixels[j] / 255.0;
                Objectives.WriteTargets(_objective, images.Labels[start + i], _targetLeaves);
                for (int j = 0; j < _width; j++) _targets[j] = _targetLeaves[j].Data;
                _graph.SetRow(i, _pixels);
                _graph.SetRow(i, _targets, _features);
            }
            _graph.Forward(filled);
            for (int i = 0; i < filled; i++)
            {
                for (int j = 0; j < _width; j++) logits[j] = _graph.ObservedData(i, j);
                Prediction p = Objectives.Decide(_objective, logits);
                int row = start + i;
                predicted[row] = p.Class;
                probability[row] = p.Score;
                truth[row] = images.Labels[row];
                if (p.Class == truth[row]) correct++;
                loss += _graph.Output(i);
            }
        }
        double penalty = 0;
        if (_l2 > 0)
            foreach (Value p in _model.Parameters()) penalty += p.Data * p.Data;
        return new ImageScores(loss / n + _l2 * penalty, (double)correct / n, predicted, probability, truth);
    }
}
