using Michigrad.Losses;
using Michigrad.Tests.TestSupport;

namespace Michigrad.Tests.Losses;

public class HingeTests
{
    [Fact]
    public void IsTheMeanOfReluOfOneMinusLabelTimesScore()
    {
        Value[] scores = [new(2.0), new(0.5), new(-0.3), new(0.2)];

        Value loss = Loss.Hinge(scores, [1, 1, -1, -1]);
        loss.Backward();

        // Hand-computed: relu(1-2) + relu(1-0.5) + relu(1-0.3) + relu(1+0.2) = 0 + 0.5 + 0.7 + 1.2 = 2.4; /4 = 0.6.
        Assert.Equal(0.6, loss.Data, 1e-15);
        // ∂/∂sᵢ = -yᵢ/4 inside the margin, 0 outside it.
        Assert.Equal([0.0, -0.25, 0.25, 0.25], scores.Select(s => s.Grad));
    }

    [Fact]
    public void IsZeroOnceEveryScoreClearsTheMargin()
    {
        Assert.Equal(0.0, Loss.Hinge([3.0, -1.5], [1, -1]).Data);
    }

    [Fact]
    public void Gradient_MatchesFiniteDifferences()
    {
        double[] labels = [1, -1, 1, -1];

        FiniteDifference.AssertGradientMatches(s => Loss.Hinge(s, labels), [0.3, 0.4, -2.0, -1.7]);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(2.0)]
    [InlineData(double.NaN)]
    public void LabelOtherThanPlusOrMinusOne_ThrowsNamingIt(double label)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Loss.Hinge([1.0, 1.0], [1, label]));

        Assert.Equal("labels", error.ParamName);
        Assert.Contains("labels[1] must be -1 or +1", error.Message);
    }

    [Fact]
    public void DifferentCounts_Throw()
    {
        var error = Assert.Throws<ArgumentException>(() => Loss.Hinge([1.0], [1, -1]));

        Assert.Contains("scores has 1 values but labels has 2", error.Message);
    }

    [Fact]
    public void WithLabelValues_EqualsThePlainLabelsAndFollowsARefilledLabel()
    {
        double[] scores = [0.4, -2.0, 0.9];
        double[] labels = [1, 1, -1];
        Value[] labelValues = labels.Select(y => new Value(y)).ToArray();

        Value plain = Loss.Hinge(scores.Select(s => new Value(s)).ToArray(), labels);
        Value withValues = Loss.Hinge(scores.Select(s => new Value(s)).ToArray(), labelValues);
        Assert.Equal(plain.Data, withValues.Data, 1e-15);

        // The labels are leaves: a compiled graph sees a new label on its next forward pass.
        var compiled = withValues.Compile();
        labelValues[2].Data = 1;
        compiled.Forward();
        Assert.Equal(Loss.Hinge(scores.Select(s => new Value(s)).ToArray(), [1.0, 1, 1]).Data, compiled.Output, 1e-15);
    }
}
