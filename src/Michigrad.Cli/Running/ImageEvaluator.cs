using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Training;

namespace Michigrad.Cli.Running;

/// <summary>What a model makes of a set of images: the mean loss (with the L2 penalty, as a training step measures
/// it), the accuracy, and each image's predicted class and probability.</summary>
internal sealed record ImageScores(double Loss, double Accuracy, int[] Predicted, double[] Probability, int[] Truth)
{
    /// <summary>The images whose predicted class is their true one.</summary>
    public int Correct
    {
        get
        {
            int right = 0;
            for (int i = 0; i < Truth.Length; i++)
                if (Predicted[i] == Truth[i]) right++;
            return right;
        }
    }

    /// <summary>The accuracy as the tool prints it: <see cref="Numbers.Percent"/> of <see cref="Correct"/>.</summary>
    public string AccuracyText => Numbers.Percent(Correct, Truth.Length);

    /// <summary>The confusion matrix: <c>[true, predicted]</c> counts.</summary>
    public int[,] Confusion(int classes)
    {
        var counts = new int[classes, classes];
        for (int i = 0; i < Truth.Length; i++) counts[Truth[i], Predicted[i]]++;
        return counts;
    }
}

/// <summary>
/// Scores a model on thousands of images with the library's <see cref="Scorer"/> (one row's graph compiled once, run
/// forward over a chunk of images side by side, chunk after chunk) and adds what the CLI shows: the L2 penalty in the
/// loss, as a training step measures it, and the confusion matrix.
/// </summary>
/// <remarks>Each image's outputs and loss are, to the bit, those of <see cref="Trainer.Evaluate"/>'s object graphs.</remarks>
internal sealed class ImageEvaluator
{
    private readonly Scorer _scorer;
    private readonly double _l2;

    /// <param name="model">The model to score.</param>
    /// <param name="objective">Its loss and decision rule.</param>
    /// <param name="l2">The weight of the L2 penalty added to the loss.</param>
    /// <param name="features">The pixels per image.</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="bytesPerRow">What the row graph holds per image (see <see cref="Limits.StepBytesPerRow"/>): the
    /// chunk shrinks for a model so big that a chunk would pass <see cref="Limits.MaxStepBytes"/>.</param>
    public ImageEvaluator(Module model, Objective objective, double l2, int features, int classes, long bytesPerRow)
    {
        _scorer = new Scorer(model, objective, features, classes,
            Math.Min(Limits.LargestBatch(bytesPerRow), Scorer.DefaultChunkRows));
        _l2 = l2;
    }

    /// <summary>Rows per forward pass.</summary>
    public int ChunkRows => _scorer.ChunkRows;

    /// <summary>Scores the model as it is now on <paramref name="count"/> images of <paramref name="images"/> (the
    /// first ones by default), stopping early if cancelled (then <see langword="null"/>).</summary>
    public ImageScores? Score(ImageSet images, CancellationToken cancellation, int? count = null)
    {
        ScoreReport report;
        try
        {
            report = _scorer.Score(images, Math.Min(count ?? images.Count, images.Count), cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return null;
        }
        int n = report.Count;
        var predicted = new int[n];
        var probability = new double[n];
        for (int i = 0; i < n; i++)
        {
            predicted[i] = report.Predictions[i].Class;
            probability[i] = report.Predictions[i].Score;
        }
        double penalty = 0;
        if (_l2 > 0)
            foreach (Value p in _scorer.Model.Parameters()) penalty += p.Data * p.Data;
        return new ImageScores((report.Loss ?? 0) + _l2 * penalty, report.Accuracy ?? 0, predicted, probability, [.. report.Labels!]);
    }
}
