using Michigrad.Losses;
using Michigrad.Tests.TestSupport;

namespace Michigrad.Tests.Losses;

public class BinaryCrossEntropyWithLogitsTests
{
    [Fact]
    public void MatchesTheFormula()
    {
        Value[] x = [new(2.0), new(-1.0), new(0.0)];

        Value loss = Loss.BinaryCrossEntropyWithLogits(x, [1, 0, 1]);
        loss.Backward();

        // Hand-computed: (log(1 + e^-2) + log(1 + e^-1) + log 2) / 3; ∂L/∂xᵢ = (σ(xᵢ) - yᵢ)/3.
        Assert.Equal(0.3777789597070469, loss.Data, 1e-15);
        Assert.Equal(-0.0397343073407059, x[0].Grad, 1e-15);
        Assert.Equal(0.08964714045666504, x[1].Grad, 1e-15);
        Assert.Equal(-1.0 / 6, x[2].Grad, 1e-15);
    }

    [Fact]
    public void EqualsBinaryCrossEntropyOfTheSigmoid()
    {
        double[] logits = [1.3, -0.4, 0.05, -2.2];
        double[] targets = [1, 0, 0.3, 0.8];

        double fromLogits = Loss.BinaryCrossEntropyWithLogits(logits.Select(v => new Value(v)).ToArray(), targets).Data;
        double fromProbabilities = Loss.BinaryCrossEntropy(logits.Select(v => new Value(v).Sigmoid()).ToArray(), targets).Data;

        Assert.Equal(fromProbabilities, fromLogits, 1e-14);
    }

    [Fact]
    public void Gradient_AtZero_IsHalfMinusTarget()
    {
        // σ(0) = 0.5, so ∂L/∂x = 0.5 - y for a single sample: the |x| branch at 0 must agree with relu'(0) = 0.
        foreach (double y in new[] { 0.0, 1.0, 0.3 })
        {
            var x = new Value(0.0);
            Loss.BinaryCrossEntropyWithLogits([x], [y]).Backward();
            Assert.Equal(0.5 - y, x.Grad, 1e-15);
        }
    }

    [Fact]
    public void Gradient_MatchesFiniteDifferences()
    {
        double[] targets = [1, 0, 0.25, 0.6];

        FiniteDifference.AssertGradientMatches(x => Loss.BinaryCrossEntropyWithLogits(x, targets), [1.7, -0.3, 0.4, -2.5]);
    }

    [Fact]
    public void LogitsOfPlusMinus1000_StayFinite()
    {
        Value[] wrong = [new(1000.0), new(-1000.0)];
        Value[] right = [new(1000.0), new(-1000.0)];

        Value wrongLoss = Loss.BinaryCrossEntropyWithLogits(wrong, [0, 1]);
        Value rightLoss = Loss.BinaryCrossEntropyWithLogits(right, [1, 0]);
        wrongLoss.Backward();
        rightLoss.Backward();

        // Hand-computed: a wrong certainty costs |x| = 1000 each; ∂L/∂x = (σ(x) - y)/2 = ±0.5, or 0 when right.
        Assert.Equal(1000.0, wrongLoss.Data);
        Assert.Equal([0.5, -0.5], wrong.Select(v => v.Grad));
        Assert.Equal(0.0, rightLoss.Data);
        Assert.Equal([0.0, 0.0], right.Select(v => v.Grad));
    }

    [Fact]
    public void TargetOutsideZeroOne_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Loss.BinaryCrossEntropyWithLogits([0.5, 1.0], [1, -1]));

        Assert.Equal("targets", error.ParamName);
        Assert.Contains("targets[1]", error.Message);
    }
}
