using Michigrad.NN;

namespace Michigrad.Tests.NN;

public class ActivationModuleTests
{
    public static TheoryData<ElementwiseActivation, Func<double, double>> Modules => new()
    {
        { new Tanh(), Math.Tanh },
        { new ReLU(), x => Math.Max(0, x) },
        { new Sigmoid(), x => 1 / (1 + Math.Exp(-x)) },
    };

    [Theory]
    [MemberData(nameof(Modules))]
    public void Forward_AppliesTheFunctionToEachValue(ElementwiseActivation module, Func<double, double> function)
    {
        double[] input = [-2.0, -0.5, 0.0, 0.5, 2.0];

        IReadOnlyList<Value> output = module.Forward(input);

        Assert.Equal(input.Length, output.Count);
        for (int i = 0; i < input.Length; i++)
            Assert.Equal(function(input[i]), output[i].Data, 1e-15);
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void HasNoParametersAndAcceptsAnyWidthWithoutOne(ElementwiseActivation module, Func<double, double> function)
    {
        Assert.Equal(0, module.ParameterCount);
        Assert.Null(module.InputSize);
        Assert.Null(module.OutputSize);
        Assert.Single(module.Forward(1.0));
        Assert.Equal(function(1.0), module.Forward(1.0, 2.0, 3.0, 4.0)[0].Data, 1e-15);
    }

    [Fact]
    public void Tanh3_AcceptsThreeValues()
    {
        var tanh = new Tanh(3);

        Assert.Equal(3, tanh.InputSize);
        Assert.Equal(3, tanh.OutputSize);
        Assert.Equal(3, tanh.Forward(0.1, 0.2, 0.3).Count);
    }

    [Fact]
    public void Tanh3_RejectsTwoValuesNamingBothWidths()
    {
        var error = Assert.Throws<ArgumentException>(() => new Tanh(3).Forward(0.1, 0.2));

        Assert.Equal("input", error.ParamName);
        Assert.Contains("Tanh(3)", error.Message);
        Assert.Contains("expects 3", error.Message);
        Assert.Contains("got 2", error.Message);
    }

    [Fact]
    public void Width_MustBeAtLeastOne()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ReLU(0));

        Assert.Equal("width", error.ParamName);
    }

    [Fact]
    public void Backward_PassesThroughEachFunctionsDerivative()
    {
        Value[] x = [new(0.5), new(0.5), new(0.5)];
        Value t = new Tanh().Forward([x[0]])[0];
        Value r = new ReLU().Forward([x[1]])[0];
        Value s = new Sigmoid().Forward([x[2]])[0];

        (t + r + s).Backward();

        // d tanh = 1 - tanh², d relu = 1 for x > 0, d σ = σ(1 - σ).
        Assert.Equal(1 - Math.Tanh(0.5) * Math.Tanh(0.5), x[0].Grad, 1e-15);
        Assert.Equal(1.0, x[1].Grad);
        double sigma = 1 / (1 + Math.Exp(-0.5));
        Assert.Equal(sigma * (1 - sigma), x[2].Grad, 1e-15);
    }
}
