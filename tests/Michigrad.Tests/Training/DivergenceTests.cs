using Michigrad.Training;

namespace Michigrad.Tests.Training;

public class DivergenceTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteLoss_HasDiverged_EvenAsTheFirst(double loss) => Assert.True(new Divergence().Diverged(loss));

    [Fact]
    public void ALossAMillionTimesTheFirst_HasNotDiverged_OneAboveHas()
    {
        var divergence = new Divergence();
        Assert.False(divergence.Diverged(2.5));

        Assert.Equal(2.5e6, divergence.Bound);
        Assert.False(divergence.Diverged(2.5e6));
        Assert.True(divergence.Diverged(2.6e6));
    }

    [Fact]
    public void AFirstLossBelowOne_AllowsGrowthToAMillion()
    {
        var divergence = new Divergence();
        Assert.False(divergence.Diverged(1e-3));

        Assert.Equal(Divergence.Growth, divergence.Bound);
        Assert.False(divergence.Diverged(999_999));
        Assert.True(divergence.Diverged(1_000_001));
    }

    [Fact]
    public void Bound_IsNaNUntilAFiniteLossSetsIt()
    {
        var divergence = new Divergence();
        Assert.True(divergence.Diverged(double.NaN));
        Assert.True(double.IsNaN(divergence.Bound));

        Assert.False(divergence.Diverged(4));
        Assert.Equal(4e6, divergence.Bound);
    }
}
