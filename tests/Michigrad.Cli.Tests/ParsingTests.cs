namespace Michigrad.Cli.Tests;

public class ParsingTests
{
    [Fact]
    public void AtSignArgument_IsAFileNameNotAResponseFile()
    {
        // With response files on, '@missing.csv' is read as a file of arguments and fails with "Response file not found".
        CliRun run = CliRun.Of("train", "--dataset", "@missing.csv", "--target", "y");

        run.AssertUsageError("The CSV file '@missing.csv' does not exist.", "michigrad train");
    }

    [Theory]
    [InlineData("michigrad train", "--out needs a value, but the next word is the option --steps.", "train", "--out", "--steps")]
    [InlineData("michigrad train", "--out needs a value, but the next word is the option --steps.", "train", "--out", "--steps", "5")]
    [InlineData("michigrad graph", "--out needs a value, but the next word is the option --verbose.", "graph", "--out", "--verbose")]
    public void OptionWhereAValueBelongs_IsAUsageError(string usage, string expected, params string[] args)
    {
        string before = Environment.CurrentDirectory;
        CliRun.Of(args).AssertUsageError(expected, usage);
        Assert.False(Directory.Exists(Path.Combine(before, "--steps")));
    }

    [Theory]
    [InlineData("michigrad train", "--data-dir needs a value (--data-dir DIR).", "train", "--dataset", "fashion-mnist", "--data-dir")]
    [InlineData("michigrad train", "--dataset needs a value (--dataset NAME|PATH.csv).", "train", "--dataset")]
    [InlineData("michigrad predict", "--image needs a value (--image FILE.idx|FILE.png).", "predict", "--model", "m.json", "--image")]
    public void OptionGivenLastWithoutAValue_SaysWhatValueItTakes(string usage, string expected, params string[] args) =>
        CliRun.Of(args).AssertUsageError(expected, usage);

    [Theory]
    [InlineData("--target applies to a CSV dataset; it is ignored with the generated moons.", "--target", "y")]
    [InlineData("--classes applies to blobs and spiral; moons always has 2 classes, so it is ignored.", "--classes", "4")]
    public void OptionsThatDoNotApplyToAGenerator_AreWarnedAbout(string warning, string option, string value)
    {
        using var folder = new TempFolder();
        CliRun run = CliRun.Of("train", option, value, "--steps", "1", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"warning: {warning}", run.Error);
    }

    [Fact]
    public void OptionsThatDoNotApplyToACsv_AreWarnedAbout()
    {
        using var folder = new TempFolder();
        string csv = folder.Write("d.csv", "x,y,label\n0,0,a\n1,1,b\n0,1,a\n1,0,b\n");

        CliRun run = CliRun.Of("train", "--dataset", csv, "--target", "label", "--samples", "500", "--noise", "0.2", "--steps", "1", "--out", folder.File("out"));

        Assert.Contains("warning: --samples applies to generated datasets; it is ignored with a CSV file", run.Error);
        Assert.Contains("warning: --noise applies to generated datasets", run.Error);
    }

    [Theory]
    [InlineData("x;y;label\n0;0;a\n1;1;b\n0;1;a\n1;0;b\n")]
    [InlineData("x\ty\tlabel\n0\t0\ta\n1\t1\tb\n0\t1\ta\n1\t0\tb\n")]
    public void SemicolonOrTabSeparatedCsv_IsDetected(string text)
    {
        using var folder = new TempFolder();
        string csv = folder.Write("d.csv", text);

        CliRun run = CliRun.Of("train", "--dataset", csv, "--target", "label", "--steps", "1", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("d.csv (4 rows, 2 features, 2 classes)", run.Output);
    }

    [Fact]
    public void Delimiter_CanBeGiven()
    {
        using var folder = new TempFolder();
        // Detection would pick ',' (the header has two of them); the file is really separated by semicolons.
        string csv = folder.Write("d.csv", "\"x,1\";\"y,2\";label\n0;0;a\n1;1;b\n0;1;a\n1;0;b\n");

        CliRun run = CliRun.Of("train", "--dataset", csv, "--target", "label", "--delimiter", ";", "--steps", "1", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("2 features", run.Output);
    }
}
