using System.Globalization;
using System.Text.RegularExpressions;
using Michigrad.Cli.Running;
using Michigrad.Serialization;

namespace Michigrad.Cli.Tests;

public class TrainingTrustTests(TrainedModelFixture trained) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void DivergingRun_ExitsWithCode3AndKeepsTheLastFiniteModelAndThePlots()
    {
        using var folder = new TempFolder();
        string outFolder = folder.File("out");

        CliRun run = CliRun.Of("train", "--lr", "50", "--out", outFolder);

        Assert.True(run.ExitCode == 3, $"exit {run.ExitCode}; {run.Error}");
        Assert.Matches(@"^error: training diverged at step \d+ of 100: .* The last finite loss was \S+ at step \d+;", run.Error);
        Assert.Contains("Try a lower --lr (this run used 50; say 5)", run.Error);
        SavedModel saved = ModelFile.LoadWithMetadata(Path.Combine(outFolder, "model.json"));
        Assert.All(saved.Model.Parameters(), p => Assert.True(double.IsFinite(p.Data)));
        Assert.True(File.Exists(Path.Combine(outFolder, "loss.png")));
        Assert.True(File.Exists(Path.Combine(outFolder, "decision-boundary.png")));
        // No 130-digit numbers; the temporary folder's name (a GUID, which may hold a dozen digits in a row) is left out.
        Assert.DoesNotMatch(@"\d{12}", Regex.Replace(run.Output + run.Error, "michigrad-cli-[0-9a-f]{32}", ""));
    }

    [Fact]
    public void DivergingRun_SavesTheModelWhoseLossWasTheLastFiniteOne()
    {
        using var folder = new TempFolder();
        string outFolder = folder.File("out");

        CliRun run = CliRun.Of("train", "--lr", "50", "--l2", "0", "--out", outFolder);

        Match said = Regex.Match(run.Error, @"The last finite loss was (\S+) at step");
        Assert.True(said.Success, run.Error);
        SavedModel saved = ModelFile.LoadWithMetadata(Path.Combine(outFolder, "model.json"));
        var trainer = new Michigrad.Training.Trainer(saved.Model, Michigrad.Training.Objective.Hinge,
            new Michigrad.Optim.Sgd(saved.Model.Parameters(), 0.1));
        double loss = trainer.Evaluate(Michigrad.Data.Datasets.Moons(100, 0.1, 0)).Loss;
        Assert.Equal(said.Groups[1].Value, Numbers.Readable(loss));
    }

    [Fact]
    public void PenaltyThatIsInfiniteFromTheStart_SaysTheRateIsNotTheCause()
    {
        using var folder = new TempFolder();

        CliRun run = CliRun.Of("train", "--l2", "1e308", "--out", folder.File("out"));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("diverged at step 1 of 100: the loss became Infinity. No model file was written.", run.Error);
        Assert.Contains("try a lower --l2 (this run used 1e+308)", run.Error);
        Assert.False(File.Exists(folder.File("out/model.json")));
    }

    [Fact]
    public void HugeRate_DivergesAtTheSecondStepAndKeepsTheFirstModel()
    {
        using var folder = new TempFolder();

        CliRun run = CliRun.Of("train", "--lr", "1e308", "--out", folder.File("out"));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("diverged at step 2 of 100: the loss became NaN. The last finite loss was", run.Error);
        Assert.Contains("(this run used 1e+308; say 1e+307)", run.Error);
        Assert.True(File.Exists(folder.File("out/model.json")));
    }

    [Theory]
    [InlineData(7.1e130, "7.1e+130")]
    [InlineData(-2.5e-7, "-2.5e-7")]
    [InlineData(0.25341, "0.2534")]
    [InlineData(123456.0, "123456.0000")]
    [InlineData(0.0, "0.0000")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NaN, "NaN")]
    public void Numbers_AreReadableAtAnyMagnitude(double value, string expected) =>
        Assert.Equal(expected, Numbers.Readable(value));

    [Fact]
    public void LastProgressLineAndTableDescribeTheSavedModel()
    {
        CliRun run = trained.Run;
        Match line = Regex.Match(run.Output, @"step 100/100  loss (\S+)  accuracy +(\S+)%.*\(the saved model\)");
        Assert.True(line.Success, run.Output);
        Assert.Matches($@"final loss\s*│\s*{Regex.Escape(line.Groups[1].Value)}\s", run.Output);
        Assert.Matches($@"training accuracy\s*│\s*{Regex.Escape(line.Groups[2].Value)}%", run.Output);

        // and they are the saved model's numbers
        SavedModel saved = ModelFile.LoadWithMetadata(trained.ModelPath);
        var trainer = new Michigrad.Training.Trainer(saved.Model, Michigrad.Training.Objective.Hinge,
            new Michigrad.Optim.Sgd(saved.Model.Parameters(), 0.1), l2: 1e-4);
        Assert.Equal(line.Groups[1].Value, Numbers.Readable(trainer.Evaluate(Michigrad.Data.Datasets.Moons(100, 0.1, 0)).Loss));
    }

    [Fact]
    public void RunAtChanceAccuracy_SaysSo()
    {
        using var folder = new TempFolder();
        string csv = folder.Write("flat.csv", "x,y,label\n1,1,a\n1,1,b\n1,1,a\n1,1,b\n");

        CliRun run = CliRun.Of("train", "--dataset", csv, "--target", "label", "--steps", "3", "--out", folder.File("out"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no better than always answering the most common class (50.0%)", run.Error);
    }

    [Fact]
    public void DefaultTrainingDoesNotWarnAboutChance() =>
        Assert.DoesNotContain("warning", trained.Run.Error);

    [Fact]
    public void SquaredError_HasADefaultRateThatTrains()
    {
        using var folder = new TempFolder();
        CliRun run = CliRun.Of("train", "--loss", "mse", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("sgd, lr 0.1", run.Output);
    }

    [Fact]
    public async Task LongRun_CheckpointsByTimeSoCtrlCKeepsAModel()
    {
        using var folder = new TempFolder();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(120));   // a ceiling, never the trigger
        string model = folder.File("out/model.json");
        // Ctrl+C as soon as a checkpoint exists, however slow the machine: with a million steps, the step-based
        // checkpoint (every 100,000) is far away, so only the time-based one can have written it.
        var interrupt = Task.Run(async () =>
        {
            while (!File.Exists(model) && !cancel.IsCancellationRequested) await Task.Delay(20);
            cancel.Cancel();
        });

        CliRun run = CliRun.Of(cancel.Token, "train", "--steps", "1000000", "--checkpoint-every", "0", "--out", folder.File("out"));
        await interrupt;

        Assert.Equal(130, run.ExitCode);
        Assert.Contains("holds the last checkpoint", run.Error);
        Assert.True(File.Exists(folder.File("out/model.json")));
    }

    [Fact]
    public void RunFolder_HoldsOnlyThisRunsFiles()
    {
        using var folder = new TempFolder();
        string outFolder = folder.File("out");
        Assert.Equal(0, CliRun.Of("train", "--steps", "2", "--out", outFolder).ExitCode);
        Assert.True(File.Exists(Path.Combine(outFolder, "decision-boundary.png")));
        var rows = new System.Text.StringBuilder("a,b,c,label\n");
        for (int i = 0; i < 20; i++) rows.Append(CultureInfo.InvariantCulture, $"{i % 3},{i % 5},{i % 7},{i % 2}\n");
        string csv = folder.Write("three.csv", rows.ToString());

        CliRun run = CliRun.Of("train", "--dataset", csv, "--target", "label", "--steps", "2", "--out", outFolder);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.False(File.Exists(Path.Combine(outFolder, "decision-boundary.png")));
        Assert.Contains("Removed", run.Output);
        Assert.Equal(["loss.png", "model.json"], Directory.GetFiles(outFolder).Select(Path.GetFileName).Order());
    }
}
