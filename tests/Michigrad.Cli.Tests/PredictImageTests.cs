using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.RegularExpressions;
using SkiaSharp;
using static Michigrad.Cli.Tests.ImageDatasetTests;

namespace Michigrad.Cli.Tests;

/// <summary>A small model trained on synthetic 28×28 "fashion-mnist" images, whose class c lights rows 2c and 2c+1.</summary>
public sealed class TrainedImageModelFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public TrainedImageModelFixture()
    {
        WriteImageSet(_folder, "train", Cycle(100));
        WriteImageSet(_folder, "t10k", Cycle(20));
        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", _folder.Path, "--hidden", "16",
            "--epochs", "15", "--batch-size", "10", "--lr", "0.02", "--out", _folder.File("out"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(100.0, TestAccuracy(run));
    }

    public string Model => _folder.File("out/model.json");

    /// <summary>The synthetic test images as an IDX file (gzipped, as published).</summary>
    public string TestImages => _folder.File("t10k-images-idx3-ubyte.gz");

    public string Labels => _folder.File("t10k-labels-idx1-ubyte.gz");

    public void Dispose() => _folder.Dispose();
}

[Collection(nameof(ImageTraining))]
public class PredictImageTests(TrainedImageModelFixture trained) : IClassFixture<TrainedImageModelFixture>
{
    /// <summary>A PNG of the synthetic class <paramref name="label"/>: rows 2c and 2c+1 lit, in the given colour.</summary>
    private static string WritePng(TempFolder folder, string name, int label, int width = 28, int height = 28, SKColor? colour = null)
    {
        using var bitmap = new SKBitmap(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                bitmap.SetPixel(x, y, y / 2 == label ? colour ?? SKColors.White : SKColors.Black);
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        string path = folder.File(name);
        File.WriteAllBytes(path, png.ToArray());
        return path;
    }

    [Fact]
    public void AnIdxImagesFile_GivesEveryImageItsClassNameAndProbability()
    {
        CliRun run = CliRun.Of("predict", "--model", trained.Model, "--image", trained.TestImages);

        Assert.True(run.ExitCode == 0, run.Error);
        // Cycle(20): image k (1-based) is class (k - 1) mod 10; 1 is "T-shirt/top", 10 "Ankle boot".
        Assert.Matches(@"│\s+1 │ T-shirt/top\s+│\s+[01]\.\d{4} │", run.Output);
        Assert.Matches(@"│\s+10 │ Ankle boot\s+│\s+[01]\.\d{4} │", run.Output);
        Assert.Matches(@"│\s+20 │ Ankle boot\s+│", run.Output);
        Assert.Contains("probability", run.Output);
    }

    [Theory]
    [InlineData(1, "Trouser")]
    [InlineData(8, "Bag")]
    public void AGreyPngOf28By28_IsClassified(int label, string expected)
    {
        using var folder = new TempFolder();
        string png = WritePng(folder, "picture.png", label);

        CliRun run = CliRun.Of("predict", "--model", trained.Model, "--image", png);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Matches($@"picture\.png │ {Regex.Escape(expected)}\s+│\s+[01]\.\d{{4}} │", run.Output);
    }

    [Fact]
    public void AColourPng_IsTurnedGreyFirst()
    {
        using var folder = new TempFolder();
        string png = WritePng(folder, "yellow.png", 5, colour: new SKColor(255, 255, 0));   // luminance 0.886

        CliRun run = CliRun.Of("predict", "--model", trained.Model, "--image", png);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Matches(@"yellow\.png │ Sandal", run.Output);
    }

    [Fact]
    public void APngOfAnotherSize_IsAUsageErrorNamingBothSizes()
    {
        using var folder = new TempFolder();
        string png = WritePng(folder, "big.png", 1, width: 32, height: 20);

        CliRun run = CliRun.Of("predict", "--model", trained.Model, "--image", png);

        run.AssertUsageError("is 32×20 pixels, but the model reads 28×28 images", "michigrad predict");
    }

    [Fact]
    public void ACorruptPng_IsAUsageErrorNamingIt()
    {
        using var folder = new TempFolder();
        string png = WritePng(folder, "cut.png", 1);
        File.WriteAllBytes(png, File.ReadAllBytes(png)[..40]);

        CliRun run = CliRun.Of("predict", "--model", trained.Model, "--image", png);

        run.AssertUsageError("cannot be decoded", "michigrad predict");
        Assert.Contains("cut.png", run.Error);
    }

    [Fact]
    public void ALabelsFile_IsAUsageErrorSayingWhatItIs()
    {
        CliRun run = CliRun.Of("predict", "--model", trained.Model, "--image", trained.Labels);

        run.AssertUsageError("that is a labels file", "michigrad predict");
    }

    [Fact]
    public void AFileThatIsNeither_IsAUsageError()
    {
        using var folder = new TempFolder();
        string text = folder.Write("notes.txt", "hello, not a picture");

        CliRun run = CliRun.Of("predict", "--model", trained.Model, "--image", text);

        run.AssertUsageError("notes.txt", "michigrad predict");
        Assert.Contains("IDX images file or a PNG picture", run.Error);
    }

    [Fact]
    public void ImagesOfAnotherSize_InAnIdxFile_AreAUsageError()
    {
        using var folder = new TempFolder();
        WriteImageSet(folder, "small", Cycle(3), rows: 1);

        CliRun run = CliRun.Of("predict", "--model", trained.Model, "--image", folder.File("small-images-idx3-ubyte.gz"));

        run.AssertUsageError("holds images of 28×1 pixels, but the model reads 28×28 images", "michigrad predict");
    }

    [Fact]
    public void Output_WritesEveryImagesPrediction()
    {
        using var folder = new TempFolder();
        string csv = folder.File("predictions.csv");

        CliRun run = CliRun.Of("predict", "--model", trained.Model, "--image", trained.TestImages, "--output", csv);

        Assert.True(run.ExitCode == 0, run.Error);
        string[] lines = File.ReadAllLines(csv);
        Assert.Equal("image,class,probability", lines[0]);
        Assert.Equal(21, lines.Length);
        Assert.StartsWith("3,Pullover,", lines[3]);
    }

    [Fact]
    public void ImageWithX_IsAUsageError()
    {
        CliRun run = CliRun.Of("predict", "--model", trained.Model, "--image", trained.TestImages, "--x", "1,2");

        run.AssertUsageError("Give exactly one of --x X,X,..., --input FILE.csv or --image", "michigrad predict");
    }

    [Fact]
    public void ALargeIdxFile_PrintsTheFirst50_AndSaysHowToGetAll()
    {
        using var folder = new TempFolder();
        WriteImageSet(folder, "many", Cycle(60));

        CliRun run = CliRun.Of("predict", "--model", trained.Model, "--image", folder.File("many-images-idx3-ubyte.gz"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Matches(@"│\s+50 │ Ankle boot", run.Output);
        Assert.DoesNotMatch(@"│\s+51 │", run.Output);
        Assert.Contains("The first 50 of 60 images", run.Output);
        Assert.Contains("--output FILE.csv writes every prediction", run.Output);
    }
}
