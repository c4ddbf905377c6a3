using Michigrad.Data;

namespace Michigrad.Tests.Data;

public class NamedGeneratorTests
{
    [Fact]
    public void Generate_GivesWhatTheNamedGeneratorGives_WithItsDefaultNoise()
    {
        AssertSame(Datasets.Moons(50, 0.1, 4), Datasets.Generate("moons", 50, 4));
        AssertSame(Datasets.Circles(50, 0.05, 4), Datasets.Generate("Circles", 50, 4));
        AssertSame(Datasets.Xor(50, 0.3, 4), Datasets.Generate("xor", 50, 4, noise: 0.3));
        AssertSame(Datasets.Blobs(50, 4, 0.5, 4), Datasets.Generate("blobs", 50, 4, classes: 4));
        AssertSame(Datasets.Spiral(50, 3, 0.1, 4), Datasets.Generate("spiral", 50, 4));
    }

    [Fact]
    public void Generate_RefusesAnUnknownName_ListingTheGenerators()
    {
        var e = Assert.Throws<ArgumentException>(() => Datasets.Generate("moon", 10, 0));
        Assert.Contains("Unknown dataset 'moon'", e.Message);
        Assert.Contains("moons, circles, xor, blobs, spiral", e.Message);
        Assert.False(Datasets.IsGenerator("data.csv"));
        Assert.True(Datasets.IsGenerator("SPIRAL"));
    }

    private static void AssertSame(Dataset expected, Dataset actual)
    {
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.Equal(expected.ClassCount, actual.ClassCount);
        for (int i = 0; i < expected.Count; i++) Assert.Equal(expected.Features[i], actual.Features[i]);
    }
}
