using System.Globalization;
using Michigrad.Data;
using SkiaSharp;

namespace Michigrad.Cli.Running;

/// <summary>The images <c>predict --image</c> reads: every image of an IDX images file (gzipped or not), or one PNG
/// picture of the model's size (grey, or colour turned grey), as rows of features in <c>[0, 1]</c>.</summary>
internal static class ImageInput
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The most images of an IDX file <c>predict</c> classifies.</summary>
    public const int MaxImages = 100_000;

    /// <summary>Reads <paramref name="path"/> as images of <paramref name="pixels"/> pixels each (a square side
    /// when it is one, such as 28 for 784). Every problem is a <see cref="UsageException"/> naming the file.</summary>
    public static (string[] Names, double[][] Rows) Load(string path, int pixels)
    {
        UserPaths.RequireFile(path, "image");
        byte[] start = new byte[8];
        try
        {
            using (var file = File.OpenRead(path)) file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read '{path}': {e.Message}", e);
        }
        return start.AsSpan().SequenceEqual(PngSignature) ? LoadPng(path, pixels) : LoadIdx(path, pixels);
    }

    private static (string[] Names, double[][] Rows) LoadIdx(string path, int pixels)
    {
        byte[] bytes;
        int count, width, height;
        try
        {
            (bytes, count, width, height) = IdxDataset.ReadImages(path, MaxImages);
        }
        catch (IdxFormatException e)
        {
            throw new UsageException($"{e.Message} --image takes an IDX images file or a PNG picture.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read '{path}': {e.Message}", e);
        }
        if (width * height != pixels)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"'{path}' holds images of {width}×{height} pixels, but the model reads {Size(pixels)}."));
        var rows = new double[count][];
        for (int i = 0; i < count; i++) rows[i] = ImageSet.Scale(bytes.AsSpan(i * pixels, pixels));
        string[] names = [.. Enumerable.Range(1, count).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        return (names, rows);
    }

    private static (string[] Names, double[][] Rows) LoadPng(string path, int pixels)
    {
        using SKBitmap? bitmap = SKBitmap.Decode(path);
        if (bitmap is null)
            throw new UsageException($"'{path}' starts as a PNG file but cannot be decoded: it is truncated or corrupt.");
        if (bitmap.Width * bitmap.Height != pixels || (Side(pixels) is int side && bitmap.Width != side))
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"'{path}' is {bitmap.Width}×{bitmap.Height} pixels, but the model reads {Size(pixels)}: resize the picture first."));
        var row = new double[pixels];
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                // Grey by luminance (ITU-R BT.601), transparency as the black background of MNIST's pictures.
                double grey = (0.299 * c.Red + 0.587 * c.Green + 0.114 * c.Blue) * c.Alpha / 255.0;
                row[y * bitmap.Width + x] = Math.Clamp(grey / 255.0, 0, 1);
            }
        return ([Path.GetFileName(path)], [row]);
    }

    private static int? Side(int pixels)
    {
        int side = (int)Math.Round(Math.Sqrt(pixels));
        return side * side == pixels ? side : null;
    }

    private static string Size(int pixels) => Side(pixels) is int side
        ? string.Create(CultureInfo.InvariantCulture, $"{side}×{side} images")
        : string.Create(CultureInfo.InvariantCulture, $"{pixels} inputs");
}
