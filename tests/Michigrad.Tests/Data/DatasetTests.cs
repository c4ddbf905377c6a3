using Michigrad.Data;

namespace Michigrad.Tests.Data;

public class DatasetTests
{
    private static Dataset Small() => new(
        [[0.0, 1.0], [2.0, 3.0], [4.0, 5.0], [6.0, 7.0]],
        [0, 1, 1, 0],
        featureNames: ["a", "b"]);

    [Fact]
    public void Constructor_ReportsShape_AndInfersClassCountFromLargestLabel()
    {
        var data = new Dataset([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [0, 2]);

        Assert.Equal(2, data.Count);
        Assert.Equal(3, data.FeatureCount);
        Assert.Equal(3, data.ClassCount);
        Assert.Null(data.FeatureNames);
        Assert.Null(data.ClassNames);
        Assert.Equal("Dataset(2 rows, 3 features, 3 classes)", data.ToString());
    }

    [Fact]
    public void Constructor_CopiesItsInput()
    {
        double[][] features = [[1.0, 2.0]];
        int[] labels = [1];
        var data = new Dataset(features, labels, classCount: 2);

        features[0][0] = 99;
        labels[0] = 0;

        Assert.Equal(1.0, data.Features[0][0]);
        Assert.Equal(1, data.Labels[0]);
    }

    [Fact]
    public void Constructor_TakesClassCountFromClassNames()
    {
        var data = new Dataset([[1.0]], [0], classNames: ["cat", "dog", "eel"]);

        Assert.Equal(3, data.ClassCount);
        Assert.Equal(["cat", "dog", "eel"], data.ClassNames);
    }

    [Fact]
    public void Constructor_RejectsRaggedRows_NamingTheRow()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset([[1.0, 2.0], [3.0, 4.0], [5.0]], [0, 0, 1]));
        Assert.Contains("features[2] has 1 features", e.Message);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Constructor_RejectsNonFiniteFeatures_NamingTheCell(double bad, string shown)
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset([[1.0, 2.0], [3.0, bad]], [0, 1]));
        Assert.Contains($"features[1][1] is {shown}", e.Message);
    }

    [Fact]
    public void Constructor_RejectsNegativeLabels_NamingTheLabel()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Dataset([[1.0], [2.0]], [0, -1]));
        Assert.Contains("labels[1] is -1", e.Message);
    }

    [Fact]
    public void Constructor_RejectsLabelsAtOrAboveTheClassCount()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Dataset([[1.0], [2.0]], [0, 2], classCount: 2));
        Assert.Contains("labels[1] is 2", e.Message);
    }

    [Fact]
    public void Constructor_RejectsEmptyAndMismatchedInput()
    {
        Assert.Throws<ArgumentException>(() => new Dataset([], []));
        Assert.Throws<ArgumentException>(() => new Dataset([[1.0], [2.0]], [0]));
        Assert.Throws<ArgumentException>(() => new Dataset([[]], [0]));
        Assert.Throws<ArgumentNullException>(() => new Dataset([null!], [0]));
        Assert.Throws<ArgumentException>(() => new Dataset([[1.0]], [0], featureNames: ["a", "b"]));
        Assert.Throws<ArgumentException>(() => new Dataset([[1.0]], [0], classCount: 3, classNames: ["a", "b"]));
    }

    [Fact]
    public void Inputs_GivesFreshLeafValuesOfTheRow()
    {
        var data = Small();

        Value[] inputs = data.Inputs(1);

        Assert.Equal([2.0, 3.0], inputs.Select(v => v.Data));
        Assert.All(inputs, v => Assert.Equal("", v.Op));
        Assert.NotSame(inputs[0], data.Inputs(1)[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Inputs(4));
    }

    [Fact]
    public void SignedLabels_MapsClassZeroToMinusOneAndClassOneToPlusOne()
    {
        Assert.Equal([-1.0, 1.0, 1.0, -1.0], Small().SignedLabels());
    }

    [Fact]
    public void SignedLabels_RejectsMoreThanTwoClasses()
    {
        var data = new Dataset([[1.0], [2.0], [3.0]], [0, 1, 2]);
        var e = Assert.Throws<InvalidOperationException>(() => data.SignedLabels());
        Assert.Contains("has 3", e.Message);
    }

    [Fact]
    public void CountsPerClass_CountsEveryClassIncludingEmptyOnes()
    {
        var data = new Dataset([[1.0], [2.0], [3.0]], [0, 0, 2], classCount: 4);
        Assert.Equal([2, 0, 1, 0], data.CountsPerClass());
    }

    [Fact]
    public void Subset_TakesRowsInOrder_AndKeepsClassCountAndNames()
    {
        var data = new Dataset([[0.0], [1.0], [2.0]], [0, 1, 2], featureNames: ["f"], classNames: ["a", "b", "c"]);

        Dataset subset = data.Subset([2, 0, 2]);

        Assert.Equal([2.0, 0.0, 2.0], subset.Features.Select(r => r[0]));
        Assert.Equal([2, 0, 2], subset.Labels);
        Assert.Equal(3, subset.ClassCount);
        Assert.Equal(["f"], subset.FeatureNames);
        Assert.Equal(["a", "b", "c"], subset.ClassNames);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Subset([3]));
        Assert.Throws<ArgumentException>(() => data.Subset([]));
    }

    [Fact]
    public void Split_PartitionsEveryRowOnce_WithRoundedTestSize()
    {
        var data = new Dataset(Enumerable.Range(0, 10).Select(i => new[] { (double)i }).ToArray(), new int[10], classCount: 2);

        (Dataset train, Dataset test) = data.Split(0.25, seed: 3);

        Assert.Equal(3, test.Count);   // round(2.5) away from zero
        Assert.Equal(7, train.Count);
        double[] all = train.Features.Concat(test.Features).Select(r => r[0]).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (double)i), all);
    }

    [Fact]
    public void Split_IsDeterministicForASeed_AndDiffersAcrossSeeds()
    {
        var data = Datasets.Moons(50, 0.1, seed: 1);

        var a = data.Split(0.2, seed: 5).Test.Features;
        var b = data.Split(0.2, seed: 5).Test.Features;
        var c = data.Split(0.2, seed: 6).Test.Features;

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    [InlineData(0.01)]   // rounds to no test rows out of 4
    [InlineData(0.9)]    // rounds to no training rows out of 4
    public void Split_RejectsFractionsThatLeaveAPartEmpty(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Small().Split(fraction, seed: 0));
    }

    [Fact]
    public void Batches_CoverEveryRowOnce_AsSubDatasets()
    {
        var data = Datasets.Blobs(23, 3, 1.0, seed: 2);

        List<Dataset> batches = data.Batches(batchSize: 5, seed: 9, epoch: 1).ToList();

        Assert.Equal([5, 5, 5, 5, 3], batches.Select(b => b.Count));
        Assert.All(batches, b => Assert.Equal(3, b.ClassCount));
        var rows = batches.SelectMany(b => b.Features).Select(r => (r[0], r[1])).Order().ToArray();
        Assert.Equal(data.Features.Select(r => (r[0], r[1])).Order(), rows);
    }

    [Fact]
    public void Batches_ValidatesBatchSizeImmediately()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Small().Batches(0, seed: 1));
    }
}
