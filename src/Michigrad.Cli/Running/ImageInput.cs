using System.Globalization;
using Michigrad.Data;
using SkiaSharp;

namespace Michigrad.Cli.Running;

/// <summary>The images <c>predict --image</c> reads: every image of an IDX images file (gzipped or not), kept as
/// bytes with its labels when a labels file is known, or one PNG picture of the model's size (grey, or colour turned
/// grey) as a row of features in <c>[0, 1]</c>.</summary>
internal static class ImageInput
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The most images of an IDX file <c>predict</c> classifies.</summary>
    public const int MaxImages = 100_000;

    /// <summary>Whether <paramref name="path"/> starts as a PNG file (otherwise it is read as IDX). Every problem is a
    /// <see cref="UsageException"/> naming the file.</summary>
    public static bool IsPng(string path)
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
        return start.AsSpan().SequenceEqual(PngSignature);
    }

    /// <summary>The labels file published beside an IDX images file (<c>t10k-images-idx3-ubyte.gz</c> has
    /// <c>t10k-labels-idx1-ubyte.gz</c>, gzipped or not), or <see langword="null"/> if there is none.</summary>
    public static string? LabelsBeside(string imagesPath)
    {
        string name = Path.GetFileName(imagesPath);
        int at = name.IndexOf("-images-idx3-ubyte", StringComparison.Ordinal);
        if (at < 0) return null;
        string folder = Path.GetDirectoryName(imagesPath) ?? "";
        string stem = Path.Combine(folder, name[..at] + "-labels-idx1-ubyte");
        return new[] { stem + ".gz", stem }.FirstOrDefault(File.Exists);
    }

    /// <summary>Reads the IDX images file <paramref name="path"/> as images of <paramref name="pixels"/> pixels each,
    /// labelled from <paramref name="labelsPath"/> if given (each label below <paramref name="classes"/>), otherwise
    /// all labelled 0. Every problem is a <see cref="UsageException"/> naming the file.</summary>
    public static ImageSet LoadIdx(string path, string? labelsPath, int pixels, int classes)
    {
        ImageSet images;
        try
        {
            if (labelsPath is null)
            {
                (byte[] bytes, int count, int width, int height) = IdxDataset.ReadImages(path, MaxImages);
                CheckSize(path, width, height, pixels);
                return new ImageSet(bytes, width, height, new int[count], classes);
            }
            images = IdxDataset.LoadImages(path, labelsPath, limit: MaxImages);
        }
        catch (IdxFormatException e)
        {
            throw new UsageException(
                e.Path == labelsPath ? $"{e.Message} --labels takes the IDX labels file of the images." : $"{e.Message} --image takes an IDX images file or a PNG picture.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read '{path}'{(labelsPath is null ? "" : $" or '{labelsPath}'")}: {e.Message}", e);
        }
        CheckSize(path, images.Width, images.Height, pixels);
        if (images.ClassCount > classes)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"'{labelsPath}' holds labels up to {images.ClassCount - 1}, but the model has {classes} classes (0 .. {classes - 1}): these are not its labels."));
        return images;
    }

    private static void CheckSize(string path, int width, int height, int pixels)
    {
        if (width * height != pixels)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"'{path}' holds images of {width}×{height} pixels, but the model reads {Size(pixels)}."));
    }

    /// <summary>Reads the PNG picture <paramref name="path"/> as one row of <paramref name="pixels"/> features.</summary>
    public static double[] LoadPng(string path, int pixels)
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
        return row;
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
