using Michigrad.Training;
using ScottPlot;

namespace Michigrad.Cli.Plots;

/// <summary><c>loss.png</c>: the loss (left axis) and the accuracy (right axis) at every training step.</summary>
internal static class LossPlot
{
    /// <summary>The picture's width in pixels.</summary>
    public const int Width = 800;

    /// <summary>The picture's height in pixels.</summary>
    public const int Height = 450;

    /// <summary>Draws <paramref name="history"/> into <paramref name="path"/>.</summary>
    public static void Save(IReadOnlyList<StepResult> history, string path)
    {
        var steps = new double[history.Count];
        var loss = new double[history.Count];
        var accuracy = new double[history.Count];
        for (int k = 0; k < history.Count; k++)
        {
            steps[k] = k + 1;
            loss[k] = history[k].Loss;
            accuracy[k] = history[k].Accuracy * 100;
        }

        var plot = new Plot();
        var lossLine = plot.Add.ScatterLine(steps, loss, Colors.Navy);
        lossLine.LegendText = "loss";
        lossLine.LineWidth = 2;
        var accuracyLine = plot.Add.ScatterLine(steps, accuracy, Colors.DarkOrange);
        accuracyLine.LegendText = "accuracy (%)";
        accuracyLine.LineWidth = 2;
        accuracyLine.Axes.YAxis = plot.Axes.Right;

        plot.Title("Training");
        plot.XLabel("step");
        plot.YLabel("loss");
        plot.Axes.Right.Label.Text = "accuracy (%)";
        plot.Axes.SetLimitsY(0, 105, plot.Axes.Right);
        plot.Axes.SetLimitsY(0, Math.Max(loss.Max(), 1e-9) * 1.05, plot.Axes.Left);
        plot.ShowLegend(Alignment.MiddleRight);
        PngFile.Save(plot, path, Width, Height);
    }
}
