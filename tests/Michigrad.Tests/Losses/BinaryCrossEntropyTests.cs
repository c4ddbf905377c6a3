using Michigrad.Losses;
using Michigrad.Tests.TestSupport;

namespace Michigrad.Tests.Losses;

public class BinaryCrossEntropyTests
{
    [Fact]
    public void MatchesTheFormulaForHardTargets()
    {
        Value[] p = [new(0.8), new(0.3)];

        Value loss = Loss.BinaryCrossEntropy(p, [1, 0]);
        loss.Backward();

        // Hand-computed: -(log 0.8 + log 0.7)/2; ∂L/∂pᵢ = (pᵢ - yᵢ)/(pᵢ(1 - pᵢ))/2.
        Assert.Equal(0.2899092476264711, loss.Data, 1e-15);
        Assert.Equal(-0.2 / 0.16 / 2, p[0].Grad, 1e-14);
        Assert.Equal(0.3 / 0.21 / 2, p[1].Grad, 1e-14);
    }

    [Fact]
    public void MatchesTheFormulaForASoftTarget()
    {
        // Hand-computed: -(0.25·log 0.6 + 0.75·log 0.4).
        Assert.Equal(0.814924454847114, Loss.BinaryCrossEntropy([0.6], [0.25]).Data, 1e-15);
    }

    [Fact]
    public void Gradient_MatchesFiniteDifferences()
    {
        double[] targets = [1, 0, 0.25, 0.9];

        FiniteDifference.AssertGradientMatches(p => Loss.BinaryCrossEntropy(p, targets), [0.7, 0.2, 0.5, 0.35]);
    }

    [Fact]
    public void CertainAndWrong_IsClampedTo100AsInPyTorch()
    {
        // PyTorch: F.binary_cross_entropy(tensor([0.]), tensor([1.])) = 100 (log clamped at -100); same for p=1, y=0.
        Value[] p = [new(0.0), new(1.0)];

        Value loss = Loss.BinaryCrossEntropy(p, [1, 0]);
        loss.Backward();

        Assert.Equal(100.0, loss.Data);
        // The loss is built from operations, log(max(p, e^-100)): where the clamp holds it is flat, so the gradient
        // is 0 (never 0/0 = NaN). PyTorch's hand-written backward pushes here instead (±500000001997.9014).
        Assert.Equal(0.0, p[0].Grad);
        Assert.Equal(0.0, p[1].Grad);
    }

    [Fact]
    public void JustInsideTheClamp_TheGradientIsTheLossDerivative()
    {
        // Hand-computed: for p = 1e-6, y = 1, ∂L/∂p = -1/p; torch.autograd.grad agrees there (p(1 - p) > 1e-12).
        var p = new Value(1e-6);
        Value loss = Loss.BinaryCrossEntropy([p], [1]);
        loss.Backward();

        Assert.Equal(-Math.Log(1e-6), loss.Data, 1e-12);
        Assert.Equal(-1e6, p.Grad, 1e-3);
    }

    [Fact]
    public void ValueTargets_GiveTheSameLossAndGradient()
    {
        double[] probabilities = [0.7, 0.2, 0.5, 0.35], targets = [1, 0, 0.25, 0.9];
        Value[] p1 = probabilities.Select(v => new Value(v)).ToArray(), p2 = probabilities.Select(v => new Value(v)).ToArray();

        Value withNumbers = Loss.BinaryCrossEntropy(p1, targets);
        Value withValues = Loss.BinaryCrossEntropy(p2, targets.Select(t => new Value(t)).ToArray());
        withNumbers.Backward();
        withValues.Backward();

        Assert.Equal(withNumbers.Data, withValues.Data, 1e-15);
        for (int i = 0; i < p1.Length; i++) Assert.Equal(p1[i].Grad, p2[i].Grad, 1e-13);
    }

    [Fact]
    public void CertainAndRight_IsZero()
    {
        Assert.Equal(0.0, Loss.BinaryCrossEntropy([0.0, 1.0], [0, 1]).Data);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void ProbabilityOutsideZeroOne_ThrowsNamingIt(double probability)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Loss.BinaryCrossEntropy([0.5, probability], [1, 1]));

        Assert.Equal("probabilities", error.ParamName);
        Assert.Contains("probabilities[1] must be in [0, 1]", error.Message);
    }

    [Fact]
    public void TargetOutsideZeroOne_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Loss.BinaryCrossEntropy([0.5], [2]));

        Assert.Equal("targets", error.ParamName);
        Assert.Contains("targets[0] must be in [0, 1], got 2", error.Message);
    }
}
