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
/// Scores a model on thousands of images without building a graph per image: one graph of a few rows is built over
/// refillable leaves, compiled once, and replayed forward over every chunk of the set (no backward pass).
/// </summary>
/// <remarks>The replay computes the same operations as <see cref="Trainer.Evaluate"/>'s object graphs, on the tape.
/// The last chunk, if short, fills its spare rows with copies of its first and ignores them.</remarks>
internal sealed class ImageEvaluator
{
    /// <summary>About how many graph nodes the compiled chunk holds.</summary>
    private const long NodesPerChunk = 1_000_000;

    private readonly Module _model;
    private readonly Objective _objective;
    private readonly double _l2;
    private readonly Value[][] _inputs;
    private readonly Value[][] _targets;
    private readonly int _width;
    private readonly CompiledGraph _graph;

    public ImageEvaluator(Module model, Objective objective, double l2, int features, int classes, long nodesPerRow)
    {
        _model = model;
        _objective = objective;
        _l2 = l2;
        _width = Objectives.OutputWidth(objective, classes);
        int rows = (int)Math.Clamp(NodesPerChunk / Math.Max(1, nodesPerRow), 1, 64);
        _inputs = new Value[rows][];
        _targets = new Value[rows][];
        var observed = new List<Value>(rows * (_width + 1));
        var losses = new Value[rows];
        for (int i = 0; i < rows; i++)
        {
            _inputs[i] = [.. Enumerable.Range(0, features).Select(_ => Value.Constant(0))];
            _targets[i] = Objectives.NewTargets(_width);
            IReadOnlyList<Value> outputs = model.Forward(_inputs[i]);
            observed.AddRange(outputs);
            losses[i] = Objectives.Loss(objective, [outputs], [_targets[i]]);   // this row's loss alone
        }
        Value root = losses[0];
        for (int i = 1; i < rows; i++) root += losses[i];
        observed.AddRange(losses);
        _graph = Compiler.Compile(root, observed);
    }

    /// <summary>Rows per replay.</summary>
    public int ChunkRows => _inputs.Length;

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
        int rows = _inputs.Length;
        var logits = new double[_width];
        for (int start = 0; start < n; start += rows)
        {
            if (cancellation.IsCancellationRequested) return null;
            int filled = Math.Min(rows, n - start);
            for (int i = 0; i < rows; i++)
            {
                int image = start + (i < filled ? i : 0);
                ReadOnlySpan<byte> pixels = images.Image(image);
                Value[] leaves = _inputs[i];
                for (int j = 0; j < leaves.Length; j++) leaves[j].Data = pixels[j] / 255.0;
                Objectives.WriteTargets(_objective, images.Labels[image], _targets[i]);
            }
            _graph.Forward();
            for (int i = 0; i < filled; i++)
            {
                for (int j = 0; j < _width; j++) logits[j] = _graph.ObservedData(i * _width + j);
                Prediction p = Objectives.Decide(_objective, logits);
                int row = start + i;
                predicted[row] = p.Class;
                probability[row] = p.Score;
                truth[row] = images.Labels[row];
                if (p.Class == truth[row]) correct++;
                loss += _graph.ObservedData(rows * _width + i);
            }
        }
        double penalty = 0;
        if (_l2 > 0)
            foreach (Value p in _model.Parameters()) penalty += p.Data * p.Data;
        return new ImageScores(loss / n + _l2 * penalty, (double)correct / n, predicted, probability, truth);
    }
}
