using Michigrad.Data;

namespace Michigrad.Tests.Data;

public class SpiralTests
{
    [Fact]
    public void Spiral_WithoutNoise_PutsEveryPointOnItsArm()
    {
        // CS231n: r = linspace(0, 1, m), t = linspace(4j, 4(j+1), m), point = (r sin t, r cos t); so t = 4j + 4r.
        var data = Datasets.Spiral(300, 3, 0, seed: 2);

        Assert.Equal([100, 100, 100], data.CountsPerClass());
        for (int i = 0; i < data.Count; i++)
        {
            double x = data.Features[i][0], y = data.Features[i][1];
            double r = Math.Sqrt(x * x + y * y);
            double t = 4 * data.Labels[i] + 4 * r;
            Assert.InRange(r, 0, 1 + 1e-12);
            Assert.Equal(r * Math.Sin(t), x, 9);
            Assert.Equal(r * Math.Cos(t), y, 9);
        }
    }

    [Fact]
    public void Spiral_NoiseMovesPointsAlongTheirCircleOnly()
    {
        var clean = Datasets.Spiral(90, 3, 0, seed: 6);
        var noisy = Datasets.Spiral(90, 3, 0.2, seed: 6);

        static double[] Radii(Dataset d) => d.Features.Select(p => Math.Sqrt(p[0] * p[0] + p[1] * p[1])).Order().ToArray();
        Assert.Equal(Radii(clean), Radii(noisy), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.NotEqual(clean.Features.Select(p => p[0]).Order(), noisy.Features.Select(p => p[0]).Order());
    }

    [Fact]
    public void Spiral_SplitsPointsAsEvenlyAsPossible()
    {
        Assert.Equal([3, 3, 2, 2], Datasets.Spiral(10, 4, 0.2, seed: 0).CountsPerClass());
    }

    [Fact]
    public void Spiral_SameSeedGivesIdenticalData_DifferentSeedDoesNot()
    {
        Assert.Equal(Datasets.Spiral(60, 3, 0.2, seed: 1).Features, Datasets.Spiral(60, 3, 0.2, seed: 1).Features);
        Assert.NotEqual(Datasets.Spiral(60, 3, 0.2, seed: 1).Features, Datasets.Spiral(60, 3, 0.2, seed: 2).Features);
    }
}
