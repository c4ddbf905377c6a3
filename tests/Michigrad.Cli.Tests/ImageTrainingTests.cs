using System.Text.RegularExpressions;
using Michigrad.Cli.Commands;
using Michigrad.Cli.Running;
using Michigrad.Serialization;
using static Michigrad.Cli.Tests.ImageDatasetTests;

namespace Michigrad.Cli.Tests;

/// <summary>Training by epochs on an image set, with its progress lines, its pictures and its defaults; on small
/// synthetic IDX files (the full Fashion-MNIST run is measured, not tested).</summary>
[Collection(nameof(ImageTraining))]
public class ImageTrainingTests
{
    private static TempFolder ImageFolder(int train = 64, int test = 20, int rows = 28)
    {
        var folder = new TempFolder();
        WriteImageSet(folder, "train", Cycle(train), rows);
        WriteImageSet(folder, "t10k", [.. Cycle(test).Reverse()], rows);
        return folder;
    }

    [Fact]
    public void Epochs_RunThatManyPasses_ScoringTheTestSetAfterEach()
    {
        using TempFolder folder = ImageFolder();

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", folder.Path, "--hidden", "8",
            "--epochs", "3", "--batch-size", "16", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        MatchCollection epochs = Regex.Matches(run.Output, @"epoch (\d)/3  train loss \S+ accuracy \S+%  test loss \S+ accuracy \S+%\s+\d+ images/s");
        Assert.Equal(["1", "2", "3"], epochs.Select(m => m.Groups[1].Value));
        Assert.Contains("3 epochs of 4 batches of 16", run.Output);
        Assert.Matches(@"epochs\s*│\s*3 \(12 batches of 16\)", run.Output);
        Assert.Matches(@"test accuracy\s*│\s*\d+\.\d\d% \(\d+ of 20 held-out images\)", run.Output);
        // The first batch builds and compiles the graph the others replay: it is named apart from the rate.
        Assert.Matches(@"time\s*│\s*\d+\.\d s \(\d+ images/s while training; the first batch \d+\.\d s, as it builds and compiles the graph\)", run.Output);
    }

    [Fact]
    public void Progress_NamesTheEpochTheBatchAndTheImagesPerSecond()
    {
        using TempFolder folder = ImageFolder(train: 200);

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", folder.Path, "--hidden", "4",
            "--epochs", "1", "--batch-size", "10", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        // Twenty batches: a plain line every tenth of the epoch (every 2 batches), the last left to the epoch's line.
        Assert.Equal(9, Regex.Matches(run.Output, @"epoch 1/1  batch \s*\d+/20  loss \S+  accuracy\s+\S+%\s+\d+ images/s").Count);
        Assert.Contains("epoch 1/1  batch  2/20", run.Output);
    }

    [Fact]
    public void Defaults_AreOneHiddenLayerOf128_AdamDecayingToZero_FanInInit_TenEpochs_AndBatchesOf64()
    {
        using TempFolder folder = ImageFolder(train: 70, test: 10, rows: 1);   // 1×28 images: 28 features

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", folder.Path, "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("MLP(28, [128, 10]), ReLU (5002 parameters, fan-in init)", run.Output);
        Assert.Contains("adam, lr 0.004 → 0 linearly", run.Output);
        Assert.Matches(@"epochs\s*│\s*10 \(10 batches of 64\)", run.Output);   // the 6 left over wait for the next epoch
    }

    [Fact]
    public void Help_GivesTheImageDefaults()
    {
        CliRun run = CliRun.Of("train", "--help");
        string help = Regex.Replace(run.Output, @"\s+", " ");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("[default: 10]; the test set is scored after each", help);
        Assert.Contains("64 for fashion-mnist and mnist, fewer for a big model]", help);
        Assert.Contains("adam 0.01, or 0.004 with fashion-mnist and mnist]", help);
        Assert.Contains("on fashion-mnist and mnist both decay linearly to zero over the run", help);
        Assert.Contains("128 for fashion-mnist and mnist]", help);
    }

    [Fact]
    public void DefaultImageBatchSize_Is64_FewerForAModelWhoseStepWouldPassTheLimit_OrForFewerImages()
    {
        long defaultModel = Limits.StepBytesPerRow(784, [128, 10]);
        Assert.Equal(64, TrainCommand.DefaultImageBatchSize(60_000, defaultModel));
        Assert.Equal(10, TrainCommand.DefaultImageBatchSize(10, defaultModel));
        // 100 MB a row: up to 8 rows share lanes 8 numbers wide (a cache line), 800 MB; 9 rows take 3 lines, 2.4 GB.
        Assert.Equal(Limits.LargestBatch(100_000_000), TrainCommand.DefaultImageBatchSize(60_000, 100_000_000));
        Assert.Equal(8, Limits.LargestBatch(100_000_000));
    }

    [Fact]
    public void BatchSize64_WithTheDefaultModelOnFullSizeImages_Trains()
    {
        // The default model on 28×28 images: the old limit on object-graph nodes refused batches above 16.
        using TempFolder folder = ImageFolder(train: 128, test: 10);

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", folder.Path, "--epochs", "1",
            "--batch-size", "64", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("MLP(784, [128, 10])", run.Output);
        Assert.Matches(@"epochs\s*│\s*1 \(2 batches of 64\)", run.Output);
    }

    [Fact]
    public void Init_CanBeMicrogradsOnImagesToo()
    {
        using TempFolder folder = ImageFolder(train: 20, test: 10, rows: 1);

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", folder.Path, "--epochs", "1",
            "--hidden", "4", "--init", "micrograd", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("micrograd init", run.Output);
    }

    [Fact]
    public void Steps_CapTheBatchesOfAnImageRun()
    {
        using TempFolder folder = ImageFolder(train: 100, test: 10, rows: 1);

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", folder.Path, "--epochs", "5",
            "--batch-size", "10", "--steps", "13", "--hidden", "4", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Matches(@"epochs\s*│\s*2 \(13 batches of 10\)", run.Output);
        Assert.Matches(@"2 epochs of 10 batches of 10, stopped\s+by\s+--steps\s+after\s+13\s+batches\.", run.Output);
    }

    [Fact]
    public void GoalNotReached_BecauseOfSteps_SaysSoInsteadOfAskingForMoreEpochs()
    {
        string capped = Commands.TrainCommand.GoalLine(7_720, 10_000, TimeSpan.FromMinutes(0.1), 200, 18_750);
        string full = Commands.TrainCommand.GoalLine(8_720, 10_000, TimeSpan.FromMinutes(2), 18_750, 18_750);
        string reached = Commands.TrainCommand.GoalLine(8_830, 10_000, TimeSpan.FromMinutes(2), 18_750, 18_750);

        Assert.Equal("Goal not reached: 77.20% on Fashion-MNIST's 10,000 test images, below 88% (in 0.1 minutes): " +
            "--steps 200 stopped the run after 200 of its 18750 batches; leave it out to train every epoch.", capped);
        Assert.EndsWith("(in 2.0 minutes): try more --epochs.", full);
        Assert.Equal("Goal reached: 88.30% on Fashion-MNIST's 10,000 test images, at least 88%, in 2.0 minutes.", reached);
    }

    [Fact]
    public void GoalLine_CountsTheImages_SoTheLineAt88PercentIsNeverBlurred()
    {
        string exactly = Commands.TrainCommand.GoalLine(8_800, 10_000, TimeSpan.FromMinutes(1), 1, 1);
        string oneShort = Commands.TrainCommand.GoalLine(8_799, 10_000, TimeSpan.FromMinutes(1), 1, 1);
        string justBelow = Commands.TrainCommand.GoalLine(8_796, 10_000, TimeSpan.FromMinutes(1), 1, 1);

        Assert.StartsWith("Goal reached: 88.00% on", exactly);
        Assert.StartsWith("Goal not reached: 87.99% on", oneShort);
        Assert.StartsWith("Goal not reached: 87.96% on", justBelow);   // not "88.0%, below 88%"
    }

    [Theory]
    [InlineData(8_845, 10_000, "88.45%")]
    [InlineData(10_000, 10_000, "100.00%")]
    [InlineData(0, 10, "0.00%")]
    [InlineData(2, 3, "66.66%")]          // rounded down, never up
    [InlineData(87_999, 100_000, "87.99%")]   // not 88.00%
    [InlineData(0, 0, "0.00%")]
    public void Percent_HasTwoDecimals_ExactOn10000Images_OtherwiseRoundedDown(long part, long whole, string expected) =>
        Assert.Equal(expected, Numbers.Percent(part, whole));

    [Fact]
    public void TestAccuracy_ReadsTheSameInTheLastEpochLineAndTheTable()
    {
        using TempFolder folder = ImageFolder(train: 60, test: 30);

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", folder.Path, "--hidden", "8",
            "--epochs", "2", "--batch-size", "20", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        string epochLine = Regex.Match(run.Output, @"epoch 2/2  train loss \S+ accuracy \S+  test loss \S+ accuracy (\d+\.\d\d%)").Groups[1].Value;
        Match table = Regex.Match(run.Output, @"test accuracy\s*│\s*(\d+\.\d\d%) \((\d+) of 30 held-out images\)");
        Assert.True(table.Success, run.Output);
        Assert.Equal(table.Groups[1].Value, epochLine);
        Assert.Equal(Numbers.Percent(int.Parse(table.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 30), epochLine);
    }

    [Fact]
    public void Pictures_AreTheCurvesTheConfusionMatrixAndAGridOfTestPredictions()
    {
        using TempFolder folder = ImageFolder(train: 60, test: 50);

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", folder.Path, "--hidden", "8",
            "--epochs", "2", "--batch-size", "20", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal((1200, 420), PngHeader.SizeOf(folder.File("out/loss.png")));
        (int width, int height) = PngHeader.SizeOf(folder.File("out/confusion-matrix.png"));
        Assert.True(width > 640 && height > 640, $"{width}×{height}: ten cells of 64 pixels each way, with the names");
        (width, height) = PngHeader.SizeOf(folder.File("out/test-predictions.png"));
        Assert.True(width > 8 * 112 && height > 5 * 112, $"{width}×{height}: 8×5 images of 28×28 drawn 4 times larger");
        Assert.Contains("confusion-matrix.png", run.Output);
        Assert.Contains("test-predictions.png", run.Output);
        Assert.Empty(Directory.GetFiles(folder.File("out"), "*.tmp*"));
    }

    [Fact]
    public void TheModelFile_ReadsBackAsTheTrainedImageModel()
    {
        using TempFolder folder = ImageFolder(train: 30, test: 10, rows: 1);

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", folder.Path, "--hidden", "4",
            "--epochs", "1", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        SavedModel saved = ModelFile.LoadWithMetadata(folder.File("out/model.json"));
        Assert.Equal("fashion-mnist", saved.Metadata!.Dataset);
        Assert.Equal(28, saved.Metadata.FeatureCount);
        Assert.Equal("T-shirt/top", saved.Metadata.ClassNames![0]);
        Assert.Equal(28, saved.Model.InputSize);
    }

    [Fact]
    public async Task CtrlC_SavesTheModelAfterTheLastCompleteBatch()
    {
        using TempFolder folder = ImageFolder(train: 100, test: 10, rows: 1);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(120));   // a ceiling, never the trigger
        string model = folder.File("out/model.json");
        // Ctrl+C once a checkpoint exists (--checkpoint-every 0 writes one after the first batch).
        var interrupt = Task.Run(async () =>
        {
            while (!File.Exists(model) && !cancel.IsCancellationRequested) await Task.Delay(10);
            cancel.Cancel();
        });

        CliRun run = CliRun.Of(cancel.Token, "train", "--dataset", "fashion-mnist", "--data-dir", folder.Path, "--hidden", "4",
            "--epochs", "1000", "--batch-size", "10", "--checkpoint-every", "0", "--out", folder.File("out"));
        await interrupt;

        Assert.Equal(130, run.ExitCode);
        Assert.Matches(@"Interrupted after \d+ of 10000 batches \(\d+ complete epochs?\); .*model\.json holds the model after the last complete batch\.", run.Error);
        Assert.Equal(28, ModelFile.Load(model).InputSize);   // whole and readable
    }

    [Fact]
    public void Epochs_WithAToyDataset_IsWarnedAbout()
    {
        using var folder = new TempFolder();

        CliRun run = CliRun.Of("train", "--epochs", "3", "--steps", "2", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("warning: --epochs applies to fashion-mnist and mnist", run.Error);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    public void Epochs_OutsideTheirLimits_AreAUsageError(string epochs)
    {
        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--epochs", epochs);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--epochs", run.Error);
    }

    [Fact]
    public void ABinaryLoss_OnTenClasses_IsAUsageError()
    {
        using TempFolder folder = ImageFolder(train: 20, test: 10, rows: 1);

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", folder.Path, "--loss", "hinge", "--out", folder.File("out"));

        run.AssertUsageError("--loss hinge is for two classes; fashion-mnist has 10", "michigrad train");
    }

    [Fact]
    public void ADivergingRun_StopsWithExitCode3_KeepingTheModelBeforeTheBlowUp()
    {
        using TempFolder folder = ImageFolder(train: 40, test: 10);

        CliRun run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data-dir", folder.Path, "--hidden", "8",
            "--optimizer", "sgd", "--lr", "1e9", "--epochs", "5", "--batch-size", "10", "--out", folder.File("out"));

        Assert.Equal(3, run.ExitCode);
        Assert.Matches(@"error: training diverged at batch \d+: the loss (became|reached)", run.Error);
        Assert.Contains("Try a lower --lr", run.Error);
        Assert.Equal(784, ModelFile.Load(folder.File("out/model.json")).InputSize);
    }
}
