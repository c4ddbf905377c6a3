using Michigrad.NN;

namespace Michigrad.Tests.NN;

public class MLPTests
{
    [Fact]
    public void Mlp_2_16_16_1_Has337Parameters()
    {
        // micrograd's demo model: (2·16 + 16) + (16·16 + 16) + (16·1 + 1) = 48 + 272 + 17 = 337.
        Assert.Equal(337, new MLP(2, [16, 16, 1]).ParameterCount);
    }

    [Fact]
    public void Mlp_2_16_16_1_WithoutBias_LosesExactlyThe33Biases()
    {
        var mlp = new MLP(2, [16, 16, 1], bias: false);

        Assert.Equal(337 - 33, mlp.ParameterCount);
        Assert.DoesNotContain(mlp.NamedParameters(), p => p.Name.EndsWith(".b", StringComparison.Ordinal));
    }

    [Fact]
    public void Layers_AreReluExceptTheLinearLast()
    {
        var mlp = new MLP(2, [4, 4, 1]);

        Assert.Equal([Activation.ReLU, Activation.ReLU, Activation.None], mlp.Layers.Select(l => l.Activation));
        Assert.Equal(Activation.ReLU, mlp.HiddenActivation);
    }

    [Fact]
    public void HiddenActivation_CanBeChosen()
    {
        var mlp = new MLP(3, [5, 2], hiddenActivation: Activation.Tanh);

        Assert.Equal([Activation.Tanh, Activation.None], mlp.Layers.Select(l => l.Activation));
        Assert.Equal(Activation.Tanh, mlp.HiddenActivation);
    }

    [Fact]
    public void Sizes_ChainTheLayers()
    {
        var mlp = new MLP(3, [5, 4, 2]);

        Assert.Equal([3, 5, 4], mlp.Layers.Select(l => l.InputSize!.Value));
        Assert.Equal([5, 4, 2], mlp.Layers.Select(l => l.OutputSize!.Value));
        Assert.Equal(3, mlp.InputSize);
        Assert.Equal(2, mlp.OutputSize);
    }

    [Fact]
    public void Forward_IsTheLayersAppliedInOrder()
    {
        var mlp = new MLP(2, [3, 2], seed: 5);
        Value[] input = [new(0.3), new(-0.7)];

        IReadOnlyList<Value> output = mlp.Forward(input);
        IReadOnlyList<Value> manual = mlp.Layers[1].Forward(mlp.Layers[0].Forward(input));

        Assert.Equal(manual.Select(v => v.Data), output.Select(v => v.Data));
    }

    [Fact]
    public void NamedParameters_AreStableReadableAndUnique()
    {
        var mlp = new MLP(2, [16, 16, 1]);
        List<string> names = mlp.NamedParameters().Select(p => p.Name).ToList();

        Assert.Equal("layers.0.neurons.0.w[0]", names[0]);
        Assert.Equal("layers.0.neurons.0.b", names[2]);
        Assert.Contains("layers.1.neurons.3.w[0]", names);
        Assert.Equal("layers.2.neurons.0.b", names[^1]);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(names, new MLP(2, [16, 16, 1]).NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void Init_IsTheSameForTheSameSeed()
    {
        double[] a = new MLP(2, [4, 1], seed: 42).Parameters().Select(p => p.Data).ToArray();
        double[] b = new MLP(2, [4, 1], seed: 42).Parameters().Select(p => p.Data).ToArray();
        double[] c = new MLP(2, [4, 1], seed: 43).Parameters().Select(p => p.Data).ToArray();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void ZeroGrad_ResetsEveryParameter()
    {
        var mlp = new MLP(2, [4, 1]);
        mlp.Forward(1.0, -1.0)[0].Backward();
        Assert.Contains(mlp.Parameters(), p => p.Grad != 0);

        mlp.ZeroGrad();

        Assert.All(mlp.Parameters(), p => Assert.Equal(0.0, p.Grad));
    }

    [Fact]
    public void Forward_WrongWidth_ThrowsNamingExpectedAndActual()
    {
        var error = Assert.Throws<ArgumentException>(() => new MLP(2, [3, 1]).Forward(1.0));

        Assert.Contains("expects 2", error.Message);
        Assert.Contains("got 1", error.Message);
    }

    [Fact]
    public void Constructor_RejectsEmptyOrNonPositiveSizes()
    {
        Assert.Equal("sizes", Assert.Throws<ArgumentException>(() => new MLP(2, [])).ParamName);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MLP(2, [4, 0, 1]));
        Assert.Equal("sizes", error.ParamName);
        Assert.Contains("sizes[1] = 0", error.Message);
    }
}
