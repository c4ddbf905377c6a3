using Michigrad.Data;

namespace Michigrad.Tests.Data;

public class CirclesTests
{
    [Fact]
    public void Circles_WithoutNoise_PutsOuterPointsOnTheUnitCircleAndInnerOnesOnTheFactorCircle()
    {
        var data = Datasets.Circles(81, 0, seed: 3, factor: 0.5);

        Assert.Equal([40, 41], data.CountsPerClass());
        for (int i = 0; i < data.Count; i++)
        {
            double radius = Math.Sqrt(data.Features[i][0] * data.Features[i][0] + data.Features[i][1] * data.Features[i][1]);
            Assert.Equal(data.Labels[i] == 0 ? 1.0 : 0.5, radius, 12);
        }
    }

    [Fact]
    public void Circles_SpacesPointsEvenlyWithoutRepeatingTheStartPoint()
    {
        // linspace(0, 2π, 4, endpoint=False): angles 0, π/2, π, 3π/2 on the outer circle.
        var outer = Datasets.Circles(8, 0, seed: 0).Features.Zip(Datasets.Circles(8, 0, seed: 0).Labels)
            .Where(p => p.Second == 0)
            .Select(p => (Math.Round(p.First[0], 12) + 0.0, Math.Round(p.First[1], 12) + 0.0))
            .Order()
            .ToArray();

        Assert.Equal([(-1.0, 0.0), (0.0, -1.0), (0.0, 1.0), (1.0, 0.0)], outer);
    }

    [Fact]
    public void Circles_UseTheDefaultFactorOfScikitLearn()
    {
        var data = Datasets.Circles(10, 0, seed: 1);
        int inner = Array.IndexOf(data.Labels, 1);
        Assert.Equal(0.8, Math.Sqrt(data.Features[inner][0] * data.Features[inner][0] + data.Features[inner][1] * data.Features[inner][1]), 12);
    }

    [Fact]
    public void Circles_SameSeedGivesIdenticalData_DifferentSeedDoesNot()
    {
        Assert.Equal(Datasets.Circles(40, 0.05, seed: 2).Features, Datasets.Circles(40, 0.05, seed: 2).Features);
        Assert.NotEqual(Datasets.Circles(40, 0.05, seed: 2).Features, Datasets.Circles(40, 0.05, seed: 3).Features);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Circles_RejectsAFactorOutsideZeroToOne(double factor)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Circles(10, 0, seed: 0, factor: factor));
        Assert.Equal("factor", e.ParamName);
    }
}
