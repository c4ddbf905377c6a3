using Michigrad.Optim;

namespace Michigrad.Tests.Optim;

public class AdamTests
{
    private const double Tolerance = 1e-12;

    /// <summary>Runs one step per gradient on p = 1 with lr = 0.1 and returns p after each.</summary>
    private static double[] Steps(double[] gradients, double weightDecay = 0)
    {
        var p = new Value(1.0);
        var adam = new Adam([p], learningRate: 0.1, weightDecay: weightDecay);
        var after = new double[gradients.Length];
        for (int t = 0; t < gradients.Length; t++)
        {
            p.Grad = gradients[t];
            adam.Step();
            after[t] = p.Data;
        }
        return after;
    }

    [Fact]
    public void ConstantGradient_MovesByLearningRateEachStep()
    {
        // Hand-computed: with bias correction m̂ = g and v̂ = g², so each step is lr·g/(|g| + ε) = 0.1·0.5/(0.5 + 1e-8).
        double[] p = Steps([0.5, 0.5]);

        Assert.Equal(0.900000002, p[0], Tolerance);
        Assert.Equal(0.800000004, p[1], Tolerance);
    }

    [Fact]
    public void ChangingGradient_FollowsTheBiasCorrectedMoments()
    {
        // Hand-computed with PyTorch's formulas (β₁ = 0.9, β₂ = 0.999, ε = 1e-8), gradients 0.5 then -1:
        // step 2: m = 0.9·0.05 - 0.1 = -0.055, v = 0.999·0.00025 + 0.001 = 0.00124975,
        // p = 0.900000002 - 0.1·(m/0.19)/(√(v/0.001999) + 1e-8) = 0.9366103542405654.
        double[] p = Steps([0.5, -1.0]);

        Assert.Equal(0.900000002, p[0], Tolerance);
        Assert.Equal(0.9366103542405654, p[1], Tolerance);
    }

    [Fact]
    public void WeightDecay_AddsDecayTimesParameterToTheGradient()
    {
        // Hand-computed: step 1 has g = 0.5 + 0.1·1 = 0.6, so p = 1 - 0.1·0.6/(0.6 + 1e-8); step 2 has
        // g = 0.5 + 0.1·p₁, and the same formulas give 0.8000473404883316.
        double[] p = Steps([0.5, 0.5], weightDecay: 0.1);

        Assert.Equal(0.9000000016666666, p[0], Tolerance);
        Assert.Equal(0.8000473404883316, p[1], Tolerance);
    }

    [Fact]
    public void Defaults_AreThoseOfPyTorch()
    {
        var adam = new Adam([new Value(1.0)]);

        Assert.Equal(1e-3, adam.LearningRate);
        Assert.Equal(0.9, adam.Beta1);
        Assert.Equal(0.999, adam.Beta2);
        Assert.Equal(1e-8, adam.Eps);
        Assert.Equal(0.0, adam.WeightDecay);
        Assert.Equal(0, adam.StepCount);
    }

    [Fact]
    public void StepCount_CountsSteps()
    {
        var adam = new Adam([new Value(1.0)]);

        adam.Step();
        adam.Step();

        Assert.Equal(2, adam.StepCount);
    }

    [Fact]
    public void LearningRateSetter_RejectsNaN()
    {
        var adam = new Adam([new Value(1.0)]);

        Assert.Throws<ArgumentOutOfRangeException>(() => adam.LearningRate = double.NaN);
        Assert.Equal(1e-3, adam.LearningRate);
    }

    [Theory]
    [InlineData(-1e-3, 0.9, 0.999, 1e-8, 0, "learningRate")]
    [InlineData(1e-3, 1.0, 0.999, 1e-8, 0, "beta1")]
    [InlineData(1e-3, -0.1, 0.999, 1e-8, 0, "beta1")]
    [InlineData(1e-3, 0.9, double.NaN, 1e-8, 0, "beta2")]
    [InlineData(1e-3, 0.9, 0.999, -1e-8, 0, "eps")]
    [InlineData(1e-3, 0.9, 0.999, 1e-8, double.NaN, "weightDecay")]
    public void Constructor_RejectsInvalidHyperParametersNamingThem(
        double lr, double beta1, double beta2, double eps, double weightDecay, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new Adam([new Value(1.0)], lr, beta1, beta2, eps, weightDecay));

        Assert.Equal(name, error.ParamName);
        Assert.StartsWith(name + " must be", error.Message);
    }
}
