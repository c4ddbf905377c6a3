using System.Globalization;
using Michigrad.Cli.Running;
using SkiaSharp;

namespace Michigrad.Cli.Plots;

/// <summary><c>confusion-matrix.png</c>: how many test images of each true class (rows) the model gave each class
/// (columns), every cell with its count, shaded by its share of the row; the diagonal is right.</summary>
internal static class ConfusionMatrixPlot
{
    private const int Cell = 64;
    private const int Left = 150;   // room for the class names of the rows
    private const int Top = 90;     // the title and the class names of the columns
    private const int Right = 70;   // the last column name leans out to the right
    private const int Bottom = 60;

    /// <summary>Draws <paramref name="counts"/> (<c>[true, predicted]</c>) into <paramref name="path"/>.</summary>
    public static void Save(int[,] counts, IReadOnlyList<string> classNames, string path)
    {
        int n = counts.GetLength(0);
        int width = Left + n * Cell + Right, height = Top + n * Cell + Bottom;
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);

        int total = 0, right = 0;
        for (int t = 0; t < n; t++)
            for (int p = 0; p < n; p++)
            {
                total += counts[t, p];
                if (t == p) right += counts[t, p];
            }
        PngCanvas.Centered(canvas, string.Create(CultureInfo.InvariantCulture,
            $"Confusion matrix: {right:N0} of {total:N0} test images right ({Numbers.Percent(right, total)})"),
            width / 2f, 22, 17, SKColors.Black, bold: true);
        PngCanvas.Centered(canvas, "predicted class", Left + n * Cell / 2f, 48, 14, SKColors.DimGray);

        using var fill = new SKPaint { IsAntialias = false };
        using var grid = new SKPaint { Color = new SKColor(220, 220, 220), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        for (int t = 0; t < n; t++)
        {
            int rowTotal = 0;
            for (int p = 0; p < n; p++) rowTotal += counts[t, p];
            for (int p = 0; p < n; p++)
            {
                double share = rowTotal == 0 ? 0 : (double)counts[t, p] / rowTotal;
                var rect = SKRect.Create(Left + p * Cell, Top + t * Cell, Cell, Cell);
                fill.Color = Shade(share, t == p);
                canvas.DrawRect(rect, fill);
                canvas.DrawRect(rect, grid);
                if (counts[t, p] > 0)
                    PngCanvas.Centered(canvas, counts[t, p].ToString("N0", CultureInfo.InvariantCulture), rect.MidX, rect.MidY, 14,
                        share > 0.5 ? SKColors.White : SKColors.Black);
            }
            PngCanvas.RightAligned(canvas, classNames[t], Left - 8, Top + t * Cell + Cell / 2f, 13, SKColors.Black);
        }

        // Column names, turned so long names fit over narrow columns.
        for (int p = 0; p < n; p++)
        {
            canvas.Save();
            canvas.Translate(Left + p * Cell + Cell / 2f, Top - 8);
            canvas.RotateDegrees(-35);
            using var font = new SKFont(PngCanvas.Typeface, 12);
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            canvas.DrawText(classNames[p], 0, 0, SKTextAlign.Left, font, paint);
            canvas.Restore();
        }
        canvas.Save();
        canvas.Translate(Left - 120, Top + n * Cell / 2f);
        canvas.RotateDegrees(-90);
        PngCanvas.Centered(canvas, "true class", 0, 0, 14, SKColors.DimGray);
        canvas.Restore();
        PngCanvas.Centered(canvas, "Rows sum to each class's test images; shade = share of the row (blue right, red wrong).",
            Left + n * Cell / 2f, Top + n * Cell + 30, 12, SKColors.DimGray);

        PngCanvas.Write(surface, path);
    }

    /// <summary>White to deep blue on the diagonal, white to red off it, by the share of the row.</summary>
    private static SKColor Shade(double share, bool diagonal)
    {
        double s = Math.Clamp(share, 0, 1);
        if (!diagonal) s = Math.Min(1, s * 4);   // mistakes are rarer: make a tenth of a row already visible
        (byte r, byte g, byte b) = diagonal ? ((byte)20, (byte)70, (byte)160) : ((byte)200, (byte)40, (byte)40);
        byte Mix(byte to) => (byte)Math.Round(255 + (to - 255) * s);
        return new SKColor(Mix(r), Mix(g), Mix(b));
    }
}
