using System.Buffers.Binary;
using System.IO.Compression;
using Michigrad.TestSupport;

namespace Michigrad.Cli.Tests;

/// <summary>Image training builds graphs of millions of nodes: these tests run on their own, not beside the timed ones.</summary>
[CollectionDefinition(nameof(ImageTraining), DisableParallelization = true)]
public sealed class ImageTraining;

[Collection(nameof(ImageTraining))]
public class ImageDatasetTests
{
    /// <summary>Writes an IDX pair named as Fashion-MNIST's: rows×28 images in which class c lights 2·rows pixels from
    /// pixel 2c·rows (rows 2c and 2c+1 of a 28×28 image), so a small model separates them quickly.</summary>
    internal static void WriteImageSet(TempFolder folder, string prefix, int[] labels, int rows = 28)
    {
        int pixels = rows * 28;
        var images = new byte[16 + labels.Length * pixels];
        BinaryPrimitives.WriteInt32BigEndian(images, 0x00000803);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(4), labels.Length);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(12), 28);
        for (int i = 0; i < labels.Length; i++)
            images.AsSpan(16 + i * pixels + labels[i] * 2 * rows, 2 * rows).Fill(255);
        var labelFile = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(labelFile, 0x00000801);
        BinaryPrimitives.WriteInt32BigEndian(labelFile.AsSpan(4), labels.Length);
        for (int i = 0; i < labels.Length; i++) labelFile[8 + i] = (byte)labels[i];

        WriteGzip(folder.File($"{prefix}-images-idx3-ubyte.gz"), images);
        WriteGzip(folder.File($"{prefix}-labels-idx1-ubyte.gz"), labelFile);
    }

    private static void WriteGzip(string path, byte[] bytes)
    {
        using var zip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        zip.Write(bytes);
    }

    internal static int[] Cycle(int count) => Enumerable.Range(0, count).Select(i => i % 10).ToArray();

    internal static double TestAccuracy(CliRun run)
    {
        var match = System.Text.RegularExpressions.Regex.Match(run.Output, @"test accuracy\s*│\s*(\d+\.\d\d)%");
        Assert.True(match.Success, run.Output);
        return double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Train_OnIdxFilesInADataDir_ReportsAccuracyOnTheHeldOutTestSet()
    {
        using var folder = new TempFolder();
        WriteImageSet(folder, "train", Cycle(60));
        WriteImageSet(folder, "t10k", [.. Cycle(20).Reverse()]);

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", folder.Path, "--optimizer", "adam",
            "--lr", "0.05", "--hidden", "16", "--epochs", "14", "--batch-size", "20", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("fashion-mnist (60 rows, 784 features, 10 classes)", run.Output);
        Assert.Contains("(20 of 20 held-out images)", run.Output);
        Assert.Equal(100.0, TestAccuracy(run));   // the classes are bands of rows: a model that learned gets them all
        Assert.True(File.Exists(folder.File("out/model.json")));
        Assert.Contains("\"Ankle boot\"", File.ReadAllText(folder.File("out/model.json")));   // the class names travel with the model
        Assert.False(File.Exists(folder.File("out/decision-boundary.png")));
    }

    [Fact]
    public void Train_Samples_ReadsTheFirstImagesOfEachSet()
    {
        using var folder = new TempFolder();
        WriteImageSet(folder, "train", Cycle(50));
        WriteImageSet(folder, "t10k", Cycle(30));

        CliRun run = CliRun.Of("train", "--dataset", "MNIST", "--data-dir", folder.Path, "--samples", "25",
            "--steps", "2", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("mnist (25 rows, 784 features, 10 classes)", run.Output);
        Assert.Matches(@"\(\d+ of 25 held-out images\)", run.Output);
    }

    [Fact]
    public void Train_MeasuresALargeTrainingSetOnItsFirst10000Rows_AndSaysSo()
    {
        using var folder = new TempFolder();
        WriteImageSet(folder, "train", Cycle(10_050), rows: 1);   // 1×28 images keep the graphs small
        WriteImageSet(folder, "t10k", Cycle(20), rows: 1);

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", folder.Path, "--hidden", "2",
            "--steps", "1", "--batch-size", "10", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("fashion-mnist (10050 rows, 28 features, 10 classes)", run.Output);
        Assert.Matches(@"training accuracy\s*│\s*\d+\.\d\d% \(first 10000 of 10050 rows\)", run.Output);
    }

    [Fact]
    public void Train_WithoutTheFiles_SaysHowToGetThem()
    {
        using var folder = new TempFolder();

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", folder.File("missing"), "--out", folder.File("out"));

        run.AssertUsageError("Fashion-MNIST's IDX files are missing", "michigrad train");
        Assert.Contains("sudo apt-get install dataset-fashion-mnist", run.Error);
        Assert.Contains(folder.File("missing"), run.Error);
        Assert.False(Directory.Exists(folder.File("out")));
    }

    [Fact]
    public void Train_MnistWithoutADataDir_SaysWhichFilesItNeeds()
    {
        CliRun run = CliRun.Of("train", "--dataset", "mnist");

        run.AssertUsageError("--dataset mnist needs --data-dir DIR", "michigrad train");
        Assert.Contains("train-images-idx3-ubyte.gz", run.Error);
    }

    [Fact]
    public void Train_ACorruptIdxFile_IsAUsageErrorNamingIt()
    {
        using var folder = new TempFolder();
        WriteImageSet(folder, "train", Cycle(10));
        WriteImageSet(folder, "t10k", Cycle(10));
        string labels = folder.Write("t10k-labels-idx1-ubyte.gz", "<html>not found</html>");

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", folder.Path, "--steps", "1", "--out", folder.File("out"));

        run.AssertUsageError(labels, "michigrad train");
        Assert.Contains("magic number of labels", run.Error);
    }

    [Fact]
    public void Train_OptionsThatDoNotApplyToImages_AreWarnedAbout()
    {
        using var folder = new TempFolder();
        WriteImageSet(folder, "train", Cycle(10));
        WriteImageSet(folder, "t10k", Cycle(10));

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", folder.Path, "--noise", "0.3",
            "--steps", "1", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("warning: --noise does not apply to fashion-mnist", run.Error);
    }

    [FactNeeding(ExternalTool.FashionMnist)]
    public void Train_OnASliceOfDebiansFashionMnist_LearnsBetterThanChance()
    {
        using var folder = new TempFolder();

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--samples", "300", "--epochs", "3",
            "--seed", "1", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("fashion-mnist (300 rows, 784 features, 10 classes)", run.Output);
        Assert.Matches(@"\(\d+ of 300 held-out images\)", run.Output);
        Assert.InRange(TestAccuracy(run), 25.0, 100.0);   // ten classes: chance is about 10%
    }
}
