using Michigrad.IO;
using ScottPlot;
using SkiaSharp;

namespace Michigrad.Cli.Plots;

/// <summary>Pictures drawn on a SkiaSharp surface (the library ScottPlot draws with), saved as PNG atomically.</summary>
internal static class PngCanvas
{
    /// <summary>The typeface of labels: DejaVu Sans where installed, the system's default otherwise.</summary>
    public static SKTypeface Typeface { get; } = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;

    /// <summary>The typeface of bold labels and titles.</summary>
    public static SKTypeface BoldTypeface { get; } = SKTypeface.FromFamilyName(Typeface.FamilyName, SKFontStyle.Bold) ?? Typeface;

    /// <summary>Gives every text of <paramref name="plot"/> the family of <see cref="Typeface"/>, the title in bold,
    /// so the plots ScottPlot draws (whose own default here is a serif face) match the pictures drawn on a canvas.</summary>
    public static void UseHouseFont(Plot plot)
    {
        plot.Font.Set(Typeface.FamilyName);
        plot.Axes.Title.Label.Font = BoldTypeface;   // Set gives every label the regular face
    }

    /// <summary>Encodes the surface as PNG and writes it to a temporary name, then renames it into place.</summary>
    public static void Write(SKSurface surface, string path)
    {
        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        byte[] bytes = png.ToArray();
        AtomicFile.Write(path, temporary => File.WriteAllBytes(temporary, bytes));
    }

    /// <summary>Draws <paramref name="text"/> centred on (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static void Centered(SKCanvas canvas, string text, float x, float y, float size, SKColor color, bool bold = false)
    {
        using var font = new SKFont(bold ? BoldTypeface : Typeface, size);
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        font.MeasureText(text, out SKRect bounds);
        canvas.DrawText(text, x, y - bounds.MidY, SKTextAlign.Center, font, paint);
    }

    /// <summary>Draws <paramref name="text"/> right-aligned at <paramref name="x"/>, centred on <paramref name="y"/>.</summary>
    public static void RightAligned(SKCanvas canvas, string text, float x, float y, float size, SKColor color)
    {
        using var font = new SKFont(Typeface, size);
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        font.MeasureText(text, out SKRect bounds);
        canvas.DrawText(text, x, y - bounds.MidY, SKTextAlign.Right, font, paint);
    }
}
