using ScottPlot;
using SkiaSharp;

namespace Michigrad.Cli.Plots;

/// <summary>Several plots drawn side by side into one PNG, written whole or not at all.</summary>
internal static class SideBySide
{
    /// <summary>Renders each plot at its width and <paramref name="height"/>, left to right, into <paramref name="path"/>.</summary>
    public static void Save(string path, int height, params (Plot Plot, int Width)[] panels)
    {
        using var surface = SKSurface.Create(new SKImageInfo(panels.Sum(p => p.Width), height));
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        int left = 0;
        foreach ((Plot plot, int width) in panels)
        {
            PngCanvas.UseHouseFont(plot);
            // Each plot renders on its own image (a plot clears the canvas it is given), then is copied into place.
            using SKBitmap panel = SKBitmap.Decode(plot.GetImageBytes(width, height, ImageFormat.Png));
            canvas.DrawBitmap(panel, left, 0);
            left += width;
        }
        PngCanvas.Write(surface, path);
    }
}
