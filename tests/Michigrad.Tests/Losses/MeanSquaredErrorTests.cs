using Michigrad.Losses;
using Michigrad.Tests.TestSupport;

namespace Michigrad.Tests.Losses;

public class MeanSquaredErrorTests
{
    [Fact]
    public void IsTheMeanOfSquaredDifferences()
    {
        Value[] p = [new(1.0), new(2.0), new(3.0)];

        Value loss = Loss.MeanSquaredError(p, [1.5, 2.0, 1.0]);
        loss.Backward();

        // Hand-computed: (0.25 + 0 + 4) / 3; ∂L/∂pᵢ = 2(pᵢ - yᵢ)/3 = -1/3, 0, 4/3.
        Assert.Equal(4.25 / 3, loss.Data, 1e-15);
        Assert.Equal(-1.0 / 3, p[0].Grad, 1e-15);
        Assert.Equal(0.0, p[1].Grad, 1e-15);
        Assert.Equal(4.0 / 3, p[2].Grad, 1e-15);
    }

    [Fact]
    public void Gradient_MatchesFiniteDifferences()
    {
        double[] targets = [0.3, -1.2, 2.0, 0.0];

        FiniteDifference.AssertGradientMatches(p => Loss.MeanSquaredError(p, targets), [1.1, -0.4, 2.5, -0.7]);
    }

    [Fact]
    public void DifferentCounts_ThrowNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => Loss.MeanSquaredError([1.0, 2.0, 3.0], [1.0, 2.0]));

        Assert.Equal("targets", error.ParamName);
        Assert.Contains("predictions has 3 values but targets has 2", error.Message);
    }

    [Fact]
    public void NoPredictions_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Loss.MeanSquaredError([], Array.Empty<double>()));

        Assert.Equal("predictions", error.ParamName);
        Assert.Contains("at least one", error.Message);
    }

    [Fact]
    public void NullPrediction_ThrowsNamingItsIndex()
    {
        var error = Assert.Throws<ArgumentNullException>(() => Loss.MeanSquaredError([new Value(1.0), null!], [1.0, 2.0]));

        Assert.Contains("predictions[1]", error.Message);
    }

    [Fact]
    public void WithTargetValues_EqualsThePlainTargets()
    {
        double[] predictions = [0.5, -1.25, 3.0];
        double[] targets = [1.0, -1.0, 2.5];
        Value plain = Loss.MeanSquaredError(predictions.Select(p => new Value(p)).ToArray(), targets);
        Value withValues = Loss.MeanSquaredError(
            predictions.Select(p => new Value(p)).ToArray(), targets.Select(t => new Value(t)).ToArray());
        Assert.Equal(plain.Data, withValues.Data);
    }
}
