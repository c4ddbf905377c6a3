namespace Michigrad.Cli.Tests;

public class TrainCommandTests(TrainedModelFixture trained) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void Default_ReachesFullAccuracyAndWritesTheThreeFiles()
    {
        CliRun run = trained.Run;

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("step 100/100", run.Output);
        Assert.Matches(@"training accuracy\s*│\s*100\.0%", run.Output);
        Assert.Contains("MLP(2, [16, 16, 1])", run.Output);
        Assert.True(File.Exists(trained.ModelPath));
        Assert.Equal((800, 450), PngHeader.SizeOf(Path.Combine(trained.Out, "loss.png")));
        Assert.Equal((700, 600), PngHeader.SizeOf(Path.Combine(trained.Out, "decision-boundary.png")));
        Assert.Empty(Directory.GetFiles(trained.Out, "*.tmp"));   // no temporary file left behind
    }

    [Fact]
    public void RedirectedOutput_PrintsPlainLinesEveryTenthOfTheRun()
    {
        string[] stepLines = trained.Run.Output.Split('\n').Where(l => l.StartsWith("step ")).ToArray();

        Assert.Equal(10, stepLines.Length);
        Assert.Matches(@"^step  10/100  loss \d+\.\d{4}  accuracy +\d+\.\d%  +\d+\.\d steps/s", stepLines[0]);
        Assert.DoesNotContain("\u001b[", trained.Run.Output);   // no ANSI escape codes
    }

    [Fact]
    public void Blobs_TrainsWithItsDefaults()
    {
        using var folder = new TempFolder();

        CliRun run = CliRun.Of("train", "--dataset", "blobs", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("sgd, lr 0.1 →", run.Output);   // the library's default for blobs, a tenth of micrograd's rate
        Assert.Matches(@"training accuracy\s*│\s*100\.0%", run.Output);
    }

    [Fact]
    public void Csv_TrainsOnNamedClassesWithCrossEntropyAndAdam()
    {
        using var folder = new TempFolder();
        var rows = new System.Text.StringBuilder("a,b,kind\n");
        for (int i = 0; i < 30; i++) rows.Append($"{i % 3},{(i * 7) % 5},{(i % 3 == 0 ? "red" : "blue")}\n");
        string csv = folder.Write("data.csv", rows.ToString());

        CliRun run = CliRun.Of("train", "--dataset", csv, "--target", "kind", "--loss", "ce", "--optimizer", "adam",
            "--hidden", "4", "--steps", "20", "--batch-size", "10", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("data.csv (30 rows, 2 features, 2 classes)", run.Output);
        Assert.True(File.Exists(folder.File("out/model.json")));
        Assert.True(File.Exists(folder.File("out/decision-boundary.png")));
    }

    [Fact]
    public void Cancelled_StopsWithExitCode130AndWritesNoModel()
    {
        using var folder = new TempFolder();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        CliRun run = CliRun.Of(cancelled.Token, "train", "--steps", "5", "--out", folder.File("out"));

        Assert.Equal(130, run.ExitCode);
        Assert.Contains("Interrupted after 0 of 5 steps; no model file was written.", run.Error);
        Assert.False(File.Exists(folder.File("out/model.json")));
    }
}
