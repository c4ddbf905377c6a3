using Michigrad.NN;
using Michigrad.Tests.TestSupport;

namespace Michigrad.Tests.NN;

public class LinearTests
{
    [Fact]
    public void Weight_IsIndexedOutByIn()
    {
        var linear = new Linear(3, 2);

        Assert.Equal(2, linear.Weight.GetLength(0));
        Assert.Equal(3, linear.Weight.GetLength(1));
        Assert.Equal(2, linear.Bias!.Count);
        Assert.Equal(3, linear.InFeatures);
        Assert.Equal(2, linear.OutFeatures);
    }

    [Theory]
    [InlineData(true, 3 * 2 + 2)]
    [InlineData(false, 3 * 2)]
    public void ParameterCount_IsWeightsPlusOptionalBiases(bool bias, int expected)
    {
        var linear = new Linear(3, 2, bias: bias);

        Assert.Equal(expected, linear.ParameterCount);
        Assert.Equal(bias, linear.Bias is not null);
    }

    [Fact]
    public void Forward_ComputesWeightTimesInputPlusBias()
    {
        var linear = new Linear(2, 2);
        double[,] w = { { 1.0, 2.0 }, { -3.0, 0.5 } };
        for (int j = 0; j < 2; j++)
            for (int i = 0; i < 2; i++)
                linear.Weight[j, i].Data = w[j, i];
        linear.Bias![0].Data = 0.25;
        linear.Bias[1].Data = -1.0;

        IReadOnlyList<Value> y = linear.Forward(4.0, -2.0);

        // Hand-computed: y0 = 1·4 + 2·(-2) + 0.25 = 0.25; y1 = -3·4 + 0.5·(-2) - 1 = -14.
        Assert.Equal(0.25, y[0].Data, 1e-12);
        Assert.Equal(-14.0, y[1].Data, 1e-12);
    }

    [Fact]
    public void Forward_WithoutBias_IsTheProductsOnly()
    {
        var linear = new Linear(2, 1, bias: false);
        linear.Weight[0, 0].Data = 2.0;
        linear.Weight[0, 1].Data = 3.0;

        Assert.Equal(2.0 * 5.0 + 3.0 * 7.0, linear.Forward(5.0, 7.0)[0].Data);
    }

    [Fact]
    public void Init_StaysWithinPyTorchsBoundOneOverSqrtInFeatures()
    {
        // PyTorch's nn.Linear draws weight and bias from U(-1/√in, 1/√in): here 1/√16 = 0.25.
        var linear = new Linear(16, 32, seed: 1);

        Assert.All(linear.Parameters(), p => Assert.InRange(p.Data, -0.25, 0.25));
        Assert.Contains(linear.Parameters(), p => p.Data > 0.2);   // it uses the whole interval
        Assert.Contains(linear.Parameters(), p => p.Data < -0.2);
        Assert.Contains(linear.Bias!, b => b.Data != 0);           // biases are drawn too, not zero
    }

    [Fact]
    public void Init_IsTheSameForTheSameSeed_AndASharedRandomGivesDifferentLayers()
    {
        double[] a = new Linear(4, 4, seed: 9).Parameters().Select(p => p.Data).ToArray();
        double[] b = new Linear(4, 4, seed: 9).Parameters().Select(p => p.Data).ToArray();
        var random = new Random(9);
        double[] first = new Linear(4, 4, random).Parameters().Select(p => p.Data).ToArray();
        double[] second = new Linear(4, 4, random).Parameters().Select(p => p.Data).ToArray();

        Assert.Equal(a, b);
        Assert.Equal(a, first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Init_DrawsWeightsRowByRowThenBiases()
    {
        var linear = new Linear(2, 2, seed: 4);
        var random = new Random(4);
        double bound = 1 / Math.Sqrt(2);
        double Next() => (random.NextDouble() * 2 - 1) * bound;

        double[] expected = [Next(), Next(), Next(), Next(), Next(), Next()];

        Assert.Equal(expected, linear.Parameters().Select(p => p.Data));
    }

    [Fact]
    public void NamedParameters_FollowPyTorchsOrder()
    {
        var linear = new Linear(2, 2);

        Assert.Equal(
            ["weight[0,0]", "weight[0,1]", "weight[1,0]", "weight[1,1]", "bias[0]", "bias[1]"],
            linear.NamedParameters().Select(p => p.Name));
        Assert.Same(linear.Weight[1, 0], linear.NamedParameters().ElementAt(2).Parameter);
    }

    [Fact]
    public void Forward_WrongWidth_ThrowsNamingExpectedAndActual()
    {
        var error = Assert.Throws<ArgumentException>(() => new Linear(3, 2).Forward(1.0, 2.0));

        Assert.Equal("input", error.ParamName);
        Assert.Contains("Linear(3, 2)", error.Message);
        Assert.Contains("expects 3", error.Message);
        Assert.Contains("got 2", error.Message);
    }

    [Fact]
    public void Constructor_RejectsZeroFeatures()
    {
        Assert.Equal("inFeatures", Assert.Throws<ArgumentOutOfRangeException>(() => new Linear(0, 2)).ParamName);
        Assert.Equal("outFeatures", Assert.Throws<ArgumentOutOfRangeException>(() => new Linear(2, 0)).ParamName);
    }

    [Fact]
    public void Backward_MatchesFiniteDifferencesForInputs()
    {
        var linear = new Linear(3, 2, seed: 2);

        // A scalar of both outputs, so that every weight row matters.
        FiniteDifference.AssertGradientMatches(x =>
        {
            IReadOnlyList<Value> y = linear.Forward(x);
            return y[0] * y[1] + y[1];
        }, [0.5, -1.0, 2.0]);
    }
}
