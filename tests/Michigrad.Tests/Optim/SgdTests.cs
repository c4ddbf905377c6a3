using Michigrad.Optim;

namespace Michigrad.Tests.Optim;

public class SgdTests
{
    private const double Tolerance = 1e-15;

    /// <summary>Runs two steps on p = 1 with gradient 0.5 each time and returns p after each.</summary>
    private static (double First, double Second) TwoSteps(double momentum = 0, double weightDecay = 0)
    {
        var p = new Value(1.0);
        var sgd = new Sgd([p], learningRate: 0.1, momentum: momentum, weightDecay: weightDecay);
        p.Grad = 0.5;
        sgd.Step();
        double first = p.Data;
        p.Grad = 0.5;
        sgd.Step();
        return (first, p.Data);
    }

    [Fact]
    public void Plain_SubtractsLearningRateTimesGradient()
    {
        // Hand-computed: 1 - 0.1·0.5 = 0.95, then 0.95 - 0.05 = 0.9.
        (double first, double second) = TwoSteps();

        Assert.Equal(0.95, first, Tolerance);
        Assert.Equal(0.9, second, Tolerance);
    }

    [Fact]
    public void Momentum_StartsTheBufferAtTheFirstGradient()
    {
        // Hand-computed (PyTorch's rule): buf = 0.5, p = 0.95; then buf = 0.9·0.5 + 0.5 = 0.95, p = 0.95 - 0.095 = 0.855.
        (double first, double second) = TwoSteps(momentum: 0.9);

        Assert.Equal(0.95, first, Tolerance);
        Assert.Equal(0.855, second, Tolerance);
    }

    [Fact]
    public void WeightDecay_AddsDecayTimesParameterToTheGradient()
    {
        // Hand-computed: g = 0.5 + 0.1·1 = 0.6, p = 0.94; then g = 0.5 + 0.1·0.94 = 0.594, p = 0.94 - 0.0594 = 0.8806.
        (double first, double second) = TwoSteps(weightDecay: 0.1);

        Assert.Equal(0.94, first, Tolerance);
        Assert.Equal(0.8806, second, Tolerance);
    }

    [Fact]
    public void MomentumAndWeightDecay_Combine()
    {
        // Hand-computed: g = 0.6, buf = 0.6, p = 0.94; then g = 0.594, buf = 0.9·0.6 + 0.594 = 1.134, p = 0.8266.
        (double first, double second) = TwoSteps(momentum: 0.9, weightDecay: 0.1);

        Assert.Equal(0.94, first, Tolerance);
        Assert.Equal(0.8266, second, Tolerance);
    }

    [Fact]
    public void Step_UpdatesEveryParameterFromItsOwnGradient()
    {
        Value[] p = [new(1.0), new(-2.0)];
        var sgd = new Sgd(p, learningRate: 0.5);
        p[0].Grad = 1.0;
        p[1].Grad = -4.0;

        sgd.Step();

        Assert.Equal(0.5, p[0].Data);
        Assert.Equal(0.0, p[1].Data);
        Assert.Equal(p, sgd.Parameters);
    }

    [Fact]
    public void ZeroGrad_ResetsTheGradients()
    {
        Value[] p = [new(1.0), new(2.0)];
        var sgd = new Sgd(p, learningRate: 0.1);
        p[0].Grad = 3;
        p[1].Grad = -1;

        sgd.ZeroGrad();

        Assert.All(p, v => Assert.Equal(0.0, v.Grad));
    }

    [Fact]
    public void LearningRate_ChangedBetweenSteps_IsUsedByTheNextStep()
    {
        var p = new Value(1.0) { Grad = 1.0 };
        var sgd = new Sgd([p], learningRate: 0.1);
        sgd.Step();

        sgd.LearningRate = 0.0;
        sgd.Step();

        Assert.Equal(0.9, p.Data, Tolerance);
        Assert.Equal(0.0, sgd.LearningRate);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void LearningRateSetter_RejectsInvalidValuesNamingIt(double value)
    {
        var sgd = new Sgd([new Value(1.0)], learningRate: 0.1);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = value);

        Assert.Contains("LearningRate must be finite and ≥ 0", error.Message);
        Assert.Equal(0.1, sgd.LearningRate);
    }

    [Theory]
    [InlineData(-0.1, 0, 0, "learningRate")]
    [InlineData(double.NaN, 0, 0, "learningRate")]
    [InlineData(0.1, -0.9, 0, "momentum")]
    [InlineData(0.1, double.NaN, 0, "momentum")]
    [InlineData(0.1, 0, -1e-4, "weightDecay")]
    [InlineData(0.1, 0, double.NaN, "weightDecay")]
    public void Constructor_RejectsInvalidHyperParametersNamingThem(double lr, double momentum, double weightDecay, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new Sgd([new Value(1.0)], lr, momentum, weightDecay));

        Assert.Equal(name, error.ParamName);
        Assert.Contains(name + " must be finite and ≥ 0", error.Message);
    }

    [Fact]
    public void Constructor_RejectsAnEmptyParameterList()
    {
        var error = Assert.Throws<ArgumentException>(() => new Sgd([], 0.1));

        Assert.Equal("parameters", error.ParamName);
    }

    [Fact]
    public void Constructor_RejectsAParameterListedTwice()
    {
        var p = new Value(1.0);

        var error = Assert.Throws<ArgumentException>(() => new Sgd([p, new Value(2.0), p], 0.1));

        Assert.Equal("parameters", error.ParamName);
        Assert.Contains("parameters[2]", error.Message);
    }
}
