namespace Michigrad.Cli.Running;

/// <summary>What an image run records for its curves: every batch's loss, and each epoch's mean training loss and
/// accuracy beside the test set's.</summary>
internal sealed class TrainingCurves(int batchesPerEpoch)
{
    /// <summary>Batches per epoch: batch k is drawn at epoch (k + 1) / BatchesPerEpoch.</summary>
    public int BatchesPerEpoch => batchesPerEpoch;

    /// <summary>The loss of every batch, in order.</summary>
    public List<double> BatchLoss { get; } = [];

    /// <summary>Per epoch: the mean loss and accuracy of its batches, and the test set's after it.</summary>
    public List<(double TrainLoss, double TrainAccuracy, double TestLoss, double TestAccuracy)> Epochs { get; } = [];

    /// <summary>Records one batch's loss.</summary>
    public void AddBatch(double loss) => BatchLoss.Add(loss);

    /// <summary>Records the end of an epoch.</summary>
    public void AddEpoch(double trainLoss, double trainAccuracy, double testLoss, double testAccuracy) =>
        Epochs.Add((trainLoss, trainAccuracy, testLoss, testAccuracy));
}
