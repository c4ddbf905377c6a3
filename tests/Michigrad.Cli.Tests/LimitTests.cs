namespace Michigrad.Cli.Tests;

public class LimitTests(TrainedModelFixture trained) : IClassFixture<TrainedModelFixture>
{
    [Theory]
    [InlineData("--samples must be at most 100,000, got 2,147,483,647.", "--samples", "2147483647")]
    [InlineData("--samples must be at most 100,000, got 1,000,000.", "--samples", "1000000")]
    [InlineData("--steps must be at most 10,000,000, got 2,147,483,647.", "--steps", "2147483647")]
    [InlineData("--steps must be a whole number, got '99999999999999999999'.", "--steps", "99999999999999999999")]
    [InlineData("--classes must be at most 100, got 100,000,000.", "--classes", "100000000")]
    [InlineData("--hidden widths must be at most 1024, got 2147483647.", "--hidden", "2147483647")]
    [InlineData("--hidden may list at most 16 numbers", "--hidden", "2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2")]
    [InlineData("An MLP(2, [1000, 1000, 1000, 1]) would have 2,006,001 parameters, more than the limit of 1,000,000", "--hidden", "1000,1000,1000")]
    [InlineData("--batch-size must be at most 100,000", "--batch-size", "2147483647")]
    [InlineData("--noise must be at most 100, got 1e308.", "--noise", "1e308")]
    [InlineData("--momentum must be less than 1, got 1.", "--momentum", "1")]
    public void SizeAndNumberOptions_HaveLimitsThatAreUsageErrors(string expected, string option, string value) =>
        CliRun.Of("train", option, value, "--out", trained.Folder.File("never")).AssertUsageError(expected, "michigrad train");

    [Fact]
    public void BatchThatWouldBuildTooLargeAGraph_IsRefusedWithTheLargestThatFits() =>
        CliRun.Of("train", "--samples", "100000", "--hidden", "1024", "--batch-size", "100000", "--out", trained.Folder.File("never"))
            .AssertUsageError("more than the limit of 4,000,000: use --batch-size 390 or less.", "michigrad train");

    [Theory]
    [InlineData("--steps")]
    [InlineData("--warmup")]
    public void Bench_StepsHaveALimit(string option) =>
        CliRun.Of("bench", option, "2147483647").AssertUsageError($"{option} must be at most 100,000", "michigrad bench");

    [Fact]
    public void Graph_MaxNodesHasALimit() =>
        CliRun.Of("graph", "--max-nodes", "2147483647").AssertUsageError("--max-nodes must be at most 100,000", "michigrad graph");

    [Fact]
    public void LargeData_TrainsByMiniBatchByDefault()
    {
        using var folder = new TempFolder();
        CliRun run = CliRun.Of("train", "--samples", "5000", "--steps", "3", "--out", folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("3 (batches of 256)", run.Output);
    }

    [Fact]
    public void SmallData_StillTrainsFullBatchAsMicrogradsDemo() =>
        Assert.Contains("100 (full batch)", trained.Run.Output);

    [Fact]
    public void Predict_InputThatOverflowsTheModel_IsAnErrorNotANaNProbability() =>
        CliRun.Of("predict", "--model", trained.ModelPath, "--x", "1e308,1e308")
            .AssertUsageError("The model's output for --x is", "michigrad predict");
}
