using Michigrad.Data;

namespace Michigrad.Tests.Data;

public class MoonsTests
{
    [Theory]
    [InlineData(100, 50, 50)]
    [InlineData(7, 3, 4)]   // sklearn: n_out = n // 2, n_in = n - n_out
    [InlineData(1, 0, 1)]
    public void Moons_SplitsPointsLikeScikitLearn(int n, int outer, int inner)
    {
        var data = Datasets.Moons(n, 0.1, seed: 0);

        Assert.Equal(n, data.Count);
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal(2, data.ClassCount);
        Assert.Equal(["x", "y"], data.FeatureNames);
        Assert.Equal([outer, inner], data.CountsPerClass());
    }

    [Fact]
    public void Moons_WithoutNoise_PutsEveryPointOnItsHalfCircle()
    {
        var data = Datasets.Moons(101, 0, seed: 4);

        for (int i = 0; i < data.Count; i++)
        {
            double x = data.Features[i][0], y = data.Features[i][1];
            if (data.Labels[i] == 0)
            {
                Assert.Equal(1.0, x * x + y * y, 12);
                Assert.True(y >= 0, $"outer point {i} ({x}, {y}) is below the x axis");
            }
            else
            {
                Assert.Equal(1.0, (x - 1) * (x - 1) + (y - 0.5) * (y - 0.5), 12);
                Assert.True(y <= 0.5 + 1e-12, $"inner point {i} ({x}, {y}) is above its centre");
            }
        }
    }

    [Fact]
    public void Moons_WithoutNoise_SpansEachArcEndToEnd()
    {
        // linspace(0, π, n) includes both ends: the outer arc runs from (1, 0) to (-1, 0), the inner from (0, 0.5) to (2, 0.5).
        var points = Datasets.Moons(10, 0, seed: 0).Features.Select(p => (X: Math.Round(p[0], 12), Y: Math.Round(p[1], 12))).ToList();

        Assert.Contains((1.0, 0.0), points);
        Assert.Contains((-1.0, 0.0), points);
        Assert.Contains((0.0, 0.5), points);
        Assert.Contains((2.0, 0.5), points);
    }

    [Fact]
    public void Moons_AreShuffled()
    {
        var labels = Datasets.Moons(100, 0, seed: 0).Labels;
        Assert.NotEqual(Enumerable.Repeat(0, 50).Concat(Enumerable.Repeat(1, 50)), labels);
    }

    [Fact]
    public void Moons_NoiseHasTheRequestedSpread()
    {
        // Same seed, so the same shuffle: the difference is the noise alone.
        var clean = Datasets.Moons(4000, 0, seed: 8);
        var noisy = Datasets.Moons(4000, 0.1, seed: 8);

        Assert.Equal(clean.Labels, noisy.Labels);
        double[] deltas = clean.Features.Zip(noisy.Features).SelectMany(p => new[] { p.Second[0] - p.First[0], p.Second[1] - p.First[1] }).ToArray();
        double mean = deltas.Average();
        double std = Math.Sqrt(deltas.Select(d => (d - mean) * (d - mean)).Average());
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(std, 0.095, 0.105);
    }

    [Fact]
    public void Moons_SameSeedGivesIdenticalData_DifferentSeedDoesNot()
    {
        var a = Datasets.Moons(60, 0.2, seed: 11);
        var b = Datasets.Moons(60, 0.2, seed: 11);
        var c = Datasets.Moons(60, 0.2, seed: 12);

        Assert.Equal(a.Features, b.Features);
        Assert.Equal(a.Labels, b.Labels);
        Assert.NotEqual(a.Features, c.Features);
    }
}
