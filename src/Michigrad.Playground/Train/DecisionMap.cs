using System.Globalization;
using System.Text;
using Michigrad.Data;

namespace Michigrad.Playground.Train;

/// <summary>Maps the data's first two features to the square picture of the Train tab, and draws the decision
/// regions under the points as SVG.</summary>
public sealed class DecisionMap
{
    /// <summary>The picture's side in pixels.</summary>
    public const int Size = 360;

    /// <summary>Cells per side of the region grid.</summary>
    public const int Cells = 30;

    private static readonly string[] PointColors = ["#2f6fd6", "#e07b22", "#2e9e57", "#8e44ad", "#c0392b", "#16a2a6"];
    private static readonly string[] RegionColors = ["#cfdcf6", "#f9dcc2", "#cdebd8", "#e3d2ee", "#f2cfcb", "#c9ecec"];

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

    /// <summary>The pixel position of a data point.</summary>
    public (double X, double Y) ToPixel(double x, double y) =>
        ((x - Bounds.MinX) / (Bounds.MaxX - Bounds.MinX) * Size, (Bounds.MaxY - y) / (Bounds.MaxY - Bounds.MinY) * Size);

    /// <summary>The colour of class <paramref name="label"/>'s points.</summary>
    public static string PointColor(int label) => PointColors[label % PointColors.Length];

    /// <summary>The regions as SVG rectangles: one per run of equal cells in a row, so a frame stays small.</summary>
    public static string RegionsSvg(int[,] classes)
    {
        int n = classes.GetLength(0);
        double cell = (double)Size / n;
        var svg = new StringBuilder();
        for (int r = 0; r < n; r++)
        {
            int c = 0;
            while (c < n)
            {
                int start = c, k = classes[r, c];
                while (c < n && classes[r, c] == k) c++;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{start * cell:0.#}\" y=\"{r * cell:0.#}\" width=\"{(c - start) * cell + 0.5:0.#}\" height=\"{cell + 0.5:0.#}\" fill=\"{RegionColors[k % RegionColors.Length]}\"/>");
            }
        }
        return svg.ToString();
    }
}
