using Michigrad.NN;

namespace Michigrad.Tests.NN;

public class LayerTests
{
    [Fact]
    public void Forward_OfOneNeuron_StillReturnsAList()
    {
        var layer = new Layer(3, 1);

        IReadOnlyList<Value> output = layer.Forward(1.0, 2.0, 3.0);

        Assert.Single(output);
    }

    [Fact]
    public void Forward_ReturnsOneValuePerNeuronInOrder()
    {
        var layer = new Layer(2, 3, activation: Activation.None);
        Value[] input = [new(0.5), new(-1.5)];

        IReadOnlyList<Value> output = layer.Forward(input);

        Assert.Equal(3, output.Count);
        for (int j = 0; j < 3; j++)
            Assert.Equal(layer.Neurons[j].Forward(input)[0].Data, output[j].Data);
    }

    [Theory]
    [InlineData(true, 3 * (4 + 1))]
    [InlineData(false, 3 * 4)]
    public void ParameterCount_IsOneWeightPerInputPerNeuronPlusOptionalBias(bool bias, int expected)
    {
        Assert.Equal(expected, new Layer(4, 3, bias: bias).ParameterCount);
    }

    [Fact]
    public void NamedParameters_PrefixEachNeuron()
    {
        var layer = new Layer(2, 2);

        Assert.Equal(
            ["neurons.0.w[0]", "neurons.0.w[1]", "neurons.0.b", "neurons.1.w[0]", "neurons.1.w[1]", "neurons.1.b"],
            layer.NamedParameters().Select(p => p.Name));
        Assert.Same(layer.Neurons[1].Bias, layer.NamedParameters().Last().Parameter);
    }

    [Fact]
    public void Init_NeuronsDrawInTurnFromOneGenerator()
    {
        var layer = new Layer(3, 2, seed: 11);
        var random = new Random(11);
        var first = new Neuron(3, random);
        var second = new Neuron(3, random);

        Assert.Equal(first.Weights.Select(w => w.Data), layer.Neurons[0].Weights.Select(w => w.Data));
        Assert.Equal(second.Weights.Select(w => w.Data), layer.Neurons[1].Weights.Select(w => w.Data));
        Assert.NotEqual(layer.Neurons[0].Weights.Select(w => w.Data), layer.Neurons[1].Weights.Select(w => w.Data));
    }

    [Fact]
    public void Forward_WrongWidth_ThrowsNamingExpectedAndActual()
    {
        var error = Assert.Throws<ArgumentException>(() => new Layer(2, 5).Forward(1.0, 2.0, 3.0));

        Assert.Contains("expects 2", error.Message);
        Assert.Contains("got 3", error.Message);
    }

    [Fact]
    public void Constructor_RejectsZeroOutputs()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Layer(2, 0));

        Assert.Equal("outputs", error.ParamName);
    }
}
