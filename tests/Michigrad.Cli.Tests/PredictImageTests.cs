using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Michigrad.NN;
using Michigrad.Training;
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
    public void Output_GivesTheObjectGraphsProbabilities()
    {
        using var folder = new TempFolder();
        string csv = folder.File("predictions.csv");
        CliRun run = CliRun.Of("predict", "--model", trained.Model, "--image", trained.TestImages, "--output", csv);
        Assert.True(run.ExitCode == 0, run.Error);

        // Scored on a compiled graph in chunks; each row must be what the model's own graph of that image says.
        Module model = Michigrad.Serialization.ModelFile.Load(trained.Model);
        string[] lines = File.ReadAllLines(csv);
        for (int k = 1; k <= 20; k++)
        {
            var pixels = new double[28 * 28];
            Array.Fill(pixels, 1.0, (k - 1) % 10 * 56, 56);
            double[] logits = [.. model.Forward(pixels).Select(v => v.Data)];
            Prediction expected = Objectives.Decide(Objective.CrossEntropy, logits);
            string[] cells = lines[k].Split(',');
            Assert.Equal(k.ToString(CultureInfo.InvariantCulture), cells[0]);
            Assert.Equal(expected.Score, double.Parse(cells[2], CultureInfo.InvariantCulture), 1e-12);
        }
    }

    [Fact]
    public void TheLabelsBesideTheImages_GiveTheAccuracy()
    {
        CliRun run = CliRun.Of("predict", "--model", trained.Model, "--image", trained.TestImages);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Accuracy 100.00% (20 of 20 images) against the labels in", run.Output);
        Assert.Contains("t10k-labels-idx1-ubyte.gz", run.Output);
    }

    [Fact]
    public void WithoutLabels_NoAccuracyIsClaimed()
    {
        using var folder = new TempFolder();
        WriteImageSet(folder, "some", Cycle(12));
        File.Move(folder.File("some-images-idx3-ubyte.gz"), folder.File("pictures.gz"));

        CliRun run = CliRun.Of("predict", "--model", trained.Model, "--image", folder.File("pictures.gz"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Matches(@"│\s+12 │ Trouser\s+│", run.Output);
        Assert.DoesNotContain("Accuracy", run.Output);
    }

    [Fact]
    public void LabelsGiven_CountTheWrongPredictions()
    {
        using var folder = new TempFolder();
        // The images of Cycle(10) with every label moved one class on: each prediction is now wrong.
        WriteImageSet(folder, "shifted", [.. Cycle(10).Select(c => (c + 1) % 10)]);
        WriteImageSet(folder, "true", Cycle(10));

        CliRun run = CliRun.Of("predict", "--model", trained.Model, "--image", folder.File("true-images-idx3-ubyte.gz"),
            "--labels", folder.File("shifted-labels-idx1-ubyte.gz"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Accuracy 0.00% (0 of 10 images) against the labels in", run.Output);
        Assert.Contains("shifted-labels-idx1-ubyte.gz", run.Output);
    }

    [Fact]
    public void LabelsOfAnotherCount_AreAUsageErrorNamingTheLabelsFile()
    {
        using var folder = new TempFolder();
        WriteImageSet(folder, "few", Cycle(5));

        CliRun run = CliRun.Of("predict", "--model", trained.Model, "--image", trained.TestImages,
            "--labels", folder.File("few-labels-idx1-ubyte.gz"));

        run.AssertUsageError("holds 5 labels", "michigrad predict");
        Assert.Contains("few-labels-idx1-ubyte.gz", run.Error);
    }

    [Fact]
    public void LabelsBeyondTheModelsClasses_AreAUsageError()
    {
        using var folder = new TempFolder();
        WriteImageSet(folder, "wide", [0, 11, 3]);
        File.Delete(folder.File("wide-images-idx3-ubyte.gz"));
        WriteImageSet(folder, "plain", [0, 1, 3]);

        CliRun run = CliRun.Of("predict", "--model", trained.Model, "--image", folder.File("plain-images-idx3-ubyte.gz"),
            "--labels", folder.File("wide-labels-idx1-ubyte.gz"));

        run.AssertUsageError("holds labels up to 11, but the model has 10 classes", "michigrad predict");
    }

    [Fact]
    public void Output_OverTheLabelsBesideTheImages_IsRefused()
    {
        CliRun run = CliRun.Of("predict", "--model", trained.Model, "--image", trained.TestImages, "--output", trained.Labels);

        run.AssertUsageError("is the --labels file: writing it would destroy it", "michigrad predict");
        Assert.True(new FileInfo(trained.Labels).Length > 0);
    }

    [Fact]
    public void LabelsWithAPngOrWithoutImages_AreUsageErrors()
    {
        using var folder = new TempFolder();
        string png = WritePng(folder, "picture.png", 1);

        CliRun withPng = CliRun.Of("predict", "--model", trained.Model, "--image", png, "--labels", trained.Labels);
        CliRun withX = CliRun.Of("predict", "--model", trained.Model, "--x", "1,2", "--labels", trained.Labels);

        withPng.AssertUsageError("--labels goes with an IDX images file", "michigrad predict");
        withX.AssertUsageError("--labels goes with --image FILE.idx", "michigrad predict");
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
