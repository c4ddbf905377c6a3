using Michigrad.Data;

namespace Michigrad.Tests.Data;

public class BatchSamplerTests
{
    [Theory]
    [InlineData(10, 3)]
    [InlineData(10, 5)]
    [InlineData(7, 100)]
    [InlineData(1, 1)]
    public void Epoch_HoldsEveryIndexExactlyOnce(int count, int batchSize)
    {
        var sampler = new BatchSampler(count, batchSize, seed: 1);

        for (int epoch = 0; epoch < 3; epoch++)
        {
            int[][] batches = sampler.Epoch(epoch);
            Assert.Equal(sampler.BatchesPerEpoch, batches.Length);
            Assert.Equal(Enumerable.Range(0, count), batches.SelectMany(b => b).Order());
            Assert.All(batches[..^1], b => Assert.Equal(batchSize, b.Length));
        }
    }

    [Fact]
    public void Epoch_WithDropLast_LeavesOutTheShortBatch()
    {
        var sampler = new BatchSampler(10, 3, seed: 1, dropLast: true);

        int[][] batches = sampler.Epoch(0);

        Assert.Equal(3, sampler.BatchesPerEpoch);
        Assert.All(batches, b => Assert.Equal(3, b.Length));
        Assert.Equal(9, batches.SelectMany(b => b).Distinct().Count());
    }

    [Fact]
    public void Epoch_IsDeterministicForSeedAndEpoch_AndAskableInAnyOrder()
    {
        var first = new BatchSampler(50, 8, seed: 42);
        var second = new BatchSampler(50, 8, seed: 42);

        int[][] late = first.Epoch(7);
        Assert.Equal(second.Epoch(0), first.Epoch(0));
        Assert.Equal(late, second.Epoch(7));
    }

    [Fact]
    public void Epoch_ReshufflesEveryEpoch_AndDiffersAcrossSeeds()
    {
        var sampler = new BatchSampler(50, 50, seed: 42);

        Assert.NotEqual(sampler.Epoch(0)[0], sampler.Epoch(1)[0]);
        Assert.NotEqual(sampler.Epoch(0)[0], new BatchSampler(50, 50, seed: 43).Epoch(0)[0]);
        Assert.NotEqual(Enumerable.Range(0, 50), sampler.Epoch(0)[0]);
    }

    [Fact]
    public void Constructor_And_Epoch_RejectOutOfRangeArguments()
    {
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchSampler(10, 0, seed: 1)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchSampler(0, 1, seed: 1)).ParamName);
        Assert.Equal("epoch", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchSampler(10, 2, seed: 1).Epoch(-1)).ParamName);
    }
}
