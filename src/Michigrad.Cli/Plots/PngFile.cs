using Michigrad.IO;
using ScottPlot;

namespace Michigrad.Cli.Plots;

/// <summary>Writes a plot as a PNG file whole or not at all: to a temporary name, then renamed.</summary>
internal static class PngFile
{
    /// <summary>Renders <paramref name="plot"/> in the house font at <paramref name="width"/>×<paramref name="height"/> pixels into <paramref name="path"/>.</summary>
    public static void Save(Plot plot, string path, int width, int height)
    {
        PngCanvas.UseHouseFont(plot);
        byte[] png = plot.GetImageBytes(width, height, ImageFormat.Png);
        AtomicFile.Write(path, temporary => File.WriteAllBytes(temporary, png));
    }
}
