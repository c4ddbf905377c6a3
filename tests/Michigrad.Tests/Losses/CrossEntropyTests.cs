using Michigrad.Losses;
using Michigrad.Tests.TestSupport;

namespace Michigrad.Tests.Losses;

public class CrossEntropyTests
{
    [Fact]
    public void IsMinusLogSoftmaxOfTheTarget()
    {
        Value[] z = [new(1.0), new(2.0), new(3.0)];

        Value loss = Loss.CrossEntropy(z, 0);
        loss.Backward();

        // Hand-computed (and PyTorch's F.cross_entropy(tensor([[1., 2., 3.]]), tensor([0])) = 2.4076):
        // log(e + e² + e³) - 1; ∂L/∂zⱼ = softmax(z)ⱼ - [j = 0].
        Assert.Equal(2.40760596444438, loss.Data, 1e-14);
        Assert.Equal(0.09003057317038046 - 1, z[0].Grad, 1e-15);
        Assert.Equal(0.24472847105479767, z[1].Grad, 1e-15);
        Assert.Equal(0.6652409557748219, z[2].Grad, 1e-15);
    }

    [Fact]
    public void LogitsOf1000_GiveAFiniteLossAndGradient()
    {
        Value[] z = [new(1000.0), new(0.0), new(-1000.0)];

        Value loss = Loss.CrossEntropy(z, 1);
        loss.Backward();

        // Hand-computed: softmax is (1, e^-1000, 0) to double precision, so the loss is 1000 and ∂L/∂z = (1, -1, 0).
        Assert.Equal(1000.0, loss.Data);
        Assert.Equal([1.0, -1.0, 0.0], z.Select(v => v.Grad));
    }

    [Fact]
    public void TwoEqualLogitsOf1000_GiveLog2()
    {
        Assert.Equal(Math.Log(2), Loss.CrossEntropy([1000.0, 1000.0], 0).Data, 1e-15);
    }

    [Fact]
    public void ShiftingEveryLogit_ChangesNothing()
    {
        Value[] z = [new(0.2), new(-1.1), new(0.7)];
        Value[] shifted = [new(500.2), new(498.9), new(500.7)];

        Value a = Loss.CrossEntropy(z, 2);
        Value b = Loss.CrossEntropy(shifted, 2);
        a.Backward();
        b.Backward();

        Assert.Equal(a.Data, b.Data, 1e-12);
        for (int j = 0; j < 3; j++) Assert.Equal(z[j].Grad, shifted[j].Grad, 1e-12);
    }

    [Fact]
    public void Gradient_MatchesFiniteDifferences()
    {
        FiniteDifference.AssertGradientMatches(z => Loss.CrossEntropy(z, 1), [0.3, -0.2, 1.4, 0.0]);
    }

    [Fact]
    public void Batch_IsTheMeanOfTheSamples()
    {
        Value[] first = [new(1.0), new(2.0), new(3.0)];
        Value[] second = [new(-0.5), new(0.5), new(0.0)];

        double batch = Loss.CrossEntropy([first, second], [0, 2]).Data;
        double mean = (Loss.CrossEntropy(first, 0).Data + Loss.CrossEntropy(second, 2).Data) / 2;

        Assert.Equal(mean, batch, 1e-15);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public void TargetThatIsNotAClass_ThrowsNamingIt(int target)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Loss.CrossEntropy([1.0, 2.0, 3.0], target));

        Assert.Equal("target", error.ParamName);
        Assert.Contains("[0, 3)", error.Message);
    }

    [Fact]
    public void Batch_WithUnevenClassCounts_Throws()
    {
        Value[] three = [new(1.0), new(2.0), new(3.0)];
        Value[] two = [new(1.0), new(2.0)];

        var error = Assert.Throws<ArgumentException>(() => Loss.CrossEntropy([three, two], [0, 0]));

        Assert.Equal("logits", error.ParamName);
        Assert.Contains("logits[1] has 2", error.Message);
    }

    [Fact]
    public void Batch_TargetOutOfRange_ThrowsNamingTheSample()
    {
        Value[] sample = [new(1.0), new(2.0)];

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Loss.CrossEntropy([sample, sample], [1, 2]));

        Assert.Equal("targets", error.ParamName);
        Assert.Contains("targets[1]", error.Message);
    }

    [Fact]
    public void WithOneHotTargetValues_EqualsTheClassIndexForm()
    {
        double[][] logits = [[0.3, -1.2, 2.0], [1000.0, 999.0, -5.0]];
        int[] classes = [2, 1];
        Value[][] a = logits.Select(r => r.Select(v => new Value(v)).ToArray()).ToArray();
        Value[][] b = logits.Select(r => r.Select(v => new Value(v)).ToArray()).ToArray();
        Value[][] oneHot = classes.Select(c => Enumerable.Range(0, 3).Select(j => new Value(j == c ? 1.0 : 0.0)).ToArray()).ToArray();

        Value byIndex = Loss.CrossEntropy(a, classes);
        Value byProbabilities = Loss.CrossEntropy(b, oneHot);
        byIndex.Backward();
        byProbabilities.Backward();

        Assert.Equal(byIndex.Data, byProbabilities.Data, 1e-15);
        for (int s = 0; s < a.Length; s++)
            for (int j = 0; j < 3; j++) Assert.Equal(a[s][j].Grad, b[s][j].Grad, 1e-15);
    }

    [Fact]
    public void WithTargetProbabilities_MatchesFiniteDifferences()
    {
        double[] targets = [0.2, 0.5, 0.3];
        FiniteDifference.AssertGradientMatches(
            z => Loss.CrossEntropy([z], [targets.Select(t => new Value(t)).ToArray()]), [0.4, -1.1, 2.3]);
    }

    [Fact]
    public void WithTargetProbabilities_RejectsARowOfTheWrongWidth()
    {
        Value[][] logits = [[new(1.0), new(2.0)]];
        Value[][] targets = [[new(1.0), new(0.0), new(0.0)]];
        var error = Assert.Throws<ArgumentException>(() => Loss.CrossEntropy(logits, targets));
        Assert.Contains("targets[0]", error.Message);
    }
}
