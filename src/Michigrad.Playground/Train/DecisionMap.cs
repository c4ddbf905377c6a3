using Michigrad.Data;

namespace Michigrad.Playground.Train;

/// <summary>Maps the data's first two features to the square picture of the Train tab, and draws the decision
/// regions under the points.</summary>
public sealed class DecisionMap
{
    /// <summary>The picture's side in pixels.</summary>
    public const int Size = 360;

    /// <summary>Cells per side of the region grid: 6 pixels each, drawn as one small image, so the grid is fine
    /// and a frame's picture is one attribute.</summary>
    public const int Cells = 60;

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

    /// <summary>The regions as an image, one pixel per cell, row 0 at the top: a <c>data:</c> URL of a 24-bit BMP
    /// (the simplest format a browser draws; the picture scales it up). One attribute per frame, however fine the
    /// grid, where one SVG rectangle per run of cells grew with the boundary's length.</summary>
    public static string RegionsImage(int[,] classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        int rows = classes.GetLength(0), columns = classes.GetLength(1);
        int stride = (columns * 3 + 3) & ~3;   // each BMP row is padded to 4 bytes
        const int header = 14 + 40;
        var bmp = new byte[header + stride * rows];
        // BITMAPFILEHEADER, then BITMAPINFOHEADER with a negative height: rows stored top-down.
        bmp[0] = (byte)'B'; bmp[1] = (byte)'M';
        BitConverter.TryWriteBytes(bmp.AsSpan(2), bmp.Length);
        BitConverter.TryWriteBytes(bmp.AsSpan(10), header);
        BitConverter.TryWriteBytes(bmp.AsSpan(14), 40);
        BitConverter.TryWriteBytes(bmp.AsSpan(18), columns);
        BitConverter.TryWriteBytes(bmp.AsSpan(22), -rows);
        BitConverter.TryWriteBytes(bmp.AsSpan(26), (short)1);
        BitConverter.TryWriteBytes(bmp.AsSpan(28), (short)24);
        BitConverter.TryWriteBytes(bmp.AsSpan(34), stride * rows);
        for (int r = 0; r < rows; r++)
        {
            int at = header + r * stride;
            for (int c = 0; c < columns; c++, at += 3)
            {
                (byte red, byte green, byte blue) = RegionRgb[classes[r, c] % RegionRgb.Length];
                bmp[at] = blue; bmp[at + 1] = green; bmp[at + 2] = red;
            }
        }
        return "data:image/bmp;base64," + Convert.ToBase64String(bmp);
    }

    /// <summary>The colour of class <paramref name="label"/>'s region, as CSS.</summary>
    public static string RegionColor(int label) => RegionColors[label % RegionColors.Length];

    private static readonly (byte R, byte G, byte B)[] RegionRgb = [.. RegionColors.Select(Rgb)];

    private static (byte, byte, byte) Rgb(string hex) =>
        (Convert.ToByte(hex[1..3], 16), Convert.ToByte(hex[3..5], 16), Convert.ToByte(hex[5..7], 16));
}
