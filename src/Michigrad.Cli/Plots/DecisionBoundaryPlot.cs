using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Training;
using ScottPlot;

namespace Michigrad.Cli.Plots;

/// <summary>
/// <c>decision-boundary.png</c> for two-feature data: the class the model picks at every point of a grid over the
/// data (with a margin), shaded, and the training points on top coloured by label, as in micrograd's demo.
/// </summary>
internal static class DecisionBoundaryPlot
{
    /// <summary>The picture's width in pixels.</summary>
    public const int Width = 700;

    /// <summary>The picture's height in pixels.</summary>
    public const int Height = 600;

    /// <summary>Grid cells per side: 100×100 forward passes, a second or so on the object graph.</summary>
    public const int Resolution = 100;

    /// <summary>The most data points drawn over the regions.</summary>
    public const int MaxPointsShown = 2_000;

    private static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#9467bd"),
        Color.FromHex("#ff7f0e"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
        Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    ];

    /// <summary>Draws the regions of <paramref name="model"/> over <paramref name="data"/> (two features) into <paramref name="path"/>.</summary>
    public static void Save(Module model, Objective objective, Dataset data, string path, CancellationToken cancellation)
    {
        (double xMin, double xMax) = Range(data, 0);
        (double yMin, double yMax) = Range(data, 1);
        double dx = (xMax - xMin) / Resolution, dy = (yMax - yMin) / Resolution;

        // Row 0 is the top of the picture, so rows run from yMax down.
        var regions = new double[Resolution, Resolution];
        for (int row = 0; row < Resolution; row++)
        {
            cancellation.ThrowIfCancellationRequested();
            double y = yMax - (row + 0.5) * dy;
            for (int col = 0; col < Resolution; col++)
            {
                double x = xMin + (col + 0.5) * dx;
                IReadOnlyList<Value> outputs = model.Forward(x, y);
                regions[row, col] = Objectives.Decide(objective, [.. outputs.Select(o => o.Data)]).Class;
            }
        }

        var plot = new Plot();
        int classes = data.ClassCount;
        var heatmap = plot.Add.Heatmap(regions);
        heatmap.Colormap = new ScottPlot.Colormaps.CustomPalette([.. Enumerable.Range(0, classes).Select(ColorOf)]);
        heatmap.ManualRange = new ScottPlot.Range(0, classes - 1);
        heatmap.Extent = new CoordinateRect(xMin, xMax, yMin, yMax);
        heatmap.Opacity = 0.3;

        // Thousands of markers hide the regions and take seconds to draw: large data shows an even sample.
        int stride = (data.Count + MaxPointsShown - 1) / MaxPointsShown;
        for (int c = 0; c < classes; c++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < data.Count; i += stride)
            {
                if (data.Labels[i] != c) continue;
                xs.Add(data.Features[i][0]);
                ys.Add(data.Features[i][1]);
            }
            var markers = plot.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledCircle, 7, ColorOf(c));
            markers.LegendText = data.ClassNames is { } names ? names[c] : $"class {c}";
        }

        plot.Title(stride == 1 ? "Decision boundary" : $"Decision boundary (every {stride}th of {data.Count:N0} points shown)");
        plot.XLabel(data.FeatureNames?[0] ?? "x");
        plot.YLabel(data.FeatureNames?[1] ?? "y");
        plot.Axes.SetLimits(xMin, xMax, yMin, yMax);
        plot.ShowLegend(Alignment.UpperRight);
        PngFile.Save(plot, path, Width, Height);
    }

    private static Color ColorOf(int c) => Palette[c % Palette.Length];

    private static (double Min, double Max) Range(Dataset data, int feature)
    {
        double min = data.Features.Min(row => row[feature]);
        double max = data.Features.Max(row => row[feature]);
        double margin = Math.Max((max - min) * 0.15, 0.25);
        return (min - margin, max + margin);
    }
}
