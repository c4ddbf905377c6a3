using Michigrad.NN;

namespace Michigrad.Tests.NN;

public class WeightInitTests
{
    private static double[] Data(IEnumerable<Value> values) => [.. values.Select(v => v.Data)];

    [Fact]
    public void Default_IsMicrogradsUniformMinusOneToOne_WithZeroBiases()
    {
        var layer = new Layer(784, 8, seed: 3);
        var explicitly = new Layer(784, 8, seed: 3, init: WeightInit.Micrograd);

        Assert.Equal(Data(layer.Parameters()), Data(explicitly.Parameters()));
        double[] weights = Data(layer.Neurons.SelectMany(n => n.Weights));
        Assert.True(weights.Max() > 0.9 && weights.Min() < -0.9, "U(-1, 1) over 6,272 draws reaches past ±0.9");
        Assert.All(layer.Neurons, n => Assert.Equal(0.0, n.Bias!.Data));
    }

    [Fact]
    public void FanIn_DrawsWeightsAndBiasesWithinOneOverRootFanIn()
    {
        var model = new MLP(784, [32, 10], seed: 1, init: WeightInit.FanIn);

        foreach ((Layer layer, int fanIn) in model.Layers.Zip([784, 32]))
        {
            double bound = 1 / Math.Sqrt(fanIn);
            double[] weights = Data(layer.Neurons.SelectMany(n => n.Weights));
            double[] biases = Data(layer.Neurons.Select(n => n.Bias!));
            Assert.All(weights, w => Assert.InRange(w, -bound, bound));
            Assert.All(biases, b => Assert.InRange(b, -bound, bound));
            Assert.True(weights.Max() > 0.9 * bound && weights.Min() < -0.9 * bound, "the draws fill the interval");
            Assert.Contains(biases, b => b != 0);
        }
    }

    [Fact]
    public void FanIn_DrawsEachNeuronsWeightsThenItsBias_AsLinearScaledByTheSameBound()
    {
        // One generator, the same order as micrograd's (neuron by neuron) with the bias drawn after the weights.
        var neuron = new Neuron(4, new Random(7), init: WeightInit.FanIn);
        var random = new Random(7);
        double[] expected = [.. Enumerable.Range(0, 5).Select(_ => (random.NextDouble() * 2 - 1) * 0.5)];

        Assert.Equal(expected, Data(neuron.Parameters()));
    }

    [Fact]
    public void FanIn_IsTheSameForTheSameSeed_AndDiffersFromMicrograds()
    {
        var a = new MLP(20, [5, 3], seed: 4, init: WeightInit.FanIn);
        var b = new MLP(20, [5, 3], seed: 4, init: WeightInit.FanIn);
        var micrograd = new MLP(20, [5, 3], seed: 4);

        Assert.Equal(Data(a.Parameters()), Data(b.Parameters()));
        Assert.NotEqual(Data(a.Parameters()), Data(micrograd.Parameters()));
    }

    [Fact]
    public void FanIn_KeepsTheLogitsOfAnImageSmall()
    {
        // A 784-pixel input of ones: micrograd's U(-1, 1) sums 784 draws (spread about √(784/3) ≈ 16), the scaled
        // draws about 1/√3 of that per unit of input.
        Value[] image = [.. Enumerable.Repeat(1.0, 784).Select(x => new Value(x))];
        double Spread(MLP model) => model.Forward(image).Max(v => Math.Abs(v.Data));

        Assert.True(Spread(new MLP(784, [10], seed: 2)) > 5);
        Assert.True(Spread(new MLP(784, [10], seed: 2, init: WeightInit.FanIn)) < 2);
    }

    [Fact]
    public void AnUnknownInit_IsRefusedNamingIt()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MLP(2, [3], init: (WeightInit)9));
        Assert.Equal("init", e.ParamName);
        Assert.Contains("9", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Neuron(2, init: (WeightInit)(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Layer(2, 2, init: (WeightInit)2));
    }
}
