using System.Buffers.Binary;
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

    /// <summary>The widest and tallest picture read: its pixels are allocated only after its header says it fits.</summary>
    public const int MaxPictureSide = 4096;

    /// <summary>The longest PNG file read: a 4096×4096 picture of 16-bit RGBA is 134 MB before compression.</summary>
    private const long MaxPngBytes = 160_000_000;

    /// <summary>The bytes of <paramref name="path"/> if it is a PNG picture, or <see langword="null"/> if it is to be
    /// read as an IDX file. Every problem is a <see cref="UsageException"/> naming the file: a picture of another
    /// format, or a pipe that holds no PNG (a pipe is read once: its first bytes cannot be read again as IDX).</summary>
    public static byte[]? ReadPng(string path)
    {
        UserPaths.RequireFile(path, "image");
        bool pipe = PathFacts.KindOf(path) == PathKind.Pipe;
        byte[] start;
        if (pipe)
        {
            start = ReadWhole(path);
        }
        else
        {
            start = new byte[12];
            try
            {
                using var file = File.OpenRead(path);
                start = start[..file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false)];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"Cannot read '{Shown.Text(path)}': {e.Message}", e);
            }
        }
        if (start.AsSpan().StartsWith(PngSignature)) return pipe ? start : ReadWhole(path);
        if (OtherPicture(start) is string format)
            throw new UsageException(
                $"'{Shown.Text(path)}' is a {format} picture; --image reads PNG pictures and IDX images files: convert it to PNG first.");
        if (pipe)
            throw new UsageException(
                $"The image file '{Shown.Text(path)}' is a pipe that holds no PNG picture; an IDX images file is read from a file (save it first).");
        return null;
    }

    /// <summary>The format of a picture <c>--image</c> does not read, told by its first bytes, or null.</summary>
    private static string? OtherPicture(ReadOnlySpan<byte> start) =>
        start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "JPEG"
        : start.StartsWith("GIF8"u8) ? "GIF"
        : start.StartsWith("BM"u8) ? "BMP"
        : start.Length >= 12 && start.StartsWith("RIFF"u8) && start[8..12].SequenceEqual("WEBP"u8) ? "WebP"
        : start.StartsWith((ReadOnlySpan<byte>)[0x49, 0x49, 0x2A, 0x00]) || start.StartsWith((ReadOnlySpan<byte>)[0x4D, 0x4D, 0x00, 0x2A]) ? "TIFF"
        : null;

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
            throw new UsageException($"Cannot read '{Shown.Text(path)}'{(labelsPath is null ? "" : $" or '{Shown.Text(labelsPath)}'")}: {e.Message}", e);
        }
        CheckSize(path, images.Width, images.Height, pixels);
        if (images.ClassCount > classes)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"'{labelsPath}' holds labels up to {images.ClassCount - 1}, but the model has {classes} classes (0 .. {classes - 1}): these are not its labels."));
        return images;
    }

    private static void CheckSize(string path, int width, int height, int pixels)
    {
        if ((long)width * height != pixels)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"'{path}' holds images of {width}×{height} pixels, but the model reads {Size(pixels)}."));
    }

    /// <summary>Reads the PNG picture <paramref name="bytes"/> (from <paramref name="path"/>) as one row of
    /// <paramref name="pixels"/> features. Its size is read from its header before any pixel is decoded (at most <see cref="MaxPictureSide"/> a
    /// side), and a picture whose data ends early is refused, not decoded in part.</summary>
    public static double[] LoadPng(string path, byte[] bytes, int pixels)
    {
        // The header: the signature, then the IHDR chunk (length 13, "IHDR", width and height as big-endian numbers).
        if (bytes.Length < 24 || BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8)) != 13 || !bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8))
            throw new UsageException($"'{Shown.Text(path)}' starts as a PNG file but has no complete header: it is truncated or corrupt.");
        uint width = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16)), height = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20));
        if (width is 0 or > MaxPictureSide || height is 0 or > MaxPictureSide)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"'{Shown.Text(path)}' says it is {width}×{height} pixels; pictures of 1 to {MaxPictureSide} pixels a side are read, and the model reads {Size(pixels)}."));
        if ((long)width * height != pixels || (Side(pixels) is int side && width != side))
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"'{Shown.Text(path)}' is {width}×{height} pixels, but the model reads {Size(pixels)}: resize the picture first."));

        using SKBitmap bitmap = Decode(path, bytes);
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

    /// <summary>The whole file, refused past <see cref="MaxPngBytes"/> before it is read (a pipe: as it is read).</summary>
    private static byte[] ReadWhole(string path)
    {
        UsageException TooLong() => new(string.Create(CultureInfo.InvariantCulture,
            $"'{Shown.Text(path)}' is longer than {MaxPngBytes:N0} bytes, more than a PNG picture of {MaxPictureSide}×{MaxPictureSide} pixels needs."));
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            if (file.CanSeek && file.Length > MaxPngBytes) throw TooLong();
            using var bytes = new MemoryStream();
            var buffer = new byte[1 << 16];
            int read;
            while ((read = file.Read(buffer)) > 0)
            {
                if (bytes.Length + read > MaxPngBytes) throw TooLong();
                bytes.Write(buffer, 0, read);
            }
            return bytes.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read '{Shown.Text(path)}': {e.Message}", e);
        }
    }

    /// <summary>Decodes every pixel, as <see cref="SKBitmap.Decode(SKCodec)"/> does, except that data that ends early
    /// is an error (Skia would fill the rest of the picture and call it decoded).</summary>
    private static SKBitmap Decode(string path, byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using SKCodec? codec = SKCodec.Create(data);
        if (codec is null)
            throw new UsageException($"'{Shown.Text(path)}' starts as a PNG file but cannot be decoded: it is truncated or corrupt.");
        SKImageInfo info = codec.Info;
        if (info.AlphaType == SKAlphaType.Unpremul) info.AlphaType = SKAlphaType.Premul;
        var bitmap = new SKBitmap(info);
        SKCodecResult result = codec.GetPixels(info, bitmap.GetPixels());
        if (result == SKCodecResult.Success) return bitmap;
        bitmap.Dispose();
        throw new UsageException(result == SKCodecResult.IncompleteInput
            ? $"'{Shown.Text(path)}' is a PNG file whose picture data ends early: it is truncated."
            : $"'{Shown.Text(path)}' starts as a PNG file but cannot be decoded ({result}): it is corrupt.");
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
