using System.Text;

namespace Michigrad.Cli.Tests;

public class OutputSafetyTests(TrainedModelFixture trained) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void ControlCharactersFromACsvHeader_NeverReachTheTerminal()
    {
        using var folder = new TempFolder();
        string input = folder.Write("evil.csv", "a\u001b[31mred,b\u001b]0;title\u0007\n1,2\n");

        CliRun run = CliRun.Of("predict", "--model", trained.ModelPath, "--input", input);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain('\u001b', run.Output);
        Assert.DoesNotContain('\u0007', run.Output);
        Assert.Contains(@"a\e[31mred", run.Output);
    }

    [Fact]
    public void ControlCharactersInAnErrorMessage_AreEscaped()
    {
        using var folder = new TempFolder();
        string csv = folder.Write("evil.csv", "x\u001b[2J,label\n1,0\n2,1\n");

        CliRun run = CliRun.Of("train", "--dataset", csv, "--target", "nope", "--out", folder.File("out"));

        run.AssertUsageError(@"'x\e[2J'", "michigrad train");
        Assert.DoesNotContain('\u001b', run.Error);
    }

    [Fact]
    public void WrongTargetOnAWideCsv_ListsAFewColumnsAndACount()
    {
        using var folder = new TempFolder();
        var header = new StringBuilder();
        for (int i = 0; i < 5000; i++) header.Append($"column{i},");
        header.Append("label\n");
        string csv = folder.Write("wide.csv", header + string.Join(",", Enumerable.Repeat("1", 5000)) + ",0\n");

        CliRun run = CliRun.Of("train", "--dataset", csv, "--target", "nope", "--out", folder.File("out"));

        run.AssertUsageError("… and 4,991 more", "michigrad train");
        Assert.True(run.Error.Length < 1000, $"{run.Error.Length} characters");
    }
}
