namespace Michigrad.Cli.Tests;

public class FileSafetyTests(TrainedModelFixture trained) : IClassFixture<TrainedModelFixture>
{
    private string CopyOfTheModel(TempFolder folder)
    {
        string copy = folder.File("m.json");
        File.Copy(trained.ModelPath, copy);
        return copy;
    }

    [Fact]
    public void Predict_OutputThatIsTheModel_IsRefusedAndTheModelKept()
    {
        using var folder = new TempFolder();
        string model = CopyOfTheModel(folder);
        string before = File.ReadAllText(model);

        CliRun.Of("predict", "--model", model, "--x", "1,2", "--output", model)
            .AssertUsageError("is the --model file: writing it would destroy it", "michigrad predict");

        Assert.Equal(before, File.ReadAllText(model));
    }

    [Fact]
    public void Predict_OutputThatIsTheInput_IsRefusedEvenThroughALink()
    {
        using var folder = new TempFolder();
        string input = folder.Write("f.csv", "x,y\n1,2\n");
        string link = folder.File("link.csv");
        File.CreateSymbolicLink(link, input);

        CliRun.Of("predict", "--model", trained.ModelPath, "--input", input, "--output", Path.Combine(folder.Path, ".", "f.csv"))
            .AssertUsageError("is the --input file", "michigrad predict");
        CliRun.Of("predict", "--model", trained.ModelPath, "--input", input, "--output", link)
            .AssertUsageError("is the --input file", "michigrad predict");
        Assert.Equal("x,y\n1,2\n", File.ReadAllText(input));
    }

    [Fact]
    public void Graph_Interrupted_Exits130AndLeavesTheOldFile()
    {
        using var folder = new TempFolder();
        string svg = folder.Write("graph.svg", "old");

        CliRun run = CliRun.Of(new CancellationToken(canceled: true), "graph", "--out", svg);

        Assert.Equal(130, run.ExitCode);
        Assert.Equal("old", File.ReadAllText(svg));
        Assert.Equal([svg], Directory.GetFiles(folder.Path));
    }

    [Theory]
    [InlineData("graph", "michigrad graph")]
    [InlineData("predict", "michigrad predict")]
    public void OutputThatIsAFolder_IsOneUsageError(string command, string usage)
    {
        using var folder = new TempFolder();
        string directory = Directory.CreateDirectory(folder.File(command == "graph" ? "X.svg" : "X.csv")).FullName;
        string[] args = command == "graph"
            ? ["graph", "--out", directory]
            : ["predict", "--model", trained.ModelPath, "--x", "1,2", "--output", directory];

        CliRun.Of(args).AssertUsageError($"Cannot write {(command == "graph" ? "--out" : "--output")} '{directory}': it is a folder, not a file.", usage);
    }

    [Fact]
    public void Graph_UnwritableFolder_IsAUsageErrorAsForTrain() =>
        CliRun.Of("graph", "--out", "/proc/michigrad-graph.dot").AssertUsageError("Cannot write --out '/proc/michigrad-graph.dot'", "michigrad graph");

    [Theory]
    [InlineData("michigrad graph", "graph", "--out", "")]
    [InlineData("michigrad train", "train", "--out", "")]
    public void EmptyOut_SaysSo(string usage, params string[] args) =>
        CliRun.Of(args).AssertUsageError("--out is empty", usage);

    [Fact]
    public void FolderGivenAsTheModelFile_SaysItIsAFolder()
    {
        using var folder = new TempFolder();
        CliRun.Of("predict", "--model", folder.Path, "--x", "1,2")
            .AssertUsageError($"The model file '{folder.Path}' is a folder, not a file.", "michigrad predict");
    }

    [Fact]
    public void Predict_InputThatIsNotText_NamesTheProblemNotAnInternalSetting()
    {
        CliRun run = CliRun.Of("predict", "--model", trained.ModelPath, "--input", "/dev/zero");

        run.AssertUsageError("is this a CSV text file?", "michigrad predict");
        Assert.DoesNotContain("MaxBufferSize", run.Error);
    }
}
