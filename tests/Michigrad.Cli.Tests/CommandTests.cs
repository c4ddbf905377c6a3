using Michigrad.TestSupport;
using System.Text.Json;

namespace Michigrad.Cli.Tests;

public class CommandTests(TrainedModelFixture trained) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void Predict_PrintsTheClassAndScoreOfOneInput()
    {
        CliRun run = CliRun.Of("predict", "--model", trained.ModelPath, "--x", "0.5,-0.2");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("class", run.Output);
        Assert.Contains("score", run.Output);
        Assert.Matches(@"0\.5 │ -0\.2 │ [01] +│ +-?\d+\.\d{4}", run.Output);
    }

    [Fact]
    public void Predict_WritesACsvOfPredictions()
    {
        // The training features plus a label column, which predict ignores.
        string input = trained.Folder.Write("points.csv", "x,y,label\n-1,0.5,0\n1.5,-0.5,1\n");
        string output = trained.Folder.File("predictions.csv");

        CliRun run = CliRun.Of("predict", "--model", trained.ModelPath, "--input", input, "--output", output);

        Assert.True(run.ExitCode == 0, run.Error);
        string[] lines = File.ReadAllLines(output);
        Assert.Equal("x,y,class,score", lines[0]);
        Assert.StartsWith("-1,0.5,0,", lines[1]);    // upper-left: the first moon, class 0
        Assert.StartsWith("1.5,-0.5,1,", lines[2]);  // lower-right: the second moon, class 1
    }

    [Fact]
    public void Graph_WritesDotText()
    {
        string path = trained.Folder.File("seed.dot");

        CliRun run = CliRun.Of("graph", "--out", path, "--rankdir", "TB");

        Assert.True(run.ExitCode == 0, run.Error);
        string dot = File.ReadAllText(path);
        Assert.StartsWith("digraph", dot);
        Assert.Contains("rankdir=TB", dot);
        Assert.Contains("tanh", dot);
    }

    [FactNeeding(ExternalTool.Graphviz)]
    public void Graph_DrawsTheSeedExampleAsSvg()
    {
        string path = trained.Folder.File("seed.svg");

        CliRun run = CliRun.Of("graph", "--out", path);   // needs Graphviz, which CI installs

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("<svg", File.ReadAllText(path));
        Assert.Contains("the seed example, 10 nodes", run.Output);
    }

    [Fact]
    public void Graph_DrawsASavedModelForOneInput()
    {
        string path = trained.Folder.File("model.dot");

        CliRun run = CliRun.Of("graph", "--model", trained.ModelPath, "--x", "1,2", "--out", path);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("MLP(2, [16, 16, 1]) for one input", run.Output);
        Assert.StartsWith("digraph", File.ReadAllText(path));
    }

    [Fact]
    public void Graph_WritesTheSeedExampleAsAnHtmlPage()
    {
        string path = trained.Folder.File("seed.html");

        CliRun run = CliRun.Of("graph", "--out", path);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("the seed example, 10 nodes", run.Output);
        string html = File.ReadAllText(path);
        Assert.Contains("<html", html);
        // The labels sit in the page's node data, as JSON, which escapes non-ASCII letters.
        foreach (string label in new[] { "W₀", "x₀", "W₁", "x₁", "W0x0", "W1x1", "ŷ", "tanh(ŷ)", "y", "L" })
            Assert.Contains($"\"label\":\"{JsonEncodedText.Encode(label)}\"", html);
    }

    [Fact]
    public void Bench_ReportsBothPathsAndTheSpeedUp()
    {
        CliRun run = CliRun.Of("bench", "--steps", "2", "--warmup", "0");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("median ms/step", run.Output);   // no timing is asserted
        Assert.Matches(@"│ object graph +│ +\d+\.\d\d │.*│ +1\.00× │ +[\d,]+ │", run.Output);
        Assert.Matches(@"│ compiled +│ +\d+\.\d\d │.*│ +\d+\.\d\d× │ +[\d,]+ │", run.Output);
        Assert.Matches(@"built once, in \d+\.\d ms: [\d,]+ graph nodes → [\d,]+ tape nodes\.", run.Output);
    }

    [Fact]
    public void Bench_BothPathsTakeTheSameSteps()
    {
        CliRun run = CliRun.Of("bench", "--steps", "3", "--warmup", "1");

        Assert.True(run.ExitCode == 0, run.Error);
        // Fresh models from one seed take the same steps, so the compiled tape must end at the object graph's loss.
        Assert.Matches(@"Last loss \d+\.\d{6} on both paths\.", run.Output);
    }

    [Fact]
    public void Bench_TimesTheTrainersStepAsAnAppRunsIt_AndItEndsAtTheSameLoss()
    {
        CliRun run = CliRun.Of("bench", "--steps", "3", "--warmup", "1");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Matches(@"│ Trainer step +│ +\d+\.\d\d │.*│ +\d+\.\d\d× │", run.Output);
        Assert.Matches(@"took a median \d+\.\d µs as this app ran it", run.Output);
        Assert.Matches(@"The Trainer step's last loss is \d+\.\d{6} too\.", run.Output);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("train", "--help")]
    [InlineData("predict", "--help")]
    [InlineData("graph", "--help")]
    [InlineData("bench", "--help")]
    public void Help_IsAvailableOnEveryCommand(params string[] args)
    {
        CliRun run = CliRun.Of(args);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Output);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void Version_PrintsTheVersion()
    {
        CliRun run = CliRun.Of("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("0.1.0", run.Output.Trim());
    }
}
