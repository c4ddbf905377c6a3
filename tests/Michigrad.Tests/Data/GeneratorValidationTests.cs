using Michigrad.Data;

namespace Michigrad.Tests.Data;

public class GeneratorValidationTests
{
    public static TheoryData<string, Action> BadSizes => new()
    {
        { "n", () => Datasets.Moons(0, 0.1, 1) },
        { "n", () => Datasets.Circles(-1, 0.1, 1) },
        { "n", () => Datasets.Xor(0, 0.1, 1) },
        { "n", () => Datasets.Blobs(0, 2, 1.0, 1) },
        { "n", () => Datasets.Spiral(0, 3, 0.2, 1) },
        { "classes", () => Datasets.Blobs(10, 1, 1.0, 1) },
        { "classes", () => Datasets.Spiral(10, 0, 0.2, 1) },
    };

    [Theory]
    [MemberData(nameof(BadSizes))]
    public void Generators_RejectTooFewPointsOrClasses_NamingTheParameterAndValue(string parameter, Action generate)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(generate);
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains("but was", e.Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Generators_RejectNegativeOrNonFiniteNoise(double noise)
    {
        Assert.Equal("noise", Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Moons(10, noise, 1)).ParamName);
        Assert.Equal("noise", Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Circles(10, noise, 1)).ParamName);
        Assert.Equal("noise", Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Xor(10, noise, 1)).ParamName);
        Assert.Equal("std", Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Blobs(10, 2, noise, 1)).ParamName);
        Assert.Equal("noise", Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Spiral(10, 2, noise, 1)).ParamName);
    }

    [Fact]
    public void Generators_KeepEveryClassCountedEvenWhenAClassHasNoPoints()
    {
        // One moon point is an inner point; the dataset still has two classes, so ±1 labels still work.
        var data = Datasets.Moons(1, 0, seed: 0);
        Assert.Equal(2, data.ClassCount);
        Assert.Equal([1.0], data.SignedLabels());
        Assert.Equal(5, Datasets.Blobs(3, 5, 1.0, seed: 0).ClassCount);
    }

    [Fact]
    public void Generators_GiveLabelsInRange()
    {
        Dataset[] all =
        [
            Datasets.Moons(50, 0.1, 1), Datasets.Circles(50, 0.1, 1), Datasets.Xor(50, 0.1, 1),
            Datasets.Blobs(50, 4, 1.0, 1), Datasets.Spiral(50, 5, 0.2, 1),
        ];
        Assert.All(all, d => Assert.All(d.Labels, label => Assert.InRange(label, 0, d.ClassCount - 1)));
        Assert.All(all, d => Assert.All(d.CountsPerClass(), count => Assert.True(count > 0)));
    }
}
