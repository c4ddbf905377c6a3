using Michigrad.Data;

namespace Michigrad.Tests.Data;

public class BlobsTests
{
    [Fact]
    public void Blobs_SplitPointsAsEvenlyAsPossible_FirstClassesGettingTheRemainder()
    {
        var data = Datasets.Blobs(11, 3, 1.0, seed: 0);

        Assert.Equal(3, data.ClassCount);
        Assert.Equal([4, 4, 3], data.CountsPerClass());
    }

    [Fact]
    public void Blobs_WithZeroSpread_PutEachClassOnOneDistinctCentreInsideTheBox()
    {
        var data = Datasets.Blobs(30, 3, 0, seed: 7);

        var centres = new (double X, double Y)[3];
        for (int c = 0; c < 3; c++)
        {
            var points = data.Features.Where((_, i) => data.Labels[i] == c).Select(p => (p[0], p[1])).Distinct().ToArray();
            centres[c] = Assert.Single(points);
            Assert.InRange(centres[c].X, -10, 10);
            Assert.InRange(centres[c].Y, -10, 10);
        }
        Assert.Equal(3, centres.Distinct().Count());
    }

    [Fact]
    public void Blobs_CentresDependOnlyOnTheSeed()
    {
        static (double, double) CentreOfClass0(Dataset data) =>
            data.Features.Where((_, i) => data.Labels[i] == 0).Select(p => (p[0], p[1])).First();

        Assert.Equal(CentreOfClass0(Datasets.Blobs(12, 2, 0, seed: 4)), CentreOfClass0(Datasets.Blobs(50, 2, 0, seed: 4)));
        Assert.NotEqual(CentreOfClass0(Datasets.Blobs(12, 2, 0, seed: 4)), CentreOfClass0(Datasets.Blobs(12, 2, 0, seed: 5)));
    }

    [Fact]
    public void Blobs_SpreadPointsWithTheRequestedStandardDeviation()
    {
        var clean = Datasets.Blobs(3000, 2, 0, seed: 9);
        var spread = Datasets.Blobs(3000, 2, 0.5, seed: 9);

        double[] deltas = clean.Features.Zip(spread.Features).Select(p => p.Second[0] - p.First[0]).ToArray();
        double std = Math.Sqrt(deltas.Select(d => d * d).Average());
        Assert.InRange(std, 0.47, 0.53);
    }

    [Fact]
    public void Blobs_SameSeedGivesIdenticalData_DifferentSeedDoesNot()
    {
        Assert.Equal(Datasets.Blobs(40, 4, 1.0, seed: 1).Features, Datasets.Blobs(40, 4, 1.0, seed: 1).Features);
        Assert.NotEqual(Datasets.Blobs(40, 4, 1.0, seed: 1).Features, Datasets.Blobs(40, 4, 1.0, seed: 2).Features);
    }
}
