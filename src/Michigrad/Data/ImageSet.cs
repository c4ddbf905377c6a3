using System.Globalization;

namespace Michigrad.Data;

/// <summary>
/// Labelled grey images kept as one byte per pixel: a compact training set (Fashion-MNIST's 60,000 images take 47 MB,
/// not the 376 MB of a <see cref="Dataset"/> of doubles) that hands out <see cref="Dataset"/> batches on demand.
/// </summary>
/// <remarks>
/// <para>Pixel <c>(r, c)</c> of image <c>i</c> is byte <c>i·Width·Height + r·Width + c</c> of <see cref="Pixels"/>;
/// as a feature it becomes <c>byte / 255</c>, in <c>[0, 1]</c>, exactly as <see cref="IdxDataset.Load"/> scales it.</para>
/// <para>Read one with <see cref="IdxDataset.LoadImages"/>, <see cref="Datasets.FashionMnistImages"/> or
/// <see cref="Datasets.MnistImages"/>.</para>
/// <example>
/// <code>
/// ImageSet train = Datasets.FashionMnistImages(train: true);
/// var sampler = new BatchSampler(train.Count, batchSize: 64, seed: 0);
/// foreach (int[] rows in sampler.Epoch(0)) trainer.Step(train.Batch(rows));
/// </code>
/// </example>
/// </remarks>
public sealed class ImageSet
{
    private readonly byte[] _pixels;
    private readonly int[] _labels;
    private readonly string[]? _classNames;

    /// <summary>Creates an image set from its pixels, one byte each, and a label per image.</summary>
    /// <param name="pixels">The images one after another, each row-major; copied. Its length must be a multiple of
    /// <c>width·height</c>.</param>
    /// <param name="width">Columns per image, at least 1.</param>
    /// <param name="height">Rows per image, at least 1.</param>
    /// <param name="labels">The class of each image; copied.</param>
    /// <param name="classCount">The number of classes; <c>null</c> means the number of <paramref name="classNames"/>
    /// if given, otherwise the largest label plus one.</param>
    /// <param name="classNames">Optional names of the classes, one per class index.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pixels"/> or <paramref name="labels"/> is <c>null</c>.</exception>
    /// <exception cref="ArgumentException">There are no images, the pixel count is not one image per label, or the
    /// class names do not match the class count.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or a label is negative or not below the class count.</exception>
    public ImageSet(byte[] pixels, int width, int height, int[] labels, int? classCount = null, IReadOnlyList<string>? classNames = null)
        : this((int[])(labels ?? throw new ArgumentNullException(nameof(labels))).Clone(),
            (byte[])(pixels ?? throw new ArgumentNullException(nameof(pixels))).Clone(), width, height, classCount, classNames)
    {
    }

    /// <summary>As the public constructor, keeping the arrays it is given (a loader that built them fresh).</summary>
    internal ImageSet(int[] labels, byte[] pixels, int width, int height, int? classCount, IReadOnlyList<string>? classNames)
    {
        Guard.Positive(width, nameof(width));
        Guard.Positive(height, nameof(height));
        if (labels.Length == 0)
            throw new ArgumentException("An image set needs at least one image, but labels is empty.", nameof(labels));
        long expected = (long)labels.Length * width * height;
        if (pixels.LongLength != expected)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{labels.Length} images of {width}×{height} need {expected} pixels, but pixels has {pixels.LongLength}."), nameof(pixels));
        if (classNames is not null && classCount is not null && classNames.Count != classCount)
            throw new ArgumentException($"classNames has {classNames.Count} names but classCount is {classCount}.", nameof(classNames));
        int classes = classCount ?? classNames?.Count ?? labels.Max() + 1;
        if (classes < 1)
            throw new ArgumentOutOfRangeException(nameof(classCount), classes, "classCount must be at least 1.");
        for (int i = 0; i < labels.Length; i++)
            if ((uint)labels[i] >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i],
                    $"labels[{i}] is {labels[i]}, but the classes are 0 .. {classes - 1}.");
        _pixels = pixels;
        _labels = labels;
        _classNames = classNames?.ToArray();
        Width = width;
        Height = height;
        ClassCount = classes;
    }

    /// <summary>The number of images.</summary>
    public int Count => _labels.Length;

    /// <summary>Columns per image.</summary>
    public int Width { get; }

    /// <summary>Rows per image.</summary>
    public int Height { get; }

    /// <summary>Pixels per image, the feature count of its batches: <c>Width·Height</c>.</summary>
    public int PixelCount => Width * Height;

    /// <summary>The number of classes; every label is below it.</summary>
    public int ClassCount { get; }

    /// <summary>The name of each class index, or <c>null</c> if none were given.</summary>
    public IReadOnlyList<string>? ClassNames => _classNames;

    /// <summary>The class of each image. Read-only.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>Every pixel, image after image, one byte (0 black .. 255 white) each. Read-only.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>The pixels of image <paramref name="index"/>, row-major.</summary>
    /// <param name="index">The image, in <c>0 .. Count-1</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the images.</exception>
    public ReadOnlySpan<byte> Image(int index)
    {
        CheckIndex(index, nameof(index));
        return _pixels.AsSpan(index * PixelCount, PixelCount);
    }

    /// <summary>The given images as a <see cref="Dataset"/>: one row of <see cref="PixelCount"/> features in
    /// <c>[0, 1]</c> per image, in the given order, with this set's class count and names.</summary>
    /// <param name="indices">Image indices in <c>0 .. Count-1</c>; repeats are allowed. At least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="indices"/> is <c>null</c>.</exception>
    /// <exception cref="ArgumentException"><paramref name="indices"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the images.</exception>
    public Dataset Batch(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Count == 0)
            throw new ArgumentException("A batch needs at least one image index.", nameof(indices));
        var rows = new double[indices.Count][];
        var labels = new int[indices.Count];
        for (int k = 0; k < rows.Length; k++)
        {
            int i = indices[k];
            CheckIndex(i, nameof(indices));
            rows[k] = Scale(_pixels.AsSpan(i * PixelCount, PixelCount));
            labels[k] = _labels[i];
        }
        return new Dataset(rows, labels, ClassCount, featureNames: null, _classNames, copyRows: false);
    }

    /// <summary>Every image as a <see cref="Dataset"/> of doubles (eight times the memory of this set).</summary>
    public Dataset ToDataset() => Batch(Enumerable.Range(0, Count).ToArray());

    /// <summary>Pixels as features: each <c>byte / 255</c>, in <c>[0, 1]</c>.</summary>
    /// <param name="pixels">Grey levels, 0 black .. 255 white.</param>
    /// <returns>A new array, one feature per pixel.</returns>
    public static double[] Scale(ReadOnlySpan<byte> pixels)
    {
        var row = new double[pixels.Length];
        for (int j = 0; j < row.Length; j++) row[j] = pixels[j] / 255.0;
        return row;
    }

    /// <summary>A short description, such as <c>ImageSet(60000 images of 28×28, 10 classes)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"ImageSet({Count} images of {Width}×{Height}, {ClassCount} classes)");

    private void CheckIndex(int index, string name)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(name, index, $"Image index {index} is outside 0 .. {Count - 1}.");
    }
}
