using System.Globalization;
using Michigrad.Cli.Running;
using Michigrad.Data;
using SkiaSharp;

namespace Michigrad.Cli.Plots;

/// <summary><c>test-predictions.png</c>: the first test images with the model's class and probability above the true
/// class; a wrong answer is framed and written in red.</summary>
internal static class PredictionGridPlot
{
    /// <summary>Images per row of the grid.</summary>
    public const int Columns = 8;

    /// <summary>Rows of the grid.</summary>
    public const int Rows = 5;

    private const int Scale = 4;        // 28 pixels become 112
    private const int Caption = 40;     // two lines of text under each image
    private const int Gap = 14;
    private const int Header = 44;

    /// <summary>Draws up to <see cref="Columns"/>·<see cref="Rows"/> of <paramref name="images"/>' first images with
    /// <paramref name="scores"/>' predictions into <paramref name="path"/>.</summary>
    public static void Save(ImageSet images, ImageScores scores, IReadOnlyList<string> classNames, string path)
    {
        int shown = Math.Min(Columns * Rows, scores.Predicted.Length);
        int rows = Math.Max(1, (shown + Columns - 1) / Columns);
        int tileWidth = images.Width * Scale, tileHeight = images.Height * Scale;
        int width = Gap + Columns * (tileWidth + Gap);
        int height = Header + rows * (tileHeight + Caption + Gap);
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);

        int wrong = 0;
        for (int i = 0; i < shown; i++) if (scores.Predicted[i] != scores.Truth[i]) wrong++;
        PngCanvas.Centered(canvas, string.Create(CultureInfo.InvariantCulture,
            $"The first {shown} test images: predicted (probability) over true class; {wrong} wrong, in red"), width / 2f, Header / 2f, 17, SKColors.Black, bold: true);

        var red = new SKColor(200, 30, 30);
        using var frame = new SKPaint { Color = red, Style = SKPaintStyle.Stroke, StrokeWidth = 4 };
        using var pixel = new SKPaint { IsAntialias = false };
        for (int i = 0; i < shown; i++)
        {
            float x = Gap + i % Columns * (tileWidth + Gap);
            float y = Header + i / Columns * (tileHeight + Caption + Gap);
            ReadOnlySpan<byte> image = images.Image(i);
            for (int r = 0; r < images.Height; r++)
                for (int c = 0; c < images.Width; c++)
                {
                    byte level = image[r * images.Width + c];
                    pixel.Color = new SKColor(level, level, level);
                    canvas.DrawRect(x + c * Scale, y + r * Scale, Scale, Scale, pixel);
                }
            bool right = scores.Predicted[i] == scores.Truth[i];
            if (!right) canvas.DrawRect(x - 2, y - 2, tileWidth + 4, tileHeight + 4, frame);
            string predicted = string.Create(CultureInfo.InvariantCulture,
                $"{(right ? "" : "✗ ")}{classNames[scores.Predicted[i]]} ({scores.Probability[i] * 100:F0}%)");
            PngCanvas.Centered(canvas, predicted, x + tileWidth / 2f, y + tileHeight + 12, 11.5f, right ? SKColors.Black : red, bold: !right);
            PngCanvas.Centered(canvas, $"true: {classNames[scores.Truth[i]]}", x + tileWidth / 2f, y + tileHeight + 29, 11, SKColors.DimGray);
        }
        PngCanvas.Write(surface, path);
    }
}
