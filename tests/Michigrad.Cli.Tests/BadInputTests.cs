namespace Michigrad.Cli.Tests;

public class BadInputTests(TrainedModelFixture trained) : IClassFixture<TrainedModelFixture>
{
    [Theory]
    [InlineData("Unrecognized command or argument 'frobnicate'", "michigrad", "frobnicate")]
    [InlineData("Unrecognized command or argument '--bogus'", "michigrad train", "train", "--bogus")]
    [InlineData("--steps must be at least 1, got -1.", "michigrad train", "train", "--steps", "-1")]
    [InlineData("--steps must be a whole number, got 'ten'.", "michigrad train", "train", "--steps", "ten")]
    [InlineData("--lr must be a finite number, got 'nan'.", "michigrad train", "train", "--lr", "nan")]
    [InlineData("--hidden must be a comma-separated list of positive whole numbers such as 16,16; '16,,x' has an empty entry.", "michigrad train", "train", "--hidden", "16,,x")]
    [InlineData("'x'", "michigrad train", "train", "--hidden", "16,x")]
    [InlineData("hinge loss separates two classes, but the data has 3", "michigrad train", "train", "--dataset", "spiral", "--loss", "hinge")]
    [InlineData("'relu6'", "michigrad train", "train", "--activation", "relu6")]
    [InlineData("--target COLUMN is required", "michigrad train", "train", "--dataset", "data.csv")]
    [InlineData("The CSV file 'missing.csv' does not exist.", "michigrad train", "train", "--dataset", "missing.csv", "--target", "y")]
    [InlineData("Give exactly one of --x X,X,..., --input FILE.csv or --image FILE.png|FILE.idx.", "michigrad predict", "predict", "--model", "m.json")]
    [InlineData("Option '--model' is required.", "michigrad predict", "predict", "--x", "1,2")]
    [InlineData("The model file 'missing.json' does not exist.", "michigrad predict", "predict", "--model", "missing.json", "--x", "1,2")]
    [InlineData("--x must be comma-separated finite numbers such as 0.5,-0.2; '1,oops' has 'oops'.", "michigrad predict", "predict", "--model", "m.json", "--x", "1,oops")]
    [InlineData("--x goes with --model", "michigrad graph", "graph", "--x", "1,2")]
    [InlineData("'BT'", "michigrad graph", "graph", "--rankdir", "BT")]
    public void IsReportedInOneLineWithExitCode2(string expected, string command, params string[] args) =>
        CliRun.Of(args).AssertUsageError(expected, command);

    [Fact]
    public void Csv_EmptyFile()
    {
        using var folder = new TempFolder();
        string csv = folder.Write("empty.csv", "");
        CliRun.Of("train", "--dataset", csv, "--target", "y", "--out", folder.File("out"))
            .AssertUsageError("the CSV text is empty", "michigrad train");
    }

    [Fact]
    public void Csv_NonNumericCellNamesItsLine()
    {
        using var folder = new TempFolder();
        string csv = folder.Write("bad.csv", "x,y,label\n1,2,0\n3,four,1\n");
        CliRun.Of("train", "--dataset", csv, "--target", "label", "--out", folder.File("out"))
            .AssertUsageError("Line 3: column 'y' holds 'four', which is not a number.", "michigrad train");
    }

    [Fact]
    public void Csv_UnknownTarget()
    {
        using var folder = new TempFolder();
        string csv = folder.Write("data.csv", "x,y,label\n1,2,0\n3,4,1\n");
        CliRun.Of("train", "--dataset", csv, "--target", "class", "--out", folder.File("out"))
            .AssertUsageError("There is no label column 'class'; the columns are 'x', 'y', 'label'.", "michigrad train");
    }

    [Fact]
    public void Csv_OneClass()
    {
        using var folder = new TempFolder();
        string csv = folder.Write("one.csv", "x,y,label\n1,2,cat\n3,4,cat\n");
        CliRun.Of("train", "--dataset", csv, "--target", "label", "--out", folder.File("out"))
            .AssertUsageError("Every row of the data has the same label ('cat'); a classifier needs at least two classes.", "michigrad train");
    }

    [Fact]
    public void Train_UnwritableOut()
    {
        using var folder = new TempFolder();
        string file = folder.Write("a-file", "not a folder");   // a folder cannot be created under a file, even as root
        CliRun.Of("train", "--steps", "1", "--out", Path.Combine(file, "out"))
            .AssertUsageError("Cannot write --out", "michigrad train");
    }

    [Fact]
    public void Predict_CorruptModelFile()
    {
        using var folder = new TempFolder();
        string model = folder.Write("model.json", "{ \"format\": ");
        CliRun.Of("predict", "--model", model, "--x", "1,2").AssertUsageError("model.json", "michigrad predict");
    }

    [Fact]
    public void Predict_InputWidthDiffersFromTheModel() =>
        CliRun.Of("predict", "--model", trained.ModelPath, "--x", "1,2,3")
            .AssertUsageError("The model reads 2 inputs but --x has 3 values.", "michigrad predict");

    [Fact]
    public void Predict_NonNumericInputCellNamesItsLine()
    {
        string input = trained.Folder.Write("bad-input.csv", "x,y\n1,2\n0.5,?\n");
        CliRun.Of("predict", "--model", trained.ModelPath, "--input", input)
            .AssertUsageError("line 3: column 'y' holds '?', which is not a number.", "michigrad predict");
    }

    [Fact]
    public void Graph_ModelAboveTheNodeLimitIsRefused() =>
        CliRun.Of("graph", "--model", trained.ModelPath, "--x", "1,2", "--max-nodes", "50", "--out", trained.Folder.File("g.dot"))
            .AssertUsageError("more than the limit of 50", "michigrad graph");

    [Fact]
    public void Graph_UnsupportedExtension() =>
        CliRun.Of("graph", "--out", trained.Folder.File("graph.gif"))
            .AssertUsageError("Supported extensions are .svg, .png, .pdf, .dot and .html.", "michigrad graph");
}
