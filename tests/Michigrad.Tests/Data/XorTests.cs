using Michigrad.Data;

namespace Michigrad.Tests.Data;

public class XorTests
{
    [Fact]
    public void Xor_WithoutNoise_LabelsByWhetherTheSignsDiffer()
    {
        var data = Datasets.Xor(200, 0, seed: 5);

        for (int i = 0; i < data.Count; i++)
        {
            double x = data.Features[i][0], y = data.Features[i][1];
            Assert.InRange(Math.Abs(x), double.Epsilon, 1.0);
            Assert.InRange(Math.Abs(y), double.Epsilon, 1.0);
            Assert.Equal(Math.Sign(x) != Math.Sign(y) ? 1 : 0, data.Labels[i]);
        }
    }

    [Fact]
    public void Xor_FillsAllFourQuadrantsEvenly()
    {
        var data = Datasets.Xor(100, 0, seed: 5);

        var perQuadrant = data.Features.GroupBy(p => (Math.Sign(p[0]), Math.Sign(p[1]))).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(4, perQuadrant.Count);
        Assert.All(perQuadrant.Values, count => Assert.Equal(25, count));
        Assert.Equal([50, 50], data.CountsPerClass());
    }

    [Fact]
    public void Xor_SameSeedGivesIdenticalData_DifferentSeedDoesNot()
    {
        Assert.Equal(Datasets.Xor(30, 0.1, seed: 1).Features, Datasets.Xor(30, 0.1, seed: 1).Features);
        Assert.NotEqual(Datasets.Xor(30, 0.1, seed: 1).Features, Datasets.Xor(30, 0.1, seed: 2).Features);
    }
}
