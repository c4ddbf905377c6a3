using Michigrad.Autograd;
using Michigrad.NN;
using Michigrad.Tests.TestSupport;

namespace Michigrad.Tests.NN;

public class NeuronTests
{
    private const double Tolerance = 1e-12;

    private static Neuron WithWeights(double[] weights, double? bias, Activation activation)
    {
        var neuron = new Neuron(weights.Length, bias: bias is not null, activation: activation);
        for (int i = 0; i < weights.Length; i++) neuron.Weights[i].Data = weights[i];
        if (bias is double b) neuron.Bias!.Data = b;
        return neuron;
    }

    [Fact]
    public void Forward_ComputesReluOfWeightedSumPlusBias()
    {
        Neuron neuron = WithWeights([0.5, -1.0, 2.0], bias: 0.25, Activation.ReLU);

        IReadOnlyList<Value> output = neuron.Forward(1.0, 2.0, 3.0);

        // Hand-computed: 0.25 + 0.5·1 - 1·2 + 2·3 = 4.75, and relu(4.75) = 4.75.
        Assert.Single(output);
        Assert.Equal(4.75, output[0].Data, Tolerance);
        Assert.Equal("relu", output[0].Op);
    }

    [Fact]
    public void Forward_ReluClipsANegativeSumToZero()
    {
        Neuron neuron = WithWeights([1.0, 1.0], bias: -5.0, Activation.ReLU);

        Assert.Equal(0.0, neuron.Forward(1.0, 2.0)[0].Data);
    }

    [Theory]
    [InlineData(Activation.None, 0.7)]
    [InlineData(Activation.Tanh, 0.60436777711716361)]    // Math.Tanh(0.7), as Python's math.tanh(0.7)
    [InlineData(Activation.Sigmoid, 0.66818777216816616)] // 1 / (1 + exp(-0.7)), as Python computes it
    public void Forward_AppliesTheChosenActivation(Activation activation, double expected)
    {
        // The weighted sum is 0.1 + 0.2·1 + 0.4·1 = 0.7.
        Neuron neuron = WithWeights([0.2, 0.4], bias: 0.1, activation);

        Assert.Equal(expected, neuron.Forward(1.0, 1.0)[0].Data, 1e-12);
    }

    [Fact]
    public void BiasFalse_HasNoBiasAndOnlyWeights()
    {
        var neuron = new Neuron(4, bias: false);

        Assert.Null(neuron.Bias);
        Assert.Equal(4, neuron.ParameterCount);
        Assert.Equal(["w[0]", "w[1]", "w[2]", "w[3]"], neuron.NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void BiasFalse_ComputesTheSumOfProductsOnly()
    {
        Neuron neuron = WithWeights([3.0, -2.0], bias: null, Activation.None);

        // Hand-computed: 3·2 - 2·0.5 = 5.
        Assert.Equal(5.0, neuron.Forward(2.0, 0.5)[0].Data, Tolerance);
    }

    [Fact]
    public void WithBias_NamesWeightsThenBias()
    {
        var neuron = new Neuron(2);

        Assert.Equal(["w[0]", "w[1]", "b"], neuron.NamedParameters().Select(p => p.Name));
        Assert.Same(neuron.Bias, neuron.Parameters().Last());
        Assert.Equal(3, neuron.ParameterCount);
    }

    [Fact]
    public void Init_DrawsWeightsFromMinusOneToOneAndStartsTheBiasAtZero()
    {
        var neuron = new Neuron(200, seed: 3);

        Assert.All(neuron.Weights, w => Assert.InRange(w.Data, -1.0, 1.0));
        Assert.Contains(neuron.Weights, w => w.Data < -0.5);   // spread over the interval, not squeezed near 0
        Assert.Contains(neuron.Weights, w => w.Data > 0.5);
        Assert.Equal(0.0, neuron.Bias!.Data);
    }

    [Fact]
    public void Init_IsTheSameForTheSameSeedAndDiffersForAnother()
    {
        double[] a = new Neuron(5, seed: 7).Weights.Select(w => w.Data).ToArray();
        double[] b = new Neuron(5, seed: 7).Weights.Select(w => w.Data).ToArray();
        double[] c = new Neuron(5, seed: 8).Weights.Select(w => w.Data).ToArray();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Forward_WrongWidth_ThrowsNamingExpectedAndActual()
    {
        var neuron = new Neuron(3);

        var error = Assert.Throws<ArgumentException>(() => neuron.Forward(1.0, 2.0));

        Assert.Equal("input", error.ParamName);
        Assert.Contains("expects 3", error.Message);
        Assert.Contains("got 2", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_RejectsFewerThanOneInput(int inputs)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Neuron(inputs));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains(inputs.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Fact]
    public void Forward_BuildsNoConstantNodes()
    {
        // The sum starts from the bias (or the first product): every leaf of the graph is a weight, the bias or an input.
        foreach (bool bias in new[] { true, false })
        {
            var neuron = new Neuron(3, bias: bias, activation: Activation.Tanh);
            Value[] input = [new(1.0), new(2.0), new(3.0)];

            Value output = neuron.Forward(input)[0];

            var allowed = new HashSet<Value>(neuron.Parameters().Concat(input), ReferenceEqualityComparer.Instance);
            List<Value> leaves = TopologicalOrder.Of(output).Where(v => v.Op == "").ToList();
            Assert.All(leaves, leaf => Assert.Contains(leaf, allowed));
            Assert.Equal(allowed.Count, leaves.Count);
        }
    }

    [Fact]
    public void Backward_MatchesFiniteDifferencesForInputs()
    {
        Neuron neuron = WithWeights([0.3, -0.8, 0.5], bias: 0.1, Activation.Tanh);

        FiniteDifference.AssertGradientMatches(x => neuron.Forward(x)[0], [0.4, -0.2, 0.9]);
    }

    [Fact]
    public void Backward_GivesEachWeightItsInput()
    {
        Neuron neuron = WithWeights([0.3, -0.8], bias: 0.1, Activation.None);

        neuron.Forward(2.0, -3.0)[0].Backward();

        // d(b + w0·x0 + w1·x1)/dwᵢ = xᵢ and d/db = 1.
        Assert.Equal(2.0, neuron.Weights[0].Grad);
        Assert.Equal(-3.0, neuron.Weights[1].Grad);
        Assert.Equal(1.0, neuron.Bias!.Grad);
    }
}
