using System.Diagnostics;

namespace Michigrad.Cli.Tests;

public class SmallerFixesTests(TrainedModelFixture trained) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void Graph_OfATrainedModel_LabelsParametersInputsAndOutput()
    {
        string dot = trained.Folder.File("labelled.dot");

        CliRun run = CliRun.Of("graph", "--model", trained.ModelPath, "--x", "1,2", "--out", dot);

        Assert.True(run.ExitCode == 0, run.Error);
        string text = File.ReadAllText(dot);
        Assert.Contains("{ layers.0.neurons.0.w[0] |", text);
        Assert.Contains("{ layers.2.neurons.0.b |", text);
        Assert.Contains("{ x | data 1.0000", text);    // the moons' feature names
        Assert.Contains("{ y | data 2.0000", text);
        Assert.Contains("{ output |", text);
    }

    [Fact]
    public void Graph_PictureTooLargeToRead_IsRefusedWithAdvice() =>
        CliRun.Of("graph", "--model", trained.ModelPath, "--x", "1,2", "--out", trained.Folder.File("huge.svg"))
            .AssertUsageError("a picture that large is unreadable. Write --out graph.html to pan, zoom and click through it", "michigrad graph");

    [Fact]
    public void Predict_CsvNamesTheScoreColumnAsTheTableDoes()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, CliRun.Of("train", "--dataset", "spiral", "--steps", "2", "--out", folder.File("out")).ExitCode);
        string model = folder.File("out/model.json");
        string csv = folder.File("p.csv");

        CliRun printed = CliRun.Of("predict", "--model", model, "--x", "0.1,0.2");
        CliRun.Of("predict", "--model", model, "--x", "0.1,0.2", "--output", csv);

        Assert.Contains("probability", printed.Output);
        Assert.EndsWith(",class,probability", File.ReadLines(csv).First());
    }

    [Fact]
    public void Help_ShowsListDefaultsAsTheyAreTyped()
    {
        CliRun run = CliRun.Of("train", "--help");

        Assert.DoesNotContain("16|16", run.Output);
        Assert.Matches(@"\[default:\s+16,16;\s+128\s+for\s+fashion-mnist", run.Output);
    }

    [Fact]
    public void Help_GivesEachOptionsDefaultOnce_WithTheImageSetsOwn()
    {
        CliRun run = CliRun.Of("train", "--help");

        // A second "[default: ...]" after a description that gives the defaults contradicts it for the image sets.
        Assert.DoesNotMatch(@"\]\.?\s+\[default:", run.Output);
        Assert.Matches(@"\[default:\s+sgd;\s+adam\s+for\s+fashion-mnist\s+and\s+mnist\]", run.Output);
        Assert.Matches(@"\[default:\s+all\s+of\s+them\]", run.Output);
        Assert.Matches(@"\[default:\s+no\s+cap\]", run.Output);
    }

    [Fact]
    public void Bench_SaysWhenItTimesADebugBuild()
    {
        CliRun run = CliRun.Of("bench", "--steps", "1", "--warmup", "0");

        Assert.True(run.ExitCode == 0, run.Error);
#if DEBUG
        Assert.Contains("is a Debug build, whose timings are several times slower", run.Error);
        Assert.Contains("dotnet run -c Release --project src/Michigrad.Cli -- bench", run.Error);
#else
        Assert.DoesNotContain("Debug build", run.Error);
#endif
    }

    [Fact]
    public async Task RedirectedOutput_IsNotWrappedAt80Columns()
    {
        using var folder = new TempFolder();
        string csv = folder.Write("a-data-file-with-a-rather-long-name-so-that-the-first-line-passes-eighty-columns.csv",
            "x,y,label\n0,0,a\n1,1,b\n0,1,a\n1,0,b\n");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "Michigrad.Cli.dll"), "train", "--dataset", csv,
                     "--target", "label", "--steps", "1", "--out", folder.File("out") })
            start.ArgumentList.Add(arg);

        using Process process = Process.Start(start)!;
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        string first = output.Split('\n')[0];
        Assert.StartsWith("Training MLP(2, [16, 16, 1])", first);
        Assert.EndsWith("4 rows, 2 classes.", first.TrimEnd());
        Assert.True(first.Length > 80);
    }
}
