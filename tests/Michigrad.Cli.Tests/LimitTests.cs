using Michigrad.Cli.Running;
using Michigrad.Compiled;
using Michigrad.NN;
using Michigrad.Training;

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
    public void BatchWhoseStepWouldHoldTooMuch_IsRefusedNamingTheFigureTheLimitAndTheLargestThatFits()
    {
        // MLP(2, [1024, 512, 1]): 3,088 row-graph nodes, a number and a gradient each per row, and 1,028 by-row
        // gradients of the widest layer's dot groups, and 64 inputs of a layer copied row by row for its weights'
        // gradients: 58,144 bytes per row.
        long perRow = Limits.StepBytesPerRow(2, [1024, 512, 1]);
        Assert.Equal(58_144, perRow);
        int largest = Limits.LargestBatch(perRow);

        CliRun.Of("train", "--samples", "100000", "--hidden", "1024,512", "--batch-size", "100000", "--out", trained.Folder.File("never"))
            .AssertUsageError(
                $"--batch-size 100000 would hold about 5,815 MB a step with this model (its compiled row graph keeps 58,144 bytes per row: a number and its gradient per node), more than the limit of 1,000 MB: use --batch-size {largest} or less, or smaller --hidden widths.",
                "michigrad train");
    }

    [Fact]
    public void LargestBatch_IsTheLastThatFits()
    {
        long perRow = Limits.StepBytesPerRow(2, [1024, 512, 1]);
        int largest = Limits.LargestBatch(perRow);

        Assert.True(Limits.StepBytes(largest, perRow) <= Limits.MaxStepBytes);
        Assert.True(Limits.StepBytes(largest + 1, perRow) > Limits.MaxStepBytes);
        Assert.Equal(17_192, largest);
    }

    [Fact]
    public void ImageBatchOf64_IsWellWithinTheLimit()
    {
        // The default image model, MLP(784, [128, 10]): the old limit of 4,000,000 object-graph nodes refused 64 rows.
        long perRow = Limits.StepBytesPerRow(784, [128, 10]);
        Limits.CheckBatch(64, perRow);
        Assert.True(Limits.StepBytes(64, perRow) < 2_000_000, $"{Limits.StepBytes(64, perRow):N0} bytes");
        Assert.Equal(Limits.MaxBatchSize, Limits.LargestBatch(1));
    }

    [Theory]
    [InlineData(784, new[] { 128, 10 }, Objective.CrossEntropy)]
    [InlineData(784, new[] { 256, 128, 10 }, Objective.CrossEntropy)]
    [InlineData(784, new[] { 128, 10 }, Objective.MeanSquaredError)]
    [InlineData(2, new[] { 16, 16, 1 }, Objective.Hinge)]
    [InlineData(2, new[] { 16, 16, 1 }, Objective.BinaryCrossEntropy)]
    [InlineData(3, new[] { 7, 5 }, Objective.CrossEntropy)]
    [InlineData(2, new[] { 1024, 1 }, Objective.Hinge)]
    public void StepBytesPerRow_CoversWhatTheCompiledRowGraphAllocatesPerRow_WithinAFactorOfTwo(int inputs, int[] widths, Objective objective)
    {
        var model = new MLP(inputs, widths, seed: 1);
        Value[] features = [.. Enumerable.Range(0, inputs).Select(_ => Value.Constant(0))];
        Value[] targets = Objectives.NewTargets(widths[^1]);
        IReadOnlyList<Value> outputs = model.Forward(features);
        Value loss = Objectives.Loss(objective, [outputs], [targets]);
        long Allocated(int capacity)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            RowBatchGraph graph = Compiler.CompileRows(loss, [.. features, .. targets], capacity, outputs);
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            GC.KeepAlive(graph);
            return bytes;
        }
        Allocated(8);   // warm up anything allocated once per process
        // The lanes of 256 rows are 264 numbers apart, of 512 rows 520: 256 rows more.
        double measuredPerRow = (Allocated(512) - Allocated(256)) / 256.0;

        long estimate = Limits.StepBytesPerRow(inputs, widths);
        Assert.True(estimate >= measuredPerRow && estimate <= 2 * measuredPerRow,
            $"estimated {estimate:N0} bytes per row, the compiler allocates {measuredPerRow:N0}");
    }

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
