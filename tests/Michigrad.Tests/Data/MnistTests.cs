using System.IO.Compression;
using Michigrad.Data;
using Michigrad.TestSupport;

namespace Michigrad.Tests.Data;

public class MnistTests
{
    private static void WriteSet(TempIdxFolder folder, string prefix, byte[] labels, bool gzip)
    {
        var pixels = new byte[labels.Length * 784];
        for (int i = 0; i < labels.Length; i++) pixels[i * 784] = (byte)(100 + i);   // each image's first pixel tells it apart
        string gz = gzip ? ".gz" : "";
        folder.Write($"{prefix}-images-idx3-ubyte{gz}", TempIdxFolder.Images((uint)labels.Length, 28, 28, pixels), gzip);
        folder.Write($"{prefix}-labels-idx1-ubyte{gz}", TempIdxFolder.Labels((uint)labels.Length, labels), gzip);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FashionMnist_ReadsTheTrainingOrTestFilesOfAFolder_GzippedOrNot(bool gzip)
    {
        using var folder = new TempIdxFolder();
        WriteSet(folder, "train", [9, 0, 3], gzip);
        WriteSet(folder, "t10k", [1, 8], gzip);

        Dataset train = Datasets.FashionMnist(train: true, folder.Path);
        Dataset test = Datasets.FashionMnist(train: false, folder.Path);

        Assert.Equal([9, 0, 3], train.Labels);
        Assert.Equal([1, 8], test.Labels);
        Assert.Equal(784, train.FeatureCount);
        Assert.Equal(101 / 255.0, train.Features[1][0]);
        Assert.Equal(10, test.ClassCount);
        Assert.Equal("Ankle boot", train.ClassNames![train.Labels[0]]);
        Assert.Equal("T-shirt/top", train.ClassNames[0]);
    }

    [Fact]
    public void Mnist_NamesItsClassesByDigit_AndHonoursTheLimit()
    {
        using var folder = new TempIdxFolder();
        WriteSet(folder, "train", [5, 0, 4, 1], gzip: true);

        Dataset data = Datasets.Mnist(folder.Path, limit: 2);

        Assert.Equal([5, 0], data.Labels);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], data.ClassNames);
    }

    [Fact]
    public void ClassNames_AreTheTenPublishedOnes()
    {
        Assert.Equal(
            ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
            Datasets.FashionMnistClassNames);
        Assert.Equal(10, Datasets.MnistClassNames.Distinct().Count());
    }

    [Fact]
    public void FashionMnist_AFolderWithoutTheFiles_SaysWhichFileAndHowToGetThem()
    {
        using var folder = new TempIdxFolder();
        WriteSet(folder, "train", [1], gzip: true);   // the training set only

        var e = Assert.Throws<FileNotFoundException>(() => Datasets.FashionMnist(train: false, folder.Path));

        Assert.Contains($"'{folder.Path}' has no file named t10k-images-idx3-ubyte.gz or t10k-images-idx3-ubyte", e.Message);
        Assert.Contains("sudo apt-get install dataset-fashion-mnist", e.Message);
        Assert.Equal(Path.Combine(folder.Path, "t10k-images-idx3-ubyte.gz"), e.FileName);
    }

    [Fact]
    public void Mnist_AMissingFolder_IsNamed()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"michigrad-no-such-{Guid.NewGuid():N}");

        var e = Assert.Throws<FileNotFoundException>(() => Datasets.Mnist(missing));

        Assert.Contains($"MNIST's IDX files are missing: the folder '{missing}' does not exist", e.Message);
    }

    // Debian's dataset-fashion-mnist package: the real files, read in slices.
    private static byte[] RawBytes(string name, int offset, int count)
    {
        using var zip = new GZipStream(File.OpenRead(Path.Combine(Datasets.FashionMnistDirectory, name)), CompressionMode.Decompress);
        var bytes = new byte[offset + count];
        zip.ReadExactly(bytes);
        return bytes[offset..];
    }

    [FactNeeding(ExternalTool.FashionMnist)]
    public void FashionMnist_ReadsASliceOfDebiansTrainingSet()
    {
        Dataset data = Datasets.FashionMnist(limit: 300);

        Assert.Equal(300, data.Count);
        Assert.Equal(784, data.FeatureCount);
        Assert.Equal(10, data.ClassCount);
        Assert.All(data.Features, row => Assert.All(row, x => Assert.InRange(x, 0.0, 1.0)));
        Assert.Contains(data.Features.SelectMany(r => r), x => x == 1.0);   // bytes of 255 scale to exactly 1
        Assert.Contains(data.Features.SelectMany(r => r), x => x == 0.0);
        // Compared with the file's own bytes (labels start after an 8-byte header, images after 16).
        Assert.Equal(RawBytes("train-labels-idx1-ubyte.gz", 8, 300).Select(b => (int)b), data.Labels);
        Assert.Equal(RawBytes("train-images-idx3-ubyte.gz", 16 + 299 * 784, 784).Select(b => b / 255.0), data.Features[299]);
        // Fashion-MNIST's published first training labels (ankle boot, t-shirt, t-shirt, dress, ...).
        Assert.Equal([9, 0, 0, 3, 0, 2, 7, 2, 5, 5], data.Labels[..10]);
    }

    [FactNeeding(ExternalTool.FashionMnist)]
    public void FashionMnist_DebiansTestSetHolds10000Images_1000PerClass()
    {
        Dataset test = Datasets.FashionMnist(train: false);

        Assert.Equal(10_000, test.Count);
        Assert.All(test.CountsPerClass(), count => Assert.Equal(1000, count));
        Assert.Equal([9, 2, 1, 1, 6, 1, 4, 6, 5, 7], test.Labels[..10]);
    }
}
