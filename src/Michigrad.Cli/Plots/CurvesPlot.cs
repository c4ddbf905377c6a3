using Michigrad.Cli.Running;
using ScottPlot;
using SkiaSharp;

namespace Michigrad.Cli.Plots;

/// <summary><c>loss.png</c> of an image run: the loss (every batch, and each epoch's training and test means) beside
/// the training and test accuracy after each epoch.</summary>
internal static class CurvesPlot
{
    /// <summary>The width of each of the two panels, in pixels.</summary>
    public const int PanelWidth = 600;

    /// <summary>The picture's height in pixels.</summary>
    public const int Height = 420;

    /// <summary>Draws <paramref name="curves"/> into <paramref name="path"/>.</summary>
    public static void Save(TrainingCurves curves, string path)
    {
        double[] epochs = [.. Enumerable.Range(1, curves.Epochs.Count).Select(e => (double)e)];

        var loss = new Plot();
        double[] batchX = [.. Enumerable.Range(1, curves.BatchLoss.Count).Select(k => (double)k / curves.BatchesPerEpoch)];
        var batches = loss.Add.ScatterLine(batchX, Smoothed(curves.BatchLoss), Colors.SteelBlue.WithAlpha(0.45));
        batches.LegendText = "training, per batch (smoothed)";
        AddEpochLine(loss, epochs, [.. curves.Epochs.Select(e => e.TrainLoss)], Colors.Navy, "training, epoch mean");
        AddEpochLine(loss, epochs, [.. curves.Epochs.Select(e => e.TestLoss)], Colors.OrangeRed, "test");
        loss.Title("Loss");
        loss.XLabel("epoch");
        loss.YLabel("loss");
        loss.Axes.SetLimitsX(0, Math.Max(1, curves.Epochs.Count) + 0.1);
        loss.Axes.SetLimitsY(0, Math.Max(1e-9, curves.BatchLoss.Concat(curves.Epochs.Select(e => e.TestLoss)).DefaultIfEmpty(1).Max()) * 1.05);
        loss.ShowLegend(Alignment.UpperRight);

        var accuracy = new Plot();
        AddEpochLine(accuracy, epochs, [.. curves.Epochs.Select(e => e.TrainAccuracy * 100)], Colors.Navy, "training (epoch mean)");
        AddEpochLine(accuracy, epochs, [.. curves.Epochs.Select(e => e.TestAccuracy * 100)], Colors.OrangeRed, "test");
        accuracy.Title("Accuracy");
        accuracy.XLabel("epoch");
        accuracy.YLabel("accuracy (%)");
        double lowest = curves.Epochs.Select(e => Math.Min(e.TrainAccuracy, e.TestAccuracy) * 100).DefaultIfEmpty(0).Min();
        accuracy.Axes.SetLimitsX(0.9, Math.Max(1, curves.Epochs.Count) + 0.1);
        accuracy.Axes.SetLimitsY(Math.Max(0, Math.Floor(lowest / 5) * 5 - 5), 100);
        accuracy.ShowLegend(Alignment.LowerRight);
        // Epochs are whole: no tick at 1.5.
        loss.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        accuracy.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

        SideBySide.Save(path, Height, (loss, PanelWidth), (accuracy, PanelWidth));
    }

    private static void AddEpochLine(Plot plot, double[] epochs, double[] values, Color color, string legend)
    {
        var line = plot.Add.Scatter(epochs, values, color);
        line.LineWidth = 2;
        line.MarkerSize = 8;
        line.LegendText = legend;
    }

    /// <summary>A trailing mean over about a twentieth of an epoch's batches, so the trend shows through the noise.</summary>
    private static double[] Smoothed(IReadOnlyList<double> values)
    {
        int window = Math.Max(1, values.Count / 200);
        var smoothed = new double[values.Count];
        double sum = 0;
        for (int k = 0; k < values.Count; k++)
        {
            sum += values[k];
            if (k >= window) sum -= values[k - window];
            smoothed[k] = sum / Math.Min(k + 1, window);
        }
        return smoothed;
    }
}
