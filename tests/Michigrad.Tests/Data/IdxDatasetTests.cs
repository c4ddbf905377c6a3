using Michigrad.Data;

namespace Michigrad.Tests.Data;

public class IdxDatasetTests
{
    // Three 2×3 images: image i's pixel j is 10·i + j, except image 2, which holds the extremes 0 and 255.
    private static readonly byte[] s_pixels = [0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15, 255, 0, 255, 0, 128, 51];
    private static readonly byte[] s_labels = [2, 0, 1];

    private static (string Images, string Labels) WriteSample(TempIdxFolder folder, bool gzip, string suffix = "")
    {
        string images = folder.Write("images" + suffix, TempIdxFolder.Images(3, 2, 3, s_pixels), gzip);
        string labels = folder.Write("labels" + suffix, TempIdxFolder.Labels(3, s_labels), gzip);
        return (images, labels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_ReadsImagesRowMajor_ScalingEachByteBy255(bool gzip)
    {
        using var folder = new TempIdxFolder();
        (string images, string labels) = WriteSample(folder, gzip);

        Dataset data = IdxDataset.Load(images, labels, ["a", "b", "c", "d"]);

        Assert.Equal(3, data.Count);
        Assert.Equal(6, data.FeatureCount);
        Assert.Equal(4, data.ClassCount);                      // from the class names, though no row is "d"
        Assert.Equal(["a", "b", "c", "d"], data.ClassNames);
        Assert.Equal([2, 0, 1], data.Labels);
        Assert.Equal([10 / 255.0, 11 / 255.0, 12 / 255.0, 13 / 255.0, 14 / 255.0, 15 / 255.0], data.Features[1]);
        Assert.Equal([1.0, 0.0, 1.0, 0.0, 128 / 255.0, 0.2], data.Features[2]);
    }

    [Fact]
    public void Load_RecognisesGzipByItsContent_NotItsName()
    {
        using var folder = new TempIdxFolder();
        (string zippedImages, string zippedLabels) = WriteSample(folder, gzip: true, suffix: ".idx");   // no .gz
        (string plainImages, string plainLabels) = WriteSample(folder, gzip: false, suffix: ".gz");     // not gzip

        Dataset zipped = IdxDataset.Load(zippedImages, zippedLabels);
        Dataset plain = IdxDataset.Load(plainImages, plainLabels);

        Assert.Equal(plain.Features, zipped.Features);
        Assert.Equal(plain.Labels, zipped.Labels);
        Assert.Equal(3, plain.ClassCount);                      // no names: the largest label plus one
        Assert.Null(plain.ClassNames);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(1000, 3)]   // a limit above the count reads every image
    public void Load_WithALimit_ReadsTheFirstImages(int limit, int expected)
    {
        using var folder = new TempIdxFolder();
        (string images, string labels) = WriteSample(folder, gzip: true);

        Dataset data = IdxDataset.Load(images, labels, limit: limit);

        Assert.Equal(expected, data.Count);
        Assert.Equal(s_labels[..expected].Select(b => (int)b), data.Labels);
        Assert.Equal(s_pixels[..6].Select(b => b / 255.0), data.Features[0]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_WithALimit_DecodesNothingPastTheSlice(bool gzip)
    {
        // The headers promise three images, but the files stop after the first: a slice of one is still readable.
        using var folder = new TempIdxFolder();
        string images = folder.Write("images", TempIdxFolder.Images(3, 2, 3, s_pixels[..6]), gzip);
        string labels = folder.Write("labels", TempIdxFolder.Labels(3, s_labels[..1]), gzip);

        Dataset data = IdxDataset.Load(images, labels, limit: 1);

        Assert.Equal(1, data.Count);
        Assert.Equal(2, data.Labels[0]);
        Assert.Throws<IdxFormatException>(() => IdxDataset.Load(images, labels, limit: 2));
    }

    [Fact]
    public void Load_ReadsImagesOfAnySize()
    {
        using var folder = new TempIdxFolder();
        byte[] pixels = Enumerable.Range(0, 2 * 5 * 4).Select(i => (byte)i).ToArray();
        string images = folder.Write("images", TempIdxFolder.Images(2, 5, 4, pixels));
        string labels = folder.Write("labels", TempIdxFolder.Labels(2, [1, 1]));

        Dataset data = IdxDataset.Load(images, labels);

        Assert.Equal(20, data.FeatureCount);
        Assert.Equal(39 / 255.0, data.Features[1][19]);
    }

    [Fact]
    public void Load_AMissingFile_IsFileNotFoundNamingIt()
    {
        using var folder = new TempIdxFolder();
        (string images, _) = WriteSample(folder, gzip: false);
        string missing = Path.Combine(folder.Path, "no-labels");

        var e = Assert.Throws<FileNotFoundException>(() => IdxDataset.Load(images, missing));

        Assert.Equal(missing, e.FileName);
        Assert.Contains(missing, e.Message);
    }

    [Theory]
    [InlineData(0x00000801, "00 00 08 01", "swapped")]         // a labels file where the images belong
    [InlineData(0x00000D03, "00 00 0d 03", "not of unsigned bytes")]   // an IDX file of floats
    [InlineData(0x3C68746D, "3c 68 74 6d", "")]                // "<htm": an error page saved as the file
    [InlineData(0x00000000, "00 00 00 00", "")]                // zeros, not an IDX type
    public void Load_AWrongMagicNumber_NamesTheFileAndWhatItFound(int magic, string found, string hint)
    {
        using var folder = new TempIdxFolder();
        string images = folder.Write("images", TempIdxFolder.Images(3, 2, 3, s_pixels, magic));
        string labels = folder.Write("labels", TempIdxFolder.Labels(3, s_labels));

        var e = Assert.Throws<IdxFormatException>(() => IdxDataset.Load(images, labels));

        Assert.Equal(images, e.Path);
        Assert.StartsWith(images + ": ", e.Message);
        Assert.Contains("magic number of images (00 00 08 03)", e.Message);
        Assert.Contains("but with " + found, e.Message);
        Assert.Contains(hint, e.Message);
        if (hint.Length == 0) Assert.DoesNotContain("(", e.Message.Split("but with")[1]);
    }

    [Fact]
    public void Load_ALabelsFileWithTheWrongMagic_IsNamed()
    {
        using var folder = new TempIdxFolder();
        string images = folder.Write("images", TempIdxFolder.Images(3, 2, 3, s_pixels));
        string labels = folder.Write("labels", TempIdxFolder.Labels(3, s_labels, magic: 0x00000803));

        var e = Assert.Throws<IdxFormatException>(() => IdxDataset.Load(images, labels));

        Assert.Equal(labels, e.Path);
        Assert.Contains("magic number of labels (00 00 08 01) but with 00 00 08 03", e.Message);
    }

    [Fact]
    public void Load_DifferentImageAndLabelCounts_NameBothFiles()
    {
        using var folder = new TempIdxFolder();
        string images = folder.Write("images", TempIdxFolder.Images(3, 2, 3, s_pixels));
        string labels = folder.Write("labels", TempIdxFolder.Labels(2, s_labels[..2]));

        var e = Assert.Throws<IdxFormatException>(() => IdxDataset.Load(images, labels, limit: 1));

        Assert.Equal(labels, e.Path);
        Assert.Contains("holds 2 labels", e.Message);
        Assert.Contains($"'{images}' holds 3 images", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_ATruncatedImagesFile_SaysSo(bool gzip)
    {
        using var folder = new TempIdxFolder();
        string images = folder.Write("images", TempIdxFolder.Images(3, 2, 3, s_pixels[..^1]), gzip);
        string labels = folder.Write("labels", TempIdxFolder.Labels(3, s_labels), gzip);

        var e = Assert.Throws<IdxFormatException>(() => IdxDataset.Load(images, labels));

        Assert.Equal(images, e.Path);
        Assert.Contains("truncated", e.Message);
        // A plain file is measured before decoding; a gzipped one is caught at the image it ends in.
        Assert.Contains(gzip ? "it ends inside image 2 of 3" : "need 18 bytes after the header, but only 17 remain", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_ATruncatedLabelsFile_SaysSo(bool gzip)
    {
        using var folder = new TempIdxFolder();
        string images = folder.Write("images", TempIdxFolder.Images(3, 2, 3, s_pixels), gzip);
        string labels = folder.Write("labels", TempIdxFolder.Labels(3, s_labels[..2]), gzip);

        var e = Assert.Throws<IdxFormatException>(() => IdxDataset.Load(images, labels));

        Assert.Equal(labels, e.Path);
        Assert.Contains("truncated", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(9)]
    public void Load_AFileThatEndsInItsHeader_IsTruncated(int length)
    {
        using var folder = new TempIdxFolder();
        string images = folder.Write("images", TempIdxFolder.Images(3, 2, 3, s_pixels)[..length]);
        string labels = folder.Write("labels", TempIdxFolder.Labels(3, s_labels));

        var e = Assert.Throws<IdxFormatException>(() => IdxDataset.Load(images, labels));

        Assert.Contains("truncated: it ends inside the header", e.Message);
    }

    [Fact]
    public void Load_CorruptGzip_IsAFormatErrorNamingTheFile()
    {
        using var folder = new TempIdxFolder();
        byte[] zipped = File.ReadAllBytes(folder.Write("good", TempIdxFolder.Images(3, 2, 3, s_pixels), gzip: true));
        for (int i = 10; i < zipped.Length - 8; i++) zipped[i] ^= 0x5A;   // scramble the deflate data, keep the gzip header
        string images = folder.Write("images", zipped);
        string labels = folder.Write("labels", TempIdxFolder.Labels(3, s_labels));

        var e = Assert.Throws<IdxFormatException>(() => IdxDataset.Load(images, labels));

        Assert.Equal(images, e.Path);
    }

    [Theory]
    [InlineData(0u, 3u)]
    [InlineData(2u, 0u)]
    public void Load_AZeroDimension_IsRefused(uint rows, uint columns)
    {
        using var folder = new TempIdxFolder();
        string images = folder.Write("images", TempIdxFolder.Images(3, rows, columns, []));
        string labels = folder.Write("labels", TempIdxFolder.Labels(3, s_labels));

        var e = Assert.Throws<IdxFormatException>(() => IdxDataset.Load(images, labels));

        Assert.Contains("is 0; images need at least one row and one column", e.Message);
    }

    [Fact]
    public void Load_FilesWithNoImages_AreRefused()
    {
        using var folder = new TempIdxFolder();
        string images = folder.Write("images", TempIdxFolder.Images(0, 28, 28, []));
        string labels = folder.Write("labels", TempIdxFolder.Labels(0, []));

        var e = Assert.Throws<IdxFormatException>(() => IdxDataset.Load(images, labels));

        Assert.Contains("holds no images", e.Message);
    }

    [Fact]
    public void Load_ALabelOutsideTheClassNames_NamesItsIndex()
    {
        using var folder = new TempIdxFolder();
        (string images, string labels) = WriteSample(folder, gzip: false);

        var e = Assert.Throws<IdxFormatException>(() => IdxDataset.Load(images, labels, ["a", "b"]));

        Assert.Equal(labels, e.Path);
        Assert.Contains("label 0 is 2, but there are only 2 classes (0 .. 1)", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_AHeaderClaimingBillionsOfImages_IsRefusedBeforeAllocatingThem(bool gzip)
    {
        // 4,000,000,000 images of 28×28 would be 25 TB of doubles; the files hold one.
        using var folder = new TempIdxFolder();
        string images = folder.Write("images", TempIdxFolder.Images(4_000_000_000, 28, 28, new byte[784]), gzip);
        string labels = folder.Write("labels", TempIdxFolder.Labels(4_000_000_000, [7]), gzip);

        var e = Assert.Throws<IdxFormatException>(() => IdxDataset.Load(images, labels));

        Assert.Equal(images, e.Path);
        Assert.Contains($"more than the limit of {IdxDataset.MaxPixels}", e.Message);
        Assert.Equal(7, IdxDataset.Load(images, labels, limit: 1).Labels[0]);   // a slice of it still reads
    }

    [Fact]
    public void Load_GzippedFilesOverstatingTheirCount_AllocateWhatTheyHoldNotWhatTheyClaim()
    {
        // 100,000,000 images of 1×1 are within MaxPixels, so the header passes; the files hold three. Labels were
        // once allocated at the claimed count before a byte was read.
        using var folder = new TempIdxFolder();
        string images = folder.Write("images", TempIdxFolder.Images(100_000_000, 1, 1, [1, 2, 3]), gzip: true);
        string labels = folder.Write("labels", TempIdxFolder.Labels(100_000_000, [0, 1, 0]), gzip: true);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<IdxFormatException>(() => IdxDataset.Load(images, labels));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("truncated", e.Message);
        Assert.True(allocated < 10_000_000, $"{allocated:N0} bytes allocated");
    }

    [Theory]
    [InlineData(false, 0xFFFF_FFFFu, 0xFFFF_FFFFu)]   // 2⁶⁴ − 2³³ + 1 pixels an image: negative as a signed product
    [InlineData(true, 0xFFFF_FFFFu, 0xFFFF_FFFFu)]
    [InlineData(true, 0x8000_0000u, 0x0000_0002u)]   // 2³² pixels an image: 0 as a 32-bit count
    public void Load_DimensionsWhoseProductOverflows_AreRefusedAsOverTheLimit(bool gzip, uint rows, uint columns)
    {
        using var folder = new TempIdxFolder();
        string images = folder.Write("images", TempIdxFolder.Images(3, rows, columns, [1, 2, 3]), gzip);
        string labels = folder.Write("labels", TempIdxFolder.Labels(3, [0, 1, 0]), gzip);

        var load = Assert.Throws<IdxFormatException>(() => IdxDataset.Load(images, labels));
        var read = Assert.Throws<IdxFormatException>(() => IdxDataset.ReadImages(images));

        foreach (IdxFormatException e in new[] { load, read })
        {
            Assert.Equal(images, e.Path);
            Assert.Contains($"of {rows}×{columns} pixels", e.Message);
            Assert.Contains($"more than the limit of {IdxDataset.MaxPixels}", e.Message);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Load_FilesReadFromPipes_ReadAsFilesDo(bool gzip)
    {
        if (OperatingSystem.IsWindows()) return;   // a named pipe (FIFO) is POSIX
        using var folder = new TempIdxFolder();
        byte[] pixels = [0, 51, 102, 153, 204, 255, 0, 0];
        string imagesFile = folder.Write("images-file", TempIdxFolder.Images(2, 2, 2, pixels), gzip);
        string labelsFile = folder.Write("labels-file", TempIdxFolder.Labels(2, [1, 0]), gzip);
        string images = Fifo(folder, "images"), labels = Fifo(folder, "labels");
        // Each FIFO is fed once by a writer that waits for the reader to open it, as `<(cat file)` does.
        Task feeding = Task.WhenAll(Feed(images, imagesFile), Feed(labels, labelsFile));

        ImageSet set = IdxDataset.LoadImages(images, labels);

        await feeding.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, set.Count);
        Assert.Equal([1, 0], set.Labels.ToArray());
        Assert.Equal(pixels, set.Pixels.ToArray());
    }

    private static string Fifo(TempIdxFolder folder, string name)
    {
        string path = System.IO.Path.Combine(folder.Path, name);
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    private static Task Feed(string fifo, string file) => Task.Run(() =>
    {
        using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write);
        writer.Write(File.ReadAllBytes(file));
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_AHeaderOverstatingTheCountWithinTheLimit_IsTruncated(bool gzip)
    {
        // 10 million 1×1 images are within MaxPixels, but the files hold three: the read stops at the real end.
        using var folder = new TempIdxFolder();
        string images = folder.Write("images", TempIdxFolder.Images(10_000_000, 1, 1, [1, 2, 3]), gzip);
        string labels = folder.Write("labels", TempIdxFolder.Labels(10_000_000, [0, 1, 0]), gzip);

        var e = Assert.Throws<IdxFormatException>(() => IdxDataset.Load(images, labels));

        Assert.Contains("truncated", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Load_ALimitBelowOne_IsRefused(int limit)
    {
        using var folder = new TempIdxFolder();
        (string images, string labels) = WriteSample(folder, gzip: false);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => IdxDataset.Load(images, labels, limit: limit));

        Assert.Equal("limit", e.ParamName);
    }

    [Fact]
    public void Load_EmptyClassNames_AreRefused()
    {
        using var folder = new TempIdxFolder();
        (string images, string labels) = WriteSample(folder, gzip: false);

        Assert.Throws<ArgumentException>(() => IdxDataset.Load(images, labels, []));
    }
}
