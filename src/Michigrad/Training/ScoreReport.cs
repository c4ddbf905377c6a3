namespace Michigrad.Training;

/// <summary>What a <see cref="Scorer"/> made of a set of rows: each row's prediction and, when the rows came with
/// labels, the mean loss and the accuracy.</summary>
public sealed class ScoreReport
{
    internal ScoreReport(Prediction[] predictions, int[]? labels, double? loss, double? accuracy)
    {
        _predictions = predictions;
        _labels = labels;
        Loss = loss;
        Accuracy = accuracy;
    }

    private readonly Prediction[] _predictions;
    private readonly int[]? _labels;

    /// <summary>How many rows were scored.</summary>
    public int Count => _predictions.Length;

    /// <summary>Each row's class and score, in the rows' order (see <see cref="Prediction.Score"/>).</summary>
    public IReadOnlyList<Prediction> Predictions => _predictions;

    /// <summary>Each row's label, or <see langword="null"/> when the rows had none.</summary>
    public IReadOnlyList<int>? Labels => _labels;

    /// <summary>The mean over the rows of the objective's loss of each row (no penalty), or <see langword="null"/>
    /// without labels or rows.</summary>
    public double? Loss { get; }

    /// <summary>The fraction of rows whose predicted class is their label, in [0, 1], or <see langword="null"/> without
    /// labels or rows.</summary>
    public double? Accuracy { get; }
}
