using Michigrad.Data;

namespace Michigrad.Tests.Data;

public class GaussianTests
{
    [Fact]
    public void Gaussian_DrawsHaveMeanZeroAndUnitVariance()
    {
        var gaussian = new Gaussian(new Random(123));
        double[] draws = Enumerable.Range(0, 200_000).Select(_ => gaussian.Next()).ToArray();

        double mean = draws.Average();
        double variance = draws.Select(d => (d - mean) * (d - mean)).Average();
        double withinOneSigma = draws.Count(d => Math.Abs(d) < 1) / (double)draws.Length;

        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.98, 1.02);
        Assert.InRange(withinOneSigma, 0.678, 0.688);   // Φ(1) − Φ(−1) ≈ 0.6827
    }

    [Fact]
    public void Gaussian_SameSeedGivesTheSameSequence()
    {
        var a = new Gaussian(new Random(5));
        var b = new Gaussian(new Random(5));
        Assert.Equal(Enumerable.Range(0, 9).Select(_ => a.Next()).ToArray(), Enumerable.Range(0, 9).Select(_ => b.Next()).ToArray());
    }
}
