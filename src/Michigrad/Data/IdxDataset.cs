using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace Michigrad.Data;

/// <summary>Reads a <see cref="Dataset"/> of images from a pair of IDX files, the format of MNIST and Fashion-MNIST:
/// one file of images, one of labels.</summary>
/// <remarks>
/// <para>An IDX file is a big-endian header followed by raw bytes. The images file starts with the magic number
/// <c>00 00 08 03</c> (unsigned bytes, three dimensions), then the image count, the rows and the columns; the labels
/// file starts with <c>00 00 08 01</c> (unsigned bytes, one dimension), then the label count. Either file may be
/// gzipped (as the published <c>.gz</c> files are): gzip is recognised by its first bytes, not by the file name.</para>
/// <para>Each image becomes one row of <c>rows·columns</c> features in row-major order (pixel <c>(r, c)</c> is feature
/// <c>r·columns + c</c>), every byte scaled to <c>[0, 1]</c> as <c>byte / 255</c>. Images of any size are read;
/// MNIST's and Fashion-MNIST's are 28×28, so 784 features.</para>
/// <para>A header is not trusted: the rows are allocated as their bytes are read, a plain file must be as long as its
/// header says before anything is decoded, and one load holds at most <see cref="MaxPixels"/> pixels (pass a limit
/// to read a slice of a larger file). Every fault is an <see cref="IdxFormatException"/> naming the file.</para>
/// </remarks>
public static class IdxDataset
{
    /// <summary>The most pixels one load reads: 2²⁷ (134,217,728), 1 GiB as doubles. MNIST's 60,000 training images
    /// of 28×28 are 47,040,000 pixels.</summary>
    public const long MaxPixels = 1L << 27;

    private const int ImagesMagic = 0x00000803;
    private const int LabelsMagic = 0x00000801;

    /// <summary>Loads images and their labels from two IDX files.</summary>
    /// <param name="imagesPath">The images file (<c>…-images-idx3-ubyte</c>, gzipped or not).</param>
    /// <param name="labelsPath">The labels file (<c>…-labels-idx1-ubyte</c>, gzipped or not), one label per image.</param>
    /// <param name="classNames">
    /// The name of each class index; every label must be below its length, which becomes the class count. <c>null</c>
    /// leaves the classes unnamed and the class count the largest label plus one.
    /// </param>
    /// <param name="limit">
    /// Reads only the first <paramref name="limit"/> images and labels (fewer if the files hold fewer), decoding no
    /// more of the files than that; <c>null</c> reads them all.
    /// </param>
    /// <returns>The images as rows of features in <c>[0, 1]</c>, in file order, with their labels.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="imagesPath"/> or <paramref name="labelsPath"/> is <c>null</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="classNames"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="IdxFormatException">
    /// A file is not an IDX file of the right kind (wrong magic number), has a zero dimension, is truncated or is not
    /// valid gzip; the two files hold different numbers of items; a label is not below the class count; or the load
    /// would exceed <see cref="MaxPixels"/>.
    /// </exception>
    public static Dataset Load(string imagesPath, string labelsPath, IReadOnlyList<string>? classNames = null, int? limit = null) =>
        LoadImages(imagesPath, labelsPath, classNames, limit).ToDataset();

    /// <summary>Loads images and their labels from two IDX files as an <see cref="ImageSet"/>: one byte per pixel,
    /// an eighth of the memory of <see cref="Load"/>'s doubles, scaled to <c>[0, 1]</c> a batch at a time.</summary>
    /// <param name="imagesPath">The images file (<c>…-images-idx3-ubyte</c>, gzipped or not).</param>
    /// <param name="labelsPath">The labels file (<c>…-labels-idx1-ubyte</c>, gzipped or not), one label per image.</param>
    /// <param name="classNames">The name of each class index, as for <see cref="Load"/>.</param>
    /// <param name="limit">Reads only the first <paramref name="limit"/> images and labels; <c>null</c> reads them all.</param>
    /// <returns>The images in file order, with their labels.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="imagesPath"/> or <paramref name="labelsPath"/> is <c>null</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="classNames"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="IdxFormatException">As for <see cref="Load"/>.</exception>
    public static ImageSet LoadImages(string imagesPath, string labelsPath, IReadOnlyList<string>? classNames = null, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(imagesPath);
        ArgumentNullException.ThrowIfNull(labelsPath);
        if (limit is < 1)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"limit must be at least 1 (or null for every image), but was {limit}.");
        if (classNames is { Count: 0 })
            throw new ArgumentException("classNames is empty; pass null to leave the classes unnamed.", nameof(classNames));
        RequireFile(imagesPath);
        RequireFile(labelsPath);

        using Stream images = Open(imagesPath);
        using Stream labels = Open(labelsPath);
        uint[] imageDims = ReadHeader(images, imagesPath, ImagesMagic, "images", 3);
        uint[] labelDims = ReadHeader(labels, labelsPath, LabelsMagic, "labels", 1);
        if (imageDims[0] != labelDims[0])
            throw new IdxFormatException(labelsPath,
                $"it holds {labelDims[0]} labels but the images file '{imagesPath}' holds {imageDims[0]} images; there must be one label per image.");
        if (imageDims[0] == 0)
            throw new IdxFormatException(imagesPath, "it holds no images.");

        int count = limit is int l ? (int)Math.Min(l, imageDims[0]) : (int)Math.Min(int.MaxValue, imageDims[0]);
        long pixelsPerImage = CheckPixels(imagesPath, count, imageDims);
        RequireLength(images, imagesPath, count * pixelsPerImage, $"{count} images of {imageDims[1]}×{imageDims[2]} pixels");
        RequireLength(labels, labelsPath, count, $"{count} labels");

        int[] labelValues = ReadLabels(labels, labelsPath, count, classNames?.Count);
        byte[] pixels = ReadImages(images, imagesPath, count, (int)pixelsPerImage);
        return new ImageSet(labelValues, pixels, (int)imageDims[2], (int)imageDims[1], classNames?.Count, classNames);
    }

    /// <summary>Reads the images of one IDX images file, without labels: to classify them with a trained model.</summary>
    /// <param name="imagesPath">The images file (<c>…-images-idx3-ubyte</c>, gzipped or not).</param>
    /// <param name="limit">Reads only the first <paramref name="limit"/> images; <c>null</c> reads them all.</param>
    /// <returns>The pixels, image after image, row-major, one byte each, with the count and the size of each image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="imagesPath"/> is <c>null</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is less than 1.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IdxFormatException">The file is not an IDX file of images, is truncated, holds no image, is
    /// not valid gzip, or the load would exceed <see cref="MaxPixels"/>.</exception>
    public static (byte[] Pixels, int Count, int Width, int Height) ReadImages(string imagesPath, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(imagesPath);
        if (limit is < 1)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"limit must be at least 1 (or null for every image), but was {limit}.");
        RequireFile(imagesPath);
        using Stream images = Open(imagesPath);
        uint[] dims = ReadHeader(images, imagesPath, ImagesMagic, "images", 3);
        if (dims[0] == 0)
            throw new IdxFormatException(imagesPath, "it holds no images.");
        int count = limit is int l ? (int)Math.Min(l, dims[0]) : (int)Math.Min(int.MaxValue, dims[0]);
        long pixelsPerImage = CheckPixels(imagesPath, count, dims);
        RequireLength(images, imagesPath, count * pixelsPerImage, $"{count} images of {dims[1]}×{dims[2]} pixels");
        return (ReadImages(images, imagesPath, count, (int)pixelsPerImage), count, (int)dims[2], (int)dims[1]);
    }

    private static void RequireFile(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"The IDX file '{path}' does not exist.", path);
    }

    /// <summary>The pixels of one image, checked with the count against <see cref="MaxPixels"/> in 64-bit arithmetic
    /// that cannot overflow: each dimension is below 2³², so one image's product fits an unsigned 64-bit number, and
    /// once it is at most <see cref="MaxPixels"/> (2²⁷) the count (below 2³¹) times it fits a signed one.</summary>
    private static long CheckPixels(string path, int count, uint[] dims)
    {
        ulong perImage = (ulong)dims[1] * dims[2];
        if (perImage > MaxPixels || count * (long)perImage > MaxPixels)
            throw new IdxFormatException(path, string.Create(CultureInfo.InvariantCulture,
                $"reading {count} image{(count == 1 ? "" : "s")} of {dims[1]}×{dims[2]} pixels would hold {(UInt128)count * perImage} pixels, " +
                $"more than the limit of {MaxPixels} for one load{(count > 1 ? "; pass a limit to read a slice" : "")}."));
        return (long)perImage;
    }

    /// <summary>The file's bytes, decompressed if it starts with gzip's magic bytes <c>1f 8b</c>. The first bytes are
    /// read once and replayed, never sought back to, so a pipe reads as well as a file.</summary>
    private static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        var start = new byte[2];
        int read = file.ReadAtLeast(start, 2, throwOnEndOfStream: false);
        Stream content;
        if (file.CanSeek)
        {
            file.Position = 0;
            content = file;
        }
        else
        {
            content = new ReplayedStart(start.AsMemory(0, read), file);
        }
        if (read == 2 && start[0] == 0x1f && start[1] == 0x8b)
            return new BufferedStream(new GZipStream(content, CompressionMode.Decompress), 1 << 16);
        return content;
    }

    /// <summary>Checks the magic number and returns the dimensions, the item count first.</summary>
    private static uint[] ReadHeader(Stream stream, string path, int magic, string kind, int dimensions)
    {
        Span<byte> word = stackalloc byte[4];
        ReadExactly(stream, path, word, "the header");
        int found = BinaryPrimitives.ReadInt32BigEndian(word);
        if (found != magic)
        {
            string hint = found switch
            {
                ImagesMagic => " (that is an images file: are the two files swapped?)",
                LabelsMagic => " (that is a labels file: are the two files swapped?)",
                // IDX's other element types: signed bytes, shorts, ints, floats, doubles.
                _ when (found >>> 16) == 0 && ((found >>> 8) & 0xFF) is 0x09 or 0x0B or 0x0C or 0x0D or 0x0E
                    => " (an IDX file, but not of unsigned bytes)",
                _ => "",
            };
            throw new IdxFormatException(path,
                $"it does not start with the IDX magic number of {kind} ({Hex(magic)}) but with {Hex(found)}{hint}.");
        }

        var dims = new uint[dimensions];
        for (int d = 0; d < dimensions; d++)
        {
            ReadExactly(stream, path, word, "the header");
            dims[d] = BinaryPrimitives.ReadUInt32BigEndian(word);
            if (d > 0 && dims[d] == 0)
                throw new IdxFormatException(path, $"dimension {d} of its {kind} is 0; images need at least one row and one column.");
        }
        return dims;
    }

    /// <summary>A plain file must be as long as its header says before anything is decoded; a gzipped one is checked
    /// as it is read.</summary>
    private static void RequireLength(Stream stream, string path, long bytes, string what)
    {
        if (stream is FileStream { CanSeek: true } file && file.Length - file.Position < bytes)
            throw new IdxFormatException(path,
                $"the file is truncated: {what} need {bytes} bytes after the header, but only {file.Length - file.Position} remain.");
    }

    private static int[] ReadLabels(Stream stream, string path, int count, int? classCount)
    {
        byte[] bytes = ReadGrowing(stream, path, count, 1, _ => $"{count} labels");
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = bytes[i];
            if (classCount is int classes && labels[i] >= classes)
                throw new IdxFormatException(path, $"label {i} is {labels[i]}, but there are only {classes} classes (0 .. {classes - 1}).");
        }
        return labels;
    }

    private static byte[] ReadImages(Stream stream, string path, int count, int pixels) =>
        ReadGrowing(stream, path, count, pixels, i => $"image {i} of {count}");

    /// <summary>Reads <paramref name="count"/> items of <paramref name="size"/> bytes into a buffer that grows as bytes
    /// arrive (a plain file's length was checked; a gzipped one's is not known), so a header that overstates the count
    /// costs nothing.</summary>
    private static byte[] ReadGrowing(Stream stream, string path, int count, int size, Func<int, string> item)
    {
        var all = new byte[Math.Min((long)count * size, 1L << 20)];
        long filled = 0;
        int step = size == 1 ? 1 << 16 : 1;   // items per read: an image at a time (an error names it), labels 64 KiB at a time
        for (int i = 0; i < count; i += step)
        {
            int items = Math.Min(step, count - i);
            long bytes = (long)items * size;
            if (filled + bytes > all.LongLength)
                Array.Resize(ref all, (int)Math.Min(Math.Max(all.LongLength * 2, filled + bytes), (long)count * size));
            ReadExactly(stream, path, all.AsSpan((int)filled, (int)bytes), item(i));
            filled += bytes;
        }
        return all;
    }

    private static void ReadExactly(Stream stream, string path, Span<byte> buffer, string what)
    {
        int read;
        try
        {
            read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new IdxFormatException(path, $"the gzip data is corrupt ({e.Message}).", e);
        }
        if (read < buffer.Length)
            throw new IdxFormatException(path, $"the file is truncated: it ends inside {what}.");
    }

    private static string Hex(int value) =>
        $"{(value >>> 24) & 0xFF:x2} {(value >>> 16) & 0xFF:x2} {(value >>> 8) & 0xFF:x2} {value & 0xFF:x2}";
}
