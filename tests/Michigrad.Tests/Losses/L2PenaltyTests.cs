using Michigrad.Losses;
using Michigrad.NN;

namespace Michigrad.Tests.Losses;

public class L2PenaltyTests
{
    [Fact]
    public void IsAlphaTimesTheSumOfSquares()
    {
        Value[] p = [new(1.0), new(-2.0), new(3.0)];

        Value penalty = Loss.L2Penalty(p, 0.5);
        penalty.Backward();

        // Hand-computed: 0.5·(1 + 4 + 9) = 7; ∂/∂p = 2·0.5·p = p.
        Assert.Equal(7.0, penalty.Data);
        Assert.Equal([1.0, -2.0, 3.0], p.Select(v => v.Grad));
    }

    [Fact]
    public void OfAModule_CoversEveryParameter()
    {
        var mlp = new MLP(2, [3, 1]);
        double expected = 1e-4 * mlp.Parameters().Sum(p => p.Data * p.Data);

        Assert.Equal(expected, Loss.L2Penalty(mlp.Parameters(), 1e-4).Data, 1e-15);
    }

    [Fact]
    public void OfNoParameters_IsZero()
    {
        Assert.Equal(0.0, Loss.L2Penalty([], 1.0).Data);
    }

    [Theory]
    [InlineData(-1e-4)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void InvalidAlpha_ThrowsNamingIt(double alpha)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Loss.L2Penalty([new Value(1.0)], alpha));

        Assert.Equal("alpha", error.ParamName);
        Assert.Contains("alpha must be finite and ≥ 0", error.Message);
    }
}
