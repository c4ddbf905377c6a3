using Michigrad.Data;

namespace Michigrad.Playground.Train;

/// <summary>Maps the data's first two features to the square picture of the Train tab, and draws the decision
/// regions under the points.</summary>
public sealed class DecisionMap
{
    /// <summary>The plot's side in the picture's units (the axes lie outside it).</summary>
    public const int Size = 360;

    /// <summary>Cells per side of the region grid when training stops: 6 units each.</summary>
    public const int Cells = 60;

    /// <summary>The room left of and below the plot for the axes, their ticks and names.</summary>
    public const int AxisLeft = 44, AxisBottom = 40, Pad = 10;

    // Class 1 is blue, as a positive value in the network picture: a two-class model says class 1 where its score is
    // positive.
    private static readonly string[] PointColors = ["#e07b22", "#2f6fd6", "#2e9e57", "#8e44ad", "#c0392b", "#16a2a6"];
    private static readonly string[] RegionColors = ["#f9dcc2", "#cfdcf6", "#cdebd8", "#e3d2ee", "#f2cfcb", "#c9ecec"];
    private static readonly (byte R, byte G, byte B)[] RegionRgb = [.. RegionColors.Select(BmpImage.Rgb)];

    /// <summary>Builds the map for <paramref name="data"/>: its bounding box with a margin.</summary>
    public DecisionMap(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        foreach (double[] row in data.Features)
        {
            minX = Math.Min(minX, row[0]); maxX = Math.Max(maxX, row[0]);
            double y = row.Length > 1 ? row[1] : 0;
            minY = Math.Min(minY, y); maxY = Math.Max(maxY, y);
        }
        double padX = Math.Max(0.1, (maxX - minX) * 0.1), padY = Math.Max(0.1, (maxY - minY) * 0.1);
        Bounds = (minX - padX, maxX + padX, minY - padY, maxY + padY);
    }

    /// <summary>The feature ranges shown.</summary>
    public (double MinX, double MaxX, double MinY, double MaxY) Bounds { get; }

    /// <summary>The plot position of a data point.</summary>
    public (double X, double Y) ToPixel(double x, double y) =>
        ((x - Bounds.MinX) / (Bounds.MaxX - Bounds.MinX) * Size, (Bounds.MaxY - y) / (Bounds.MaxY - Bounds.MinY) * Size);

    /// <summary>The colour of class <paramref name="label"/>'s points.</summary>
    public static string PointColor(int label) => PointColors[label % PointColors.Length];

    /// <summary>The colour of class <paramref name="label"/>'s region, as CSS.</summary>
    public static string RegionColor(int label) => RegionColors[label % RegionColors.Length];

    /// <summary>The regions as an image, one pixel per cell, row 0 at the top.</summary>
    public static string RegionsImage(int[,] classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        return BmpImage.DataUrl(classes.GetLength(0), classes.GetLength(1), (r, c) => RegionRgb[classes[r, c] % RegionRgb.Length]);
    }
}
